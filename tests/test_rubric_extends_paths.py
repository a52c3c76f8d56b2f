"""`extends:` leads only to bundled rubrics, the named rubric's own folder, or --rubrics-dir."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from scorer.cli import app
from scorer.errors import RubricError
from scorer.rubric.loader import resolve_rubric
from tests.conftest import seed_files

SECRET = "数据库口令 hunter2-不可外泄"


def write(folder: Path, name: str, body: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(textwrap.dedent(body).lstrip(), encoding="utf-8")
    return path


def child(folder: Path, extends: str) -> Path:
    return write(folder, "child.yaml", f"""
        id: child
        title: 子
        version: "1"
        extends: {extends}
        basis: [乙]
        """)


@pytest.fixture
def secret(tmp_path) -> Path:
    return write(tmp_path, "secret.yaml", f"""
        id: secret
        title: {SECRET}
        version: "{SECRET}"
        basis: [{SECRET}]
        """)


@pytest.mark.parametrize("extends", ["../secret.yaml", "SECRET_ABSOLUTE", "/etc/passwd", "../../../../../../etc/hostname"])
def test_a_path_out_of_the_rubric_folder_is_refused_unread(tmp_path, secret, extends):
    extends = extends.replace("SECRET_ABSOLUTE", str(secret))
    rubric = child(tmp_path / "office", extends)
    with pytest.raises(RubricError) as error:
        resolve_rubric(str(rubric))
    line = str(error.value)
    assert f"extends: {extends} 指向评分细则所在目录以外的文件，不予读取" in line
    assert SECRET not in line and "root:x:0" not in line and "\n" not in line


def test_an_id_that_is_a_link_out_of_the_folder_is_refused(tmp_path, secret):
    office = tmp_path / "office"
    office.mkdir()
    os.symlink(secret, office / "province.yaml")
    with pytest.raises(RubricError, match="所在目录以外") as error:
        resolve_rubric(str(child(office, "province")))
    assert SECRET not in str(error.value)


def test_the_command_line_says_one_line_and_rubrics_dir_allows_the_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("ROLSCORE_RUBRICS_DIR", "")  # what --rubrics-dir sets is undone after the test
    shared = write(tmp_path / "shared", "base.yaml", """
        id: base
        title: 本省共用
        version: "1"
        extends: national
        basis: [甲]
        """)
    rubric = child(tmp_path / "office", "../shared/base.yaml")
    report = str(seed_files()[3])
    refused = CliRunner().invoke(app, ["score", "--rubric", str(rubric), report])
    assert refused.exit_code == 2 and len(refused.stderr.splitlines()) == 1 and "所在目录以外" in refused.stderr
    allowed = CliRunner().invoke(app, ["--rubrics-dir", str(shared.parent), "score", "--rubric", str(rubric), "--format", "json", report])
    assert allowed.exit_code in (0, 1), allowed.stderr
    assert '"id": "child"' in allowed.stdout


def test_rubrics_dir_must_be_a_folder(tmp_path):
    result = CliRunner().invoke(app, ["--rubrics-dir", str(tmp_path / "没有"), "score", str(seed_files()[3])])
    assert result.exit_code == 2 and "--rubrics-dir 不是目录" in result.stderr


def test_paths_inside_the_folder_and_bundled_ids_still_work(tmp_path):
    write(tmp_path / "office" / "layers", "base.yaml", """
        id: base
        title: 本地基础
        version: "1"
        extends: zhejiang
        basis: [甲]
        """)
    rubric = resolve_rubric(str(child(tmp_path / "office", "layers/base.yaml")))
    assert rubric.rubric.id == "child"
