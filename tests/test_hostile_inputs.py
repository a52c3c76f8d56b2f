"""Broken, hostile and misnamed files: one clear line naming the file, or the report read anyway."""

from __future__ import annotations

import builtins
import codecs
import io
import json
import os
import random
import zipfile

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from scorer.cli import app
from scorer.errors import ReadError
from scorer.read import read_document, read_document_bytes
from tests.conftest import seed_files
from tests.make_formats import write_html, write_pdf

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
REPORT = "某市司法局2023年度法治政府建设工作报告\n一、主要举措和成效\n全年办理行政复议案件12件，负责人出庭应诉3次。\n"
TRADITIONAL = "某市司法局2023年度法治政府建設工作報告\n一、主要舉措和成效\n全年辦理行政復議案件12件，負責人出庭應訴3次。\n"


def _zip(*names: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<xml/>")
    return buffer.getvalue()


def _docx_bytes() -> bytes:
    buffer = io.BytesIO()
    document = docx.Document()
    for line in REPORT.splitlines():
        document.add_paragraph(line)
    document.save(buffer)
    return buffer.getvalue()


BAD_FILES = {
    # name: (content, what the one line must say)
    "空文件.txt": (b"", "文件是空的"),
    "只有空白.txt": (" \n\t\r\n\u3000\u3000\n".encode(), "没有可评分的文字"),
    "只有空白 UTF16.txt": (codecs.BOM_UTF16_LE + " \n \n".encode("utf-16-le"), "没有可评分的文字"),
    "random bytes.txt": (random.Random(5).randbytes(5000), "二进制文件"),
    "random bytes without zero.txt": (bytes(b or 1 for b in random.Random(6).randbytes(5000)), "无法识别文件编码"),
    "程序.txt": (b"\x7fELF\x02\x01\x01" + bytes(200), "程序文件"),
    "截图.txt": (b"\x89PNG\r\n\x1a\n" + bytes(100), "PNG 图片"),
    "照片.docx": (b"\xff\xd8\xff\xe0" + bytes(100), "JPEG 图片"),
    "旧版 报告.doc": (OLE, "旧版 Word 格式（.doc）"),
    "旧版.wps": (OLE, "WPS 文字旧格式"),
    "改了扩展名.docx": (OLE, "扩展名是 .docx，但内容是旧版"),
    "加密.docx": (OLE + "EncryptionInfo".encode("utf-16-le"), "打开密码"),
    "report.rtf": (b"{\\rtf1\\ansi \\'b7\\'a8}", "RTF"),
    "不是Word.doc": ("只是一段文字".encode(), "内容不是 Word/WPS 文档"),
    "压缩包.docx": (_zip("a.txt"), "ZIP 压缩包"),
    "表格.docx": (_zip("xl/workbook.xml"), "Excel 表格"),
    "电子公文.ofd": (_zip("OFD.xml"), "OFD 版式文件"),
    "乱码.txt": ("法治政府建设年度报告。".encode().decode("latin-1").encode() * 20, "乱码"),
    "严重损坏.txt": (b"\xff".join([("法治政府建设" * 10).encode()] * 50), "损坏的字节"),
    "声明UTF16但损坏.txt": (codecs.BOM_UTF16_LE + "法治".encode("utf-16-le") + b"\x00\xd8", "内容已损坏"),
    "注释.xyz": (b"hello", "不支持的文件类型"),
    "截断.docx": (_docx_bytes()[:3000], "不完整或已损坏"),
    "网页是空的.html": (b"<html><body><nav><a href='/'>\xe9\xa6\x96\xe9\xa1\xb5</a></nav></body></html>", "没有可评分的文字"),
}


@pytest.mark.parametrize("name", list(BAD_FILES))
def test_a_bad_file_gets_one_clear_line(name, tmp_path):
    content, says = BAD_FILES[name]
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ReadError) as error:
        read_document(path)
    line = error.value.line()
    assert line.startswith(f"{path}: ") and says in line and "\n" not in line


def test_a_folder_named_like_a_report(tmp_path):
    (tmp_path / "报告.txt").mkdir()
    with pytest.raises(ReadError, match="这是文件夹"):
        read_document(tmp_path / "报告.txt")


def test_a_missing_file(tmp_path):
    with pytest.raises(ReadError, match="文件不存在"):
        read_document(tmp_path / "没有 这个文件.txt")


def test_a_symlink_loop(tmp_path):
    os.symlink(tmp_path / "b.txt", tmp_path / "a.txt")
    os.symlink(tmp_path / "a.txt", tmp_path / "b.txt")
    with pytest.raises(ReadError, match="符号链接形成了循环"):
        read_document(tmp_path / "a.txt")


def test_a_broken_symlink(tmp_path):
    os.symlink(tmp_path / "已删除.txt", tmp_path / "链接.txt")
    with pytest.raises(ReadError, match="符号链接指向的文件不存在"):
        read_document(tmp_path / "链接.txt")


def test_a_pipe_is_not_read(tmp_path):
    os.mkfifo(tmp_path / "管道.txt")  # reading it would block forever
    with pytest.raises(ReadError, match="不是普通文件"):
        read_document(tmp_path / "管道.txt")


def test_an_unreadable_file(tmp_path, monkeypatch):
    path = tmp_path / "无权限.txt"
    path.write_text(REPORT, encoding="utf-8")
    path.chmod(0)
    if os.geteuid() == 0:  # root reads anything: make the OS refuse as it would refuse a user
        real_open = builtins.open

        def refusing_open(file, *args, **kwargs):
            if str(file) == str(path):
                raise PermissionError(13, "Permission denied", str(file))
            return real_open(file, *args, **kwargs)

        monkeypatch.setattr(builtins, "open", refusing_open)
    with pytest.raises(ReadError, match="没有读取权限"):
        read_document(path)


def test_the_size_limit_and_raising_it(tmp_path):
    path = tmp_path / "大 报告.txt"
    path.write_text(REPORT * 20000, encoding="utf-8")  # about 2.2 MB
    with pytest.raises(ReadError, match=r"文件过大.*--max-size"):
        read_document(path, max_bytes=1024 * 1024)
    assert read_document(path, max_bytes=3 * 1024 * 1024).text.startswith("某市司法局")


def test_a_fifty_megabyte_file_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "50MB.txt"
    with open(path, "wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: no disk used, nothing read
    with pytest.raises(ReadError, match=r"文件过大（50.0 MB，上限 20 MB）"):
        read_document(path)


# Files that are readable after all, whatever their name or flaw.
READABLE = {
    "真的是docx.txt": lambda: _docx_bytes(),
    "下载.jsp": lambda: _docx_bytes(),
    "尾部补零.txt": lambda: REPORT.encode() + bytes(64),
    "下载中断在字中间.txt": lambda: (REPORT + "依法").encode()[:-1],
    "一处坏字节.txt": lambda: REPORT.encode() * 40 + b"\xff" + REPORT.encode() * 40,
    "UTF32.txt": lambda: codecs.BOM_UTF32_LE + REPORT.encode("utf-32-le"),
    "繁体 Big5.txt": lambda: TRADITIONAL.encode("big5"),
    "老Mac换行.txt": lambda: REPORT.replace("\n", "\r").encode("gb18030"),
}


@pytest.mark.parametrize("name", list(READABLE))
def test_misnamed_or_slightly_damaged_files_are_read(name, tmp_path):
    path = tmp_path / name
    path.write_bytes(READABLE[name]())
    text = read_document(path).text
    assert "全年办理行政复议案件12件" in text or "全年辦理行政復議案件12件" in text


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_all_chinese_utf16_without_bom_or_zero_bytes(tmp_path, encoding):
    text = "某市司法局年度法治政府建设工作报告。主要举措和成效：全年办理行政复议案件，负责人出庭应诉。"
    path = tmp_path / "纯中文.txt"
    path.write_bytes(text.encode(encoding))
    assert b"\x00" not in path.read_bytes()
    assert read_document(path).text == text


def test_damaged_bytes_are_shown_in_the_encoding(tmp_path, national):
    path = tmp_path / "一处坏字节.txt"
    path.write_bytes(REPORT.encode() * 40 + b"\xff" + REPORT.encode() * 40)
    assert "1 处损坏的字节" in national.score_path(path).result.encoding


def test_a_pdf_and_a_page_under_the_wrong_names(tmp_path):
    pdf = write_pdf(REPORT * 3, tmp_path / "x.pdf").read_bytes()
    (tmp_path / "其实是PDF.txt").write_bytes(pdf)
    assert "全年办理行政复议案件12件" in read_document(tmp_path / "其实是PDF.txt").text
    page = write_html(REPORT, tmp_path / "x.html").read_bytes()
    (tmp_path / "其实是网页.wps").write_bytes(page)
    assert read_document(tmp_path / "其实是网页.wps").encoding.startswith("html")


def test_a_one_megabyte_line_without_newlines_is_scored(tmp_path, national):
    """Neither a run-on sentence nor a hit every four characters makes scoring quadratic."""
    for name, text in {"无标点.txt": "行政复议" * 250_000, "无换行.txt": "全年办理行政复议案件12件，" * 70_000}.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        result = national.score_path(path).result
        assert {element.id: element.status for element in result.elements}["reconsideration_litigation"] != "missing"


def test_a_place_name_repeated_in_the_opening_does_not_hang(national):

    result = national.score_text("市" * 3000 + "\n" + "杭州市" * 200).result
    assert result.metadata.agency is None


# ---------------------------------------------------------------- the command line


def _run(*args: str):
    return CliRunner().invoke(app, ["score", *args])


def test_score_one_bad_file_exits_2_with_one_line(tmp_path):
    path = tmp_path / "旧版 年度 报告.doc"
    path.write_bytes(OLE)
    result = _run(str(path))
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"错误：{path}: ") and ".docx" in lines[0]


@pytest.mark.parametrize("fmt", ["table", "json"])
def test_a_bad_file_does_not_stop_the_others(tmp_path, fmt):
    bad = tmp_path / "坏 文件.pdf"
    bad.write_bytes(b"%PDF-1.7\n1 0 obj")
    good = seed_files()[3]
    result = _run("--format", fmt, str(bad), str(good))
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and str(bad) in result.stderr
    assert good.name in result.stdout


def test_names_with_spaces_and_chinese_characters(tmp_path):
    path = tmp_path / "某市 司法局 2023年 报告（终稿）.txt"
    path.write_text(seed_files()[3].read_text(encoding="utf-8"), encoding="utf-8")
    result = _run("--format", "json", str(path))
    assert result.exit_code == 0 and f'"file": "{path}"' in result.stdout


def test_names_that_look_like_terminal_markup(tmp_path):
    """报告[终稿].txt and the like are file names, not rich markup, in errors and headers."""
    empty = tmp_path / "报告[red]终稿[b].txt"
    empty.write_bytes(b"")
    result = _run(str(empty))
    assert result.exit_code == 2 and f"{empty}: 文件是空的" in result.stderr
    good = tmp_path / "报告[bold]（终稿）[#f00].txt"
    good.write_text(seed_files()[3].read_text(encoding="utf-8"), encoding="utf-8")
    result = CliRunner().invoke(app, ["score", str(good)], env={"COLUMNS": "400"})
    assert result.exit_code == 0 and str(good) in result.stdout


def test_a_zip_bomb_named_docx_is_refused_before_it_is_parsed(tmp_path):
    path = tmp_path / "炸弹.docx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", " " * (101 * 1024 * 1024))
    assert path.stat().st_size < 1024 * 1024
    with pytest.raises(ReadError, match="解压后过大"):
        read_document(path)


@pytest.mark.parametrize(("installed", "says"), [(None, "请用 Word 或 WPS 打开，另存为 .docx"), ("/usr/bin/soffice", "soffice --headless --convert-to docx")])
def test_old_word_files_point_to_a_converter_when_there_is_one(tmp_path, monkeypatch, installed, says):
    import scorer.read.legacy as legacy

    monkeypatch.setattr(legacy.shutil, "which", lambda name: installed if name == "soffice" else None)
    path = tmp_path / "2023年 报告.doc"
    path.write_bytes(OLE)
    with pytest.raises(ReadError) as error:
        read_document(path)
    assert says in error.value.line() and error.value.line().startswith(str(path))


def _lying_docx(inflated: int, matching_crc: bool = False) -> bytes:
    """A .docx whose document.xml inflates to `inflated` bytes while the zip's local header
    and central directory both declare 1,000 (with `matching_crc`, and the CRC of those
    first 1,000 bytes, so that a reader stopping there finds nothing wrong)."""
    import struct
    import zlib

    source = zipfile.ZipFile(io.BytesIO(_docx_bytes()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            part = source.read(info.filename)
            if info.filename == "word/document.xml":
                part = part.replace(b"<w:body>", b"<w:body>" + b" " * inflated, 1)
            archive.writestr(info.filename, part)
    raw = bytearray(buffer.getvalue())
    archive = zipfile.ZipFile(io.BytesIO(bytes(raw)))
    info = archive.getinfo("word/document.xml")
    struct.pack_into("<I", raw, info.header_offset + 22, 1000)
    entry = raw.find(b"PK\x01\x02" + raw[info.header_offset + 4 : info.header_offset + 6])
    while raw[entry + 46 : entry + 46 + 17] != b"word/document.xml":
        entry = raw.find(b"PK\x01\x02", entry + 4)
    struct.pack_into("<I", raw, entry + 24, 1000)
    if matching_crc:
        with archive.open(info) as stream:
            crc = zlib.crc32(stream.read(1000))
        struct.pack_into("<I", raw, info.header_offset + 14, crc)
        struct.pack_into("<I", raw, entry + 16, crc)
    return bytes(raw)


def test_a_docx_that_lies_about_its_sizes_is_refused_without_inflating_it(tmp_path):
    """Declared 1 KB, inflates to 120 MB: refused as damaged, and nothing near that size is
    ever held (a capped stream, not `ZipFile.read`, which inflates it all at once)."""
    import tracemalloc

    path = tmp_path / "谎报大小.docx"
    path.write_bytes(_lying_docx(120 * 1024 * 1024))
    assert path.stat().st_size < 1024 * 1024
    tracemalloc.start()
    try:
        with pytest.raises(ReadError, match="Word 文件不完整或已损坏"):
            read_document(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 30 * 1024 * 1024


def test_a_lie_with_a_matching_checksum_is_never_inflated_either(tmp_path):
    """The first 1,000 bytes check out, so the capped read accepts the part; python-docx
    must then get those 1,000 bytes, not the zip whose `read` would inflate it all."""
    import tracemalloc

    path = tmp_path / "校验和也对.docx"
    path.write_bytes(_lying_docx(120 * 1024 * 1024, matching_crc=True))
    tracemalloc.start()
    try:
        with pytest.raises(ReadError, match="Word 文件"):
            read_document(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 30 * 1024 * 1024


def test_a_real_docx_reads_the_same_through_the_capped_parts(tmp_path):
    path = tmp_path / "正常.docx"
    path.write_bytes(_docx_bytes())
    assert read_document(path).text == REPORT.rstrip("\n")


_GOOD_DOCX = _docx_bytes()


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(flips=st.lists(st.integers(min_value=0, max_value=len(_GOOD_DOCX) - 1), min_size=1, max_size=40))
def test_a_docx_with_flipped_bytes_is_a_damaged_word_file(flips):
    """Never 'a ZIP archive, unpack it first', never a parser's bare error name."""
    damaged = bytearray(_GOOD_DOCX)
    for position in flips:
        damaged[position] ^= 0xFF
    try:
        read_document_bytes("报告.docx", bytes(damaged))
    except ReadError as error:
        assert error.problem.startswith("Word 文件"), error.line()


def test_a_docx_whose_part_names_are_damaged_is_a_damaged_word_file(tmp_path):
    data = _GOOD_DOCX.replace(b"word/document.xml", b"word/documenT.xml")
    path = tmp_path / "改坏.docx"
    path.write_bytes(data)
    with pytest.raises(ReadError, match="Word 文件已损坏"):
        read_document(path)


def test_the_converter_hint_works_for_an_old_doc_saved_as_docx(tmp_path):
    """The command in the hint, run as it stands, gives a .docx the scorer reads (LibreOffice
    names its output after the input, so it must not land beside the input)."""
    import shlex
    import shutil
    import subprocess

    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice is installed by make test")
    work = tmp_path / "转换"
    work.mkdir()
    source = tmp_path / "源.docx"
    source.write_bytes(_GOOD_DOCX)
    profile = f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}"
    subprocess.run(["soffice", profile, "--headless", "--convert-to", "doc", "--outdir", str(work), str(source)], check=True, capture_output=True, timeout=120)
    legacy = work / "2023年 报告（终稿）.docx"  # an old .doc that someone renamed
    (work / "源.doc").rename(legacy)
    with pytest.raises(ReadError) as error:
        read_document(legacy)
    command = error.value.hint.split("：", 1)[1]
    argv = shlex.split(command)
    subprocess.run([argv[0], profile, *argv[1:]], check=True, capture_output=True, timeout=120)
    converted = work / "已转换" / legacy.name
    assert "全年办理行政复议案件12件" in read_document(converted).text
    assert legacy.read_bytes()[:8] == OLE[:8]  # the original is untouched


NOT_REPORTS = {
    "两个码元.txt": codecs.BOM_UTF16_LE + "\u4e00\uabcd".encode("utf-16-le"),
    "English.txt": b"Annual report on the rule of law. " * 40,
    "公式.csv.txt": b"=1+1",
    "只有标题.txt": "法治政府建设报告".encode(),
}


@pytest.mark.parametrize("name", list(NOT_REPORTS))
def test_too_little_chinese_is_no_report_not_a_zero_score(name, tmp_path):
    path = tmp_path / name
    path.write_bytes(NOT_REPORTS[name])
    result = _run(str(path))
    assert result.exit_code == 2 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"错误：{path}: 内容过少，不像一份报告")


def test_audit_lists_a_text_without_chinese_as_an_error_row(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "公式.txt").write_bytes(b"=1+1")
    (folder / "好.txt").write_text(seed_files()[3].read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["audit", str(folder), "--out", str(out)], env={"COLUMNS": "200"})
    assert result.exit_code == 1
    rows = [json.loads(line) for line in (out / "results.jsonl").read_text(encoding="utf-8").splitlines()]
    bad = next(row for row in rows if row["file"].endswith("公式.txt"))
    assert set(bad) == {"file", "error"} and "内容过少" in bad["error"]
    assert "不合格" not in next(line for line in result.stdout.splitlines() if "公式.txt" in line)


def test_a_utf8_report_with_a_few_stray_zero_bytes_is_read(tmp_path):
    from scorer.api import Scorer

    original = seed_files()[3].read_text(encoding="utf-8")
    data = original.encode()
    for at in (len(data) // 3, len(data) // 2, 2 * len(data) // 3):
        while data[at] & 0xC0 == 0x80:  # between two characters, as a bad copy leaves it
            at += 1
        data = data[:at] + b"\x00" + data[at:]
    path = tmp_path / "三个空字节.txt"
    path.write_bytes(data)
    scored = Scorer.open("national").score_path(path)
    assert scored.text == original and "已删除 3 个空字节" in scored.result.encoding
    quotes = [e for element in scored.result.elements for e in element.evidence]
    assert quotes and all(scored.text[e.start : e.end] == e.quote for e in quotes)
