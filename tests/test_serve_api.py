"""`rolscore serve` through Starlette's TestClient: formats, errors, token, limits, privacy, load."""

from __future__ import annotations

import io
import json
import logging
import re
import threading
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import docx
import pytest
from starlette.testclient import TestClient
from typer.testing import CliRunner

from scorer.cli import app as cli_app
from scorer.web.app import create_app
from scorer.web.settings import MEGABYTE, ServeSettings
from tests.conftest import seed_files
from tests.make_formats import title_of, write_docx, write_html, write_mht, write_pdf
from tests.serve_support import SLOW_MARK, slow_worker_main

SEED = seed_files()[0]
LIMIT = 4 * MEGABYTE
BUILDERS = {
    "docx": lambda text, folder: write_docx(text, folder / "草稿.docx", styled=True),
    "pdf": lambda text, folder: write_pdf(text, folder / "正式版.pdf"),
    "html": lambda text, folder: write_html(text, folder / "网页.html", title_of(text)),
    "mht": lambda text, folder: write_mht(text, folder / "网页存档.mht", title_of(text)),
    "txt": lambda text, folder: _copy(SEED, folder / "文本.txt"),
}


def _copy(source: Path, target: Path) -> Path:
    target.write_bytes(source.read_bytes())
    return target


@pytest.fixture(scope="module")
def formats(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("formats")
    text = SEED.read_text(encoding="utf-8")
    return {kind: build(text, folder) for kind, build in BUILDERS.items()}


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app(ServeSettings(workers=2, max_bytes=LIMIT))) as test_client:
        yield test_client


def cli_json(path: Path) -> dict:
    result = CliRunner().invoke(cli_app, ["score", str(path), "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def without_file(payload: dict) -> dict:
    return {key: value for key, value in payload.items() if key != "file"}


@pytest.mark.parametrize("kind", sorted(BUILDERS))
def test_each_format_answers_the_cli_json(client, formats, kind):
    path = formats[kind]
    answer = client.post("/api/score", files={"file": (path.name, path.read_bytes())})
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("application/json")
    payload = answer.json()
    assert payload["file"] == path.name
    assert without_file(payload) == without_file(cli_json(path))


def test_a_raw_body_with_a_filename_query(client, formats):
    path = formats["docx"]
    answer = client.post("/api/score", params={"filename": path.name}, content=path.read_bytes())
    assert answer.status_code == 200
    assert without_file(answer.json()) == without_file(cli_json(path))


def test_the_rubric_choice_is_used_and_said(client, formats):
    rubrics = client.get("/api/rubrics").json()
    ids = [entry["id"] for entry in rubrics["rubrics"]]
    assert rubrics["default"] == "auto" and ids[0] == "auto" and "national" in ids and "gansu" in ids
    assert all(entry["title"] for entry in rubrics["rubrics"])
    path = formats["txt"]
    answer = client.post("/api/score", params={"rubric": "gansu"}, files={"file": (path.name, path.read_bytes())})
    assert answer.json()["rubric"]["id"] == "gansu"
    assert "甘肃省" in answer.json()["rubric"]["reason"]
    unknown = client.post("/api/score", data={"rubric": "/etc/passwd"}, files={"file": (path.name, path.read_bytes())})
    assert unknown.status_code == 400 and "没有这个评分细则" in unknown.json()["error"]


def _docx_bytes(text: str) -> bytes:
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", " " * (101 * MEGABYTE))
    return buffer.getvalue()


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
BAD_UPLOADS = {
    # name: (content, status, words the one line holds)
    "空白.txt": (b"", 400, "文件是空的"),
    "截断.docx": (_docx_bytes("某局2023年法治政府建设年度报告\n一、主要举措")[:3000], 400, "Word 文件"),
    "炸弹.docx": (_zip_bomb(), 400, "解压后过大"),
    "照片.docx": (b"\x89PNG\r\n\x1a\n" + bytes(200), 415, "PNG 图片"),
    "旧版.doc": (OLE, 415, "旧版 Word"),
    "表格.xyz": ("某局报告正文".encode(), 415, "不支持的文件类型"),
}


@pytest.mark.parametrize("name", sorted(BAD_UPLOADS))
def test_a_bad_file_gets_the_cli_line_and_its_status(client, name, tmp_path, monkeypatch):
    content, status, words = BAD_UPLOADS[name]
    answer = client.post("/api/score", files={"file": (name, content)})
    assert answer.status_code == status
    line = answer.json()["error"]
    assert words in line and name in line and "\n" not in line
    # The same line the command prints for the same file, named the same way.
    (tmp_path / name).write_bytes(content)
    monkeypatch.chdir(tmp_path)
    printed = CliRunner().invoke(cli_app, ["score", name], env={"COLUMNS": "1000"})
    assert printed.exit_code == 2
    assert " ".join(printed.output.split()) == "错误：" + " ".join(line.split())


def test_the_page_shows_a_bad_file_line_with_its_status(client):
    answer = client.post("/score", data={"rubric": "guangdong"}, files={"file": ("照片.png", b"\x89PNG\r\n\x1a\n" + bytes(100))})
    assert answer.status_code == 415
    assert "照片.png: 文件内容是 PNG 图片，不是报告文字" in answer.text
    assert 'id="upload"' in answer.text  # the upload form again, to try another file
    assert re.search(r'<option value="guangdong" selected>', answer.text), "with the rubric the drafter chose"


def test_a_zip_bomb_is_refused_without_inflating(client):
    started = time.perf_counter()
    answer = client.post("/api/score", files={"file": ("bomb.docx", _zip_bomb())})
    assert answer.status_code == 400 and "解压后过大" in answer.json()["error"]
    assert client.get("/healthz").json()["ready"] == 2, "the worker that read it is still there"
    assert time.perf_counter() - started < 60


@pytest.mark.parametrize(
    ("sent", "shown"),
    [
        ("../../x.docx", "x.docx"),
        ("..\\..\\windows\\x.docx", "x.docx"),
        ("/etc/passwd/x.docx", "x.docx"),
        ("a\x00b\nc\r\x1b[31md.docx", "abc[31md.docx"),
        ("报告\u202excod.exe.docx", "报告xcod.exe.docx"),
        ("..", "上传的文件"),
    ],
)
def test_hostile_file_names_are_only_labels(client, formats, sent, shown):
    data = formats["docx"].read_bytes()
    answer = client.post("/api/score", params={"filename": sent}, content=data)
    assert answer.status_code == 200
    assert answer.json()["file"] == shown


def test_a_hostile_name_on_the_page_is_text(client, formats):
    data = formats["docx"].read_bytes()
    answer = client.post("/score", files={"file": ('<img src=x onerror=alert(1)>".docx', data)})
    assert answer.status_code == 200
    assert "<img src=x" not in answer.text
    assert "&lt;img src=x onerror=alert(1)&gt;" in answer.text


def test_over_the_limit_by_declared_length_and_by_stream(client):
    big = b"a" * (LIMIT + 10)
    declared = client.post("/api/score", params={"filename": "大.txt"}, content=big)
    assert declared.status_code == 413
    assert declared.json()["error"].startswith("大.txt: 文件过大（4.0 MB，上限 4 MB）")

    def chunks():  # no Content-Length: the limit is found while reading
        for _ in range(5):
            yield b"a" * MEGABYTE

    streamed = client.post("/api/score", params={"filename": "流.txt"}, content=chunks())
    assert streamed.status_code == 413 and "上限 4 MB" in streamed.json()["error"]
    form = client.post("/api/score", files={"file": ("表单.txt", big)})
    assert form.status_code == 413
    page = client.post("/score", files={"file": ("表单.txt", big)})
    assert page.status_code == 413 and "文件过大" in page.text


def test_under_the_limit_nothing_touches_the_disk(monkeypatch, tmp_path, formats):
    """An upload over Starlette's 1 MB spooling size leaves no trace in the temporary folder
    (which holds only what the engine caches for itself, such as jieba's dictionary)."""
    import tempfile

    spool = tmp_path / "tmp"
    spool.mkdir()
    monkeypatch.setenv("TMPDIR", str(spool))
    monkeypatch.setattr(tempfile, "tempdir", str(spool))
    text = SEED.read_text(encoding="utf-8")
    padding = "\n".join(f"附：第{n}项工作台账已归档（标记甲乙丙）。" for n in range(40_000))
    data = (text + padding).encode("utf-8")
    assert 1.5 * MEGABYTE < len(data) < LIMIT
    with TestClient(create_app(ServeSettings(workers=1, max_bytes=LIMIT))) as own:
        answer = own.post("/score", files={"file": ("大报告.txt", data)})
        assert answer.status_code == 200
    written = [path for path in spool.rglob("*") if path.is_file()]
    assert all("标记甲乙丙".encode() not in path.read_bytes() for path in written)
    assert all("jieba" in path.name for path in written), written


def test_the_log_holds_no_name_and_no_text(client, formats, caplog):
    caplog.set_level(logging.INFO, logger="rolscore.serve")
    path = formats["docx"]
    client.post("/api/score", files={"file": ("机密草稿甲.docx", path.read_bytes())})
    client.post("/score", files={"file": ("机密草稿乙.png", b"\x89PNG\r\n\x1a\n")})
    lines = [record.getMessage() for record in caplog.records if record.name == "rolscore.serve"]
    assert len(lines) == 2
    assert "200 size=" in lines[0] and "type=docx" in lines[0] and "score=" in lines[0]
    assert "415" in lines[1] and "type=png" not in lines[1]
    body = path.read_bytes()
    for line in lines:
        assert "机密草稿" not in line and "司法" not in line and "法治" not in line
        assert str(len(body)) in lines[0]


def test_concurrent_requests_each_get_their_own_answer(client, formats):
    paths = [formats[kind] for kind in ("docx", "html", "txt", "pdf")] * 4
    expected = {path.name: without_file(cli_json(path)) for path in set(paths)}

    def upload(path: Path) -> tuple[str, int, dict]:
        answer = client.post("/api/score", files={"file": (path.name, path.read_bytes())})
        return path.name, answer.status_code, answer.json()

    with ThreadPoolExecutor(max_workers=8) as threads:
        answers = list(threads.map(upload, paths))
    for name, status, payload in answers:
        assert status == 200 and payload["file"] == name
        assert without_file(payload) == expected[name]


def test_health_and_headers(client):
    health = client.get("/healthz")
    assert health.status_code == 200
    assert health.json()["status"] == "ok" and health.json()["workers"] == 2
    page = client.get("/")
    headers = page.headers
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"
    assert headers["x-frame-options"] == "DENY"
    csp = headers["content-security-policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert "<script>" not in page.text and " on" not in page.text.replace(" one", "")
    assert "不写入磁盘" in page.text


def test_the_scorecard_page_allows_only_its_own_script(client, formats):
    path = formats["docx"]
    answer = client.post("/score", files={"file": (path.name, path.read_bytes())})
    csp = answer.headers["content-security-policy"]
    script_src = csp.split("script-src ")[1].split(";")[0].split()
    assert len(script_src) == 1 and script_src[0].startswith("'sha256-")
    assert "下载 JSON" in answer.text and "评分另一份报告" in answer.text
    assert answer.headers["cache-control"] == "no-store"
    commented = re.search(r'<a class="download" download="([^"]+)" href="data:application/vnd\.openxmlformats-officedocument\.wordprocessingml\.document;base64,([^"]+)">下载带批注的 Word</a>', answer.text)
    assert commented and commented.group(1) == "草稿-批注.docx"
    import base64

    document = docx.Document(io.BytesIO(base64.b64decode(commented.group(2))))
    assert len(document.comments) >= sum(1 for e in cli_json(path)["elements"] if e["status"] != "met")


# ---------------------------------------------------------------- token


@pytest.fixture(scope="module")
def guarded():
    with TestClient(create_app(ServeSettings(workers=1, token="门-令牌-42"))) as test_client:
        yield test_client


@pytest.mark.parametrize("path", ["/", "/healthz", "/api/rubrics", "/static/app.js", "/score"])
def test_without_the_token_only_401(guarded, path):
    answer = guarded.get(path, headers={"accept": "application/json"})
    assert answer.status_code == 401
    assert set(answer.json()) == {"error", "status"}
    page = guarded.get(path, headers={"accept": "text/html"})
    assert page.status_code == 401
    if path.startswith("/api/"):  # a program's address answers a program, whatever it accepts
        assert set(page.json()) == {"error", "status"}
        return
    assert 'type="password"' in page.text and "评分细则" not in page.text and "<script" not in page.text


def test_the_token_in_a_header(guarded, formats):
    assert guarded.get("/healthz", headers={"authorization": "Bearer 门-令牌-42".encode()}).status_code == 200
    assert guarded.get("/healthz", headers={"authorization": "Bearer wrong"}).status_code == 401
    path = formats["txt"]
    answer = guarded.post("/api/score", files={"file": (path.name, path.read_bytes())}, headers={"authorization": "Bearer 门-令牌-42".encode()})
    assert answer.status_code == 200
    refused = guarded.post("/api/score", files={"file": (path.name, path.read_bytes())})
    assert refused.status_code == 401 and "score" not in refused.json()


def test_the_login_form_sets_a_cookie(formats):
    with TestClient(create_app(ServeSettings(workers=1, token="门-令牌-42"))) as fresh:
        wrong = fresh.post("/login", data={"token": "猜一个"}, follow_redirects=False)
        assert wrong.status_code == 401 and "令牌不正确" in wrong.text and "set-cookie" not in wrong.headers
        right = fresh.post("/login", data={"token": "门-令牌-42"}, follow_redirects=False)
        assert right.status_code == 303
        cookie = right.headers["set-cookie"]
        assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "门-令牌-42" not in cookie
        assert fresh.get("/").status_code == 200
        assert 'id="upload"' in fresh.get("/").text


# ---------------------------------------------------------------- load limits


@pytest.fixture()
def one_slow_worker():
    settings = ServeSettings(workers=1, queue=0, timeout=3)
    with TestClient(create_app(settings, worker=slow_worker_main)) as test_client:
        yield test_client


def _wait_until(condition, client) -> None:
    while not condition(client.get("/healthz").json()):
        time.sleep(0.05)


def test_a_runaway_job_gets_503_and_its_worker_is_replaced(one_slow_worker, formats):
    data = formats["txt"].read_bytes()
    answer = one_slow_worker.post("/api/score", files={"file": (f"{SLOW_MARK}.txt", data)})
    assert answer.status_code == 503
    assert "评分超时（超过 3 秒）" in answer.json()["error"] and answer.headers["retry-after"]
    _wait_until(lambda health: health["busy"] == 0 and health["ready"] == 1, one_slow_worker)
    again = one_slow_worker.post("/api/score", files={"file": ("快.txt", data)})
    assert again.status_code == 200, "a fresh worker took the dead one's place"


def test_a_full_queue_answers_503_at_once(one_slow_worker, formats):
    data = formats["txt"].read_bytes()
    first: list = []
    runner = threading.Thread(target=lambda: first.append(one_slow_worker.post("/api/score", files={"file": (f"{SLOW_MARK}.txt", data)})))
    runner.start()
    _wait_until(lambda health: health["busy"] == 1, one_slow_worker)
    second = one_slow_worker.post("/api/score", files={"file": ("等.txt", data)})
    assert second.status_code == 503 and "排队" in second.json()["error"]
    page = one_slow_worker.post("/score", files={"file": ("等.txt", data)})
    assert page.status_code == 503 and "排队" in page.text
    runner.join()
    assert first[0].status_code == 503
