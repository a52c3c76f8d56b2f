"""`rolscore serve` as a drafter meets it: a real server process on a free loopback port,
driven by Debian's chromium through Playwright."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import ROOT, seed_files
from tests.make_formats import write_docx
from tests.browser import browser  # noqa: F401 - the shared chromium fixture
from tests.test_browser import HOSTILE_REPORT

MAX_MB = 1  # small, so the page's own size check can be seen without a huge file


def start_service(tmp_path_factory, options: list[str]):
    """`rolscore serve --port 0 OPTIONS` in its own process; yields its address and its log file."""
    log = tmp_path_factory.mktemp("serve") / "stderr.log"
    with open(log, "wb") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "scorer", "serve", "--port", "0", *options],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=stderr, text=True,
        )
    first: list[str] = []
    reader = threading.Thread(target=lambda: first.append(process.stdout.readline()), daemon=True)
    reader.start()
    reader.join(180)
    if not first or "http://" not in first[0]:
        process.kill()
        pytest.fail(f"the service did not start: {first} {log.read_text(encoding='utf-8', errors='replace')}")
    yield re.search(r"http://\S+?/", first[0]).group(0), log
    process.terminate()
    try:
        process.wait(20)
    except subprocess.TimeoutExpired:
        process.kill()
        pytest.fail("the service did not stop on SIGTERM")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    yield from start_service(tmp_path_factory, ["--workers", "1", "--max-size", str(MAX_MB)])


def _page(browser, **options):
    context = browser.new_context(accept_downloads=True, **options)
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    opened.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    return context, opened, errors


@pytest.fixture()
def page(browser):
    context, opened, errors = _page(browser, viewport={"width": 1366, "height": 900})
    yield opened
    context.close()
    assert errors == [], "the pages must run without script errors or blocked resources"


@pytest.fixture(scope="module")
def draft(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("drafts")
    return write_docx(seed_files()[2].read_text(encoding="utf-8"), folder / "区司法局 2023 年报告（草稿）.docx", styled=True)


def cli_json(path: Path) -> dict:
    from typer.testing import CliRunner

    from scorer.cli import app

    result = CliRunner().invoke(app, ["score", str(path), "--format", "json"])
    return json.loads(result.stdout)


def test_choose_a_docx_see_the_scorecard_click_an_element_download_json(page: Page, server, draft, tmp_path):
    address, log = server
    page.goto(address)
    expect(page.locator("h1")).to_have_text("法治政府建设年度报告评分")
    expect(page.locator("#rubric option:checked")).to_have_text(re.compile("自动选择"))
    expect(page.locator(".privacy")).to_contain_text("不写入磁盘")

    # Hold the form back when it is sent, to see the progress line it shows meanwhile.
    page.evaluate("""() => { const send = HTMLFormElement.prototype.submit;
        window.__send = form => send.call(form);
        HTMLFormElement.prototype.submit = function () { window.__held = this; }; }""")
    page.set_input_files("#file", str(draft))
    expect(page.locator("#progress")).to_be_visible()
    expect(page.locator("#progress-name")).to_have_text(draft.name)
    expect(page.locator("#progress-text")).to_have_text(re.compile(r"正在上传并评分… 已用 \d+ 秒"))
    expect(page.locator("#drop")).to_have_css("pointer-events", "none")
    page.evaluate("() => window.__send(window.__held)")

    expected = cli_json(draft)
    expect(page.locator(".scorebox .n")).to_have_text(f"{expected['score']:g}", timeout=60_000)
    expect(page.locator(".facts .file")).to_have_text(draft.name)
    assert page.locator("#report-text mark.hl").count() > 0

    card = page.locator(".el:not([data-evidence=''])").nth(2)
    evidence = card.get_attribute("data-evidence").split()
    card.locator("h3").click()
    expect(card).to_have_class(re.compile(r"\bselected\b"))
    lit = page.locator(f'#report-text mark.hl.active[data-ev~="{evidence[0]}"]').first
    expect(lit).to_be_in_viewport()

    with page.expect_download() as waiting:
        page.locator(".serve-bar a", has_text="下载 JSON").click()
    download = waiting.value
    assert download.suggested_filename == "区司法局 2023 年报告（草稿）-评分.json"
    downloaded = json.loads(Path(download.path()).read_text(encoding="utf-8"))
    assert downloaded["file"] == draft.name
    assert {k: v for k, v in downloaded.items() if k != "file"} == {k: v for k, v in expected.items() if k != "file"}

    page.locator(".serve-bar a", has_text="评分另一份报告").click()
    expect(page.locator("#drop")).to_be_visible()
    assert draft.stem not in log.read_text(encoding="utf-8"), "the log never names the file"


def test_dropping_a_file_on_the_zone_scores_it(page: Page, server):
    address, _ = server
    seed = seed_files()[4]
    page.goto(address)
    page.evaluate(
        """([name, text]) => {
            const data = new DataTransfer();
            data.items.add(new File([text], name, { type: "text/plain" }));
            document.getElementById("drop").dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true }));
        }""",
        [seed.name, seed.read_text(encoding="utf-8")],
    )
    expected = cli_json(seed)
    expect(page.locator(".scorebox .n")).to_have_text(f"{expected['score']:g}", timeout=60_000)
    expect(page.locator(".facts .file")).to_have_text(seed.name)


def test_a_bad_file_shows_the_cli_line_on_the_page(browser, server, tmp_path):
    address, _ = server
    picture = tmp_path / "扫描件.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(300))
    context, page, errors = _page(browser)
    page.goto(address)
    with page.expect_response("**/score") as answer:
        page.set_input_files("#file", str(picture))
    assert answer.value.status == 415
    expect(page.locator("#error")).to_have_text(re.compile(r"^扫描件\.png: 文件内容是 PNG 图片，不是报告文字（.+OCR.+）$"))
    expect(page.locator("#file")).to_be_enabled()
    context.close()
    assert errors == ["Failed to load resource: the server responded with a status of 415 (Unsupported Media Type)"]


def test_a_file_over_the_limit_is_stopped_before_it_is_sent(page: Page, server, tmp_path):
    address, _ = server
    big = tmp_path / "很大的报告.txt"
    big.write_bytes("某局报告。\n".encode() * (MAX_MB * 1024 * 1024 // 10))
    sent = []
    page.on("request", lambda request: sent.append(request.url) if request.method == "POST" else None)
    page.goto(address)
    page.set_input_files("#file", str(big))
    expect(page.locator("#error")).to_have_text(re.compile(rf"^很大的报告\.txt: 文件过大（\d+\.\d MB，上限 {MAX_MB} MB）"))
    assert sent == []


def test_a_hostile_report_shows_its_markup_as_text_and_runs_nothing(page: Page, server, tmp_path):
    address, _ = server
    hostile = tmp_path / "<img src=x onerror=window.__pwned=9>.txt"
    hostile.write_text(HOSTILE_REPORT, encoding="utf-8")
    page.goto(address)
    page.set_input_files("#file", str(hostile))
    expect(page.locator(".scorebox")).to_be_visible(timeout=60_000)
    page.locator("#report-text").hover()
    assert page.evaluate("() => window.__pwned") is None
    assert page.title() != "pwned" and page.title().startswith("<img src=x")  # the name, as text
    assert page.locator("img").count() == 0
    assert page.locator("script").count() == 1
    text = page.locator("#report-text").inner_text()
    assert "<script>window.__pwned = 1</script>" in text
    assert '<img src=x onerror="window.__pwned = 3">' in text
    expect(page.locator(".facts .file")).to_have_text("<img src=x onerror=window.__pwned=9>.txt")


def test_phone_width_and_print(browser, server, draft):
    address, _ = server
    context, phone, errors = _page(browser, viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True, has_touch=True)
    phone.goto(address)
    expect(phone.locator("#drop")).to_be_visible()
    expect(phone.locator(".drop-big.touch")).to_be_visible()  # nothing to drag from on a phone
    expect(phone.locator(".drop-big.mouse")).to_be_hidden()
    assert phone.evaluate("() => document.documentElement.scrollWidth") <= 390
    phone.set_input_files("#file", str(draft))
    expect(phone.locator(".scorebox")).to_be_visible(timeout=60_000)
    assert phone.evaluate("() => document.documentElement.scrollWidth") <= 390
    expect(phone.locator(".serve-bar a", has_text="下载 JSON")).to_be_visible()
    phone.emulate_media(media="print")
    assert phone.locator(".serve-bar").evaluate("bar => getComputedStyle(bar).display") == "none"
    pdf = phone.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page") >= 2
    context.close()
    assert errors == []


def test_download_the_commented_word_copy(page: Page, server, draft):
    import docx

    address, _ = server
    page.goto(address)
    page.set_input_files("#file", str(draft))
    expect(page.locator(".scorebox")).to_be_visible(timeout=60_000)
    with page.expect_download() as waiting:
        page.locator(".serve-bar a", has_text="下载带批注的 Word").click()
    download = waiting.value
    assert download.suggested_filename == "区司法局 2023 年报告（草稿）-批注.docx"
    commented = docx.Document(download.path())
    open_items = [e for e in cli_json(draft)["elements"] if e["status"] != "met"]
    texts = [comment.text for comment in commented.comments]
    assert open_items and len(texts) >= len(open_items)
    assert any(open_items[0]["title"] in text for text in texts)
    original = [p.text for p in docx.Document(draft).paragraphs]
    assert [p.text for p in commented.paragraphs] == original, "the drafter's text is untouched"
