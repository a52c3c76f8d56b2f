"""`rolscore score FILE --html PATH` writes the report's scorecard page."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from scorer.cli import app
from tests.conftest import seed_files
from tests.html_parse import read_page


def score(*args: str):
    return CliRunner().invoke(app, ["score", *args])


def test_html_page_for_one_report(tmp_path):
    seed = seed_files()[0]
    page = tmp_path / "卡片" / "card.html"
    result = score(str(seed), "--html", str(page), "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["file"] == str(seed), "stdout keeps the JSON contract"
    html = page.read_text(encoding="utf-8")
    assert "".join(read_page(html).report_text) == seed.read_text(encoding="utf-8")
    assert "返回汇总" not in html, "a page of its own has no index to go back to"


def test_html_folder_for_several_reports(tmp_path):
    result = score(*map(str, seed_files()), "--html", str(tmp_path / "pages"))
    assert result.exit_code == 0
    assert sorted(p.name for p in (tmp_path / "pages").iterdir()) == sorted(f"{s.stem}.html" for s in seed_files())


def test_one_html_file_for_several_reports_is_bad_usage(tmp_path):
    result = score(*map(str, seed_files()[:2]), "--html", str(tmp_path / "one.html"))
    assert result.exit_code == 2
    assert "rolscore audit" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "one.html").exists()


def test_unreadable_report_writes_no_page(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = score(str(empty), "--html", str(tmp_path / "card.html"))
    assert result.exit_code == 2
    assert "empty.txt" in result.stderr
    assert not (tmp_path / "card.html").exists()


def test_a_scorecard_never_overwrites_the_report(tmp_path):
    from typer.testing import CliRunner

    from scorer.cli import app

    report = tmp_path / "a.html"
    report.write_text("<html><body><h1>某某市司法局2023年度法治政府建设情况的报告</h1><p>一、主要举措和成效</p><p>全面推进依法行政。</p></body></html>", encoding="utf-8")
    before = report.read_bytes()
    for target in (tmp_path, report):
        result = CliRunner().invoke(app, ["score", str(report), "--html", str(target)])
        assert result.exit_code == 2
        assert "覆盖报告" in result.stderr
    assert report.read_bytes() == before
