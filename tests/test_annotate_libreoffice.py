"""The real client: LibreOffice opens the commented drafts, converts them to .odt, and
each comment is an annotation on the same text as in the .docx.

`make test` installs LibreOffice (Debian's libreoffice-writer-nogui). Each run uses its
own LibreOffice profile, so parallel runs do not share one.
"""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from scorer.annotate import annotate_bytes
from scorer.api import Scorer
from tests.draft_docx import anchored_texts, comment_texts, write_draft
from tests.rich_docx import rich_docx
from tests.wps_docx import wps_docx

SOFFICE = "/usr/bin/soffice"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"


def _convert(files: list[Path], tmp_path: Path) -> dict[str, bytes]:
    if not shutil.which(SOFFICE):
        pytest.fail("没有找到 /usr/bin/soffice：请运行 make test（以 root 安装 Debian 的 LibreOffice）")
    profile = (tmp_path / "lo-profile").as_uri()
    out = tmp_path / "odt"
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--norestore", "--convert-to", "odt", "--outdir", str(out), *map(str, files)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    return {file.stem: zipfile.ZipFile(out / f"{file.stem}.odt").read("content.xml") for file in files}


def annotations(content: bytes) -> dict[str, str]:
    """First line of each annotation -> the text it is anchored on (paragraphs joined by a line break)."""
    body = etree.fromstring(content).find(f"{{{OFFICE}}}body")
    label_of: dict[str, str] = {}
    texts: dict[str, list[str]] = {}
    open_names: dict[str, object] = {}

    def add(piece: str, paragraph) -> None:
        for name, last in list(open_names.items()):
            if last is not None and last is not paragraph and piece:
                texts[name].append("\n")
            if piece:
                open_names[name] = paragraph
                texts[name].append(piece)

    def walk(element, paragraph) -> None:
        tag = element.tag
        if tag == f"{{{OFFICE}}}annotation":
            name = element.get(f"{{{OFFICE}}}name")
            first = element.find(f"{{{TEXT}}}p")
            label_of[name] = "".join(first.itertext()) if first is not None else ""
            texts[name] = []
            open_names[name] = None
        elif tag == f"{{{OFFICE}}}annotation-end":
            open_names.pop(element.get(f"{{{OFFICE}}}name"), None)
        else:
            if tag in (f"{{{TEXT}}}p", f"{{{TEXT}}}h"):
                paragraph = element
            if tag == f"{{{TEXT}}}s":
                add(" " * int(element.get(f"{{{TEXT}}}c", "1")), paragraph)
            elif tag == f"{{{TEXT}}}tab":
                add("\t", paragraph)
            elif tag == f"{{{TEXT}}}line-break":
                add("\n", paragraph)
            elif tag != f"{{{TEXT}}}note":
                add(element.text or "", paragraph)
                for child in element:
                    walk(child, paragraph)
        add(element.tail or "", paragraph) if element.getparent() is not None and element.getparent().tag != f"{{{OFFICE}}}body" else None

    walk(body, None)
    return {label_of[name]: "".join(pieces) for name, pieces in texts.items()}


def test_libreoffice_shows_every_comment_on_the_same_text(tmp_path):
    scorer = Scorer.open("auto")
    seed = Path("seeds/002_518fe910bcc5f66a.txt")
    draft = write_draft(seed.read_text(encoding="utf-8"), tmp_path / "草稿.docx")
    wps = wps_docx([("某某区司法局2023年度法治政府建设情况报告", None), ("一、主要举措和成效", "2"), ("全年落实行政执法公示制度，公开执法信息 56 条。坚持以习近平新时代中国特色社会主义思想为指导。", None)])
    sources = {"草稿": draft.read_bytes(), "全要素": rich_docx(), "WPS": wps}
    annotated = {}
    for stem, data in sources.items():
        scored = scorer.score_bytes(data, f"{stem}.docx")
        annotated[stem] = annotate_bytes(data, f"{stem}.docx", scored)
        (tmp_path / f"{stem}-批注.docx").write_bytes(annotated[stem])
    converted = _convert([tmp_path / f"{stem}-批注.docx" for stem in sources], tmp_path)

    for stem, data in annotated.items():
        seen = annotations(converted[f"{stem}-批注"])
        in_word = comment_texts(data)
        anchored = anchored_texts(data)
        assert len(seen) == len(in_word)
        for cid, text in in_word.items():
            label = text.split("\n")[0]
            assert label in seen, f"{stem}: LibreOffice lost the comment {label}"
            assert seen[label] == anchored[cid], f"{stem}: {label}"
