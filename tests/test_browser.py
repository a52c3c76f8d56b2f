"""The audit's pages in a real browser: Debian's chromium driven by Playwright.

`make test` installs chromium when /usr/bin/chromium is missing; no browser is ever
downloaded by Playwright itself.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from playwright.sync_api import Page, expect

from scorer.render.pages import render_scorecard
from tests.browser import browser  # noqa: F401 - the shared chromium fixture
from tests.conftest import SEEDS
from tests.test_html import result_with_evidence, text_and_spans

HOSTILE_REPORT = """<script>window.__pwned = 1</script>某市<img src=x onerror="window.__pwned = 2">司法局2023年法治政府建设年度报告

2023年，某市司法局坚持以习近平法治思想为指导，现将有关情况报告如下：<script>document.title = "pwned"</script>

一、主要举措和成效
（一）严格规范执法。全面落实行政执法公示制度、执法全过程记录制度、重大执法决定法制审核制度<img src=x onerror="window.__pwned = 3">，全年办理行政处罚案件120件，法制审核率100%。
（二）推进政务公开。主动公开政府信息356条，办理依申请公开12件。
二、存在的不足和原因
执法人员专业能力仍有差距，主要是由于培训不够系统<b onmouseover="window.__pwned = 4">。
三、下一年度工作安排
2024年，我局将继续推进严格规范公正文明执法。
"""


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    opened.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    yield opened
    context.close()
    assert errors == [], "the pages must run without script errors or blocked resources"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    from typer.testing import CliRunner

    from scorer.cli import app

    root = tmp_path_factory.mktemp("site")
    folder = root / "reports"
    shutil.copytree(SEEDS, folder, ignore=shutil.ignore_patterns("*.yaml"))
    (folder / "hostile.txt").write_text(HOSTILE_REPORT, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    out = root / "out"
    result = CliRunner().invoke(app, ["audit", str(folder), "--out", str(out), "--jobs", "1", "-q"])
    assert result.exit_code == 1, result.stderr
    return out


def scores(page: Page) -> list[float]:
    cells = page.locator("#ranking tbody tr:not(.failed) td.score").all_inner_texts()
    return [float(cell) for cell in cells]


def test_sort_open_report_click_element_highlights_evidence(page, site, tmp_path):
    page.goto((site / "index.html").as_uri())
    page.screenshot(path=str(tmp_path / "index.png"), full_page=True)

    score_header = page.locator("#ranking thead th", has_text="得分").locator("button")
    score_header.click()
    assert scores(page) == sorted(scores(page), reverse=True)
    assert page.locator("#ranking thead th", has_text="得分").get_attribute("aria-sort") == "descending"
    score_header.click()
    ascending = scores(page)
    assert ascending == sorted(ascending) and len(ascending) == 6
    expect(page.locator("#ranking tbody tr").last).to_have_class("failed")

    weakest = page.locator("#ranking tbody tr").first.locator("td.sticky-2 a")
    weakest.click()
    expect(page).to_have_url(re.compile(r"/reports/[^/]+\.html$"))
    expect(page.locator(".scorebox .n")).to_have_text(f"{ascending[0]:g}")

    # The last element with evidence: its quote is far down the text, so it must scroll.
    card = page.locator(".el:not([data-evidence=''])").last
    evidence = card.get_attribute("data-evidence").split()
    card.locator("h3").click()
    expect(card).to_have_class(re.compile(r"\bselected\b"))
    lit = page.locator(f'#report-text mark.hl.active[data-ev~="{evidence[0]}"]').first
    expect(lit).to_be_visible()
    expect(lit).to_be_in_viewport()
    colour = lit.evaluate("mark => getComputedStyle(mark).backgroundColor")
    assert colour == "rgb(255, 224, 102)"
    others = page.locator("#report-text mark.hl.active").evaluate_all(
        "(marks, ids) => marks.every(m => m.dataset.ev.split(' ').some(id => ids.includes(id)))", evidence
    )
    assert others, "only the chosen element's evidence is lit"
    shot = tmp_path / "scorecard.png"
    page.screenshot(path=str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20000

    # And back: the chip in the text leads to its element.
    page.locator(f"#{evidence[0]}").click()
    expect(card).to_be_in_viewport()


def test_evidence_link_lights_that_quote(page, site):
    page.goto((site / "reports" / "002_518fe910bcc5f66a.html").as_uri())
    link = page.locator("#el-three_systems a.ev-link").nth(1)
    target = link.get_attribute("data-ev")
    link.click()
    expect(page.locator(f'mark.hl.active[data-ev~="{target}"]').first).to_be_in_viewport()
    assert page.url.endswith(f"#{target}")


def test_heat_map_cell_opens_that_element(page, site):
    page.goto((site / "index.html").as_uri())
    row = page.locator("#ranking tbody tr", has_text="市应急管理局").filter(has_text="002_518fe910bcc5f66a")
    row.locator("td.hm.st-missing a").first.click()
    expect(page).to_have_url(re.compile(r"\.html#el-[a-z_]+$"))
    element = page.url.split("#")[1]
    card = page.locator(f"#{element}")
    expect(card).to_have_class(re.compile(r"\bst-missing\b.*\bselected\b"))
    expect(card).to_be_in_viewport()


def test_filter_keeps_matching_rows(page, site):
    page.goto((site / "index.html").as_uri())
    page.locator("#filter").fill("兰州")
    visible = page.locator("#ranking tbody tr:visible")
    expect(visible).to_have_count(1)
    expect(page.locator("#shown")).to_have_text("显示 1 / 7 份")
    page.locator("#filter").fill("")
    expect(visible).to_have_count(7)
    # The figure of failing reports at the top filters the table to them.
    page.locator("a.stat", has_text="份不合格").click()
    expect(visible).to_have_count(2)
    for grade in visible.locator(".gtag").all_inner_texts():
        assert grade == "不合格"


def test_hostile_report_shows_its_markup_as_text_and_runs_nothing(page, site):
    for url in [(site / "index.html").as_uri(), (site / "reports" / "hostile.html").as_uri()]:
        page.goto(url)
        page.locator("#ranking tbody tr, #report-text").first.hover()
        assert page.evaluate("() => window.__pwned") is None
        assert "pwned" not in page.title()
        assert page.locator("img").count() == 0
        assert page.locator("script").count() == 1
    text = page.locator("#report-text").inner_text()
    assert '<script>window.__pwned = 1</script>' in text
    assert '<img src=x onerror="window.__pwned = 3">' in text
    expect(page.locator(".ev-link q").first).to_be_visible()


def test_phone_and_print_layouts(browser, site, tmp_path):
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True)
    phone = context.new_page()
    for name in ["index.html", "reports/002_518fe910bcc5f66a.html"]:
        phone.goto((site / name).as_uri())
        width = phone.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 390, f"{name} must not scroll sideways on a phone"
    phone.screenshot(path=str(tmp_path / "phone.png"))
    phone.emulate_media(media="print")
    assert phone.locator("nav").evaluate("nav => getComputedStyle(nav).display") == "none"
    assert phone.locator(".report").evaluate("pane => getComputedStyle(pane).overflow") == "visible"
    pdf = phone.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page") >= 2
    context.close()


@pytest.fixture(scope="module")
def blank_page(browser):
    opened = browser.new_page()
    yield opened
    opened.close()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=text_and_spans())
def test_any_report_text_round_trips_in_the_browser(blank_page, case):
    text, spans = case
    blank_page.set_content(render_scorecard(result_with_evidence(text, spans, meta="<b>x</b>"), text))
    shown = blank_page.evaluate(
        """() => { const t = document.getElementById('report-text').cloneNode(true);
                   t.querySelectorAll('.chip').forEach(c => c.remove()); return t.textContent; }"""
    )
    # NUL is the one character an HTML page cannot carry: browsers show U+FFFD.
    assert shown == text.replace("\x00", "\ufffd")
    injected = blank_page.evaluate("() => [...document.querySelectorAll('b')].filter(b => b.textContent === 'x').length")
    assert injected == 0 and "<b>x</b>" in blank_page.locator("h1").inner_text(), "report markup shows as text"
