"""What a file really is, from its first bytes, whatever its name says.

Government sites serve Word files named `.doc` that are really web pages, downloads
named `getfile.jsp`, and folders hold PDFs renamed `.txt`. A file is read by what it
is; a file that is no report at all (a picture, an archive) is named for what it is.
"""

from __future__ import annotations

import io
import zipfile

# A kind with a reader of its own is claimed by that reader: `register(..., sniffed=(kind,))`.

# Kinds that are not a report, with what to tell the user: (what it is, what to do).
NOT_A_REPORT = {
    "png": ("PNG 图片", "扫描件或截图需先做 OCR 文字识别，另存为 .docx 或 .txt"),
    "jpeg": ("JPEG 图片", "扫描件或截图需先做 OCR 文字识别，另存为 .docx 或 .txt"),
    "gif": ("GIF 图片", "请提供报告的文字版本"),
    "tiff": ("TIFF 图片", "扫描件需先做 OCR 文字识别，另存为 .docx 或 .txt"),
    "webp": ("WebP 图片", "请提供报告的文字版本"),
    "zip": ("ZIP 压缩包", "请先解压，再对其中的报告评分"),
    "rar": ("RAR 压缩包", "请先解压，再对其中的报告评分"),
    "7z": ("7z 压缩包", "请先解压，再对其中的报告评分"),
    "gzip": ("gzip 压缩文件", "请先解压，再对其中的报告评分"),
    "xz": ("xz 压缩文件", "请先解压，再对其中的报告评分"),
    "xlsx": ("Excel 表格（.xlsx）", "请把报告正文另存为 .docx 或 .txt"),
    "pptx": ("PowerPoint 演示文稿（.pptx）", "请把报告正文另存为 .docx 或 .txt"),
    "odt": ("OpenDocument 文档（.odt）", "请用 WPS、Word 或 LibreOffice 另存为 .docx"),
    "ofd": ("OFD 版式文件", "请用 OFD 阅读器导出为 PDF，或找到原始 Word 文件"),
    "exe": ("Windows 程序", "这不是报告，请检查文件"),
    "elf": ("程序文件", "这不是报告，请检查文件"),
}

_MAGIC: list[tuple[bytes, str]] = [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),  # old .doc/.wps/.xls, or an encrypted .docx
    (b"{\\rtf", "rtf"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"Rar!\x1a\x07", "rar"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
    (b"\x1f\x8b\x08", "gzip"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"\x7fELF", "elf"),
]


def sniff(data: bytes) -> str | None:
    """The file's kind from its content, or None when it is (probably) plain text."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return "webp"
    if data.startswith(b"MZ") and b"This program cannot be run in DOS mode" in data[:512]:
        return "exe"
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip_kind(data)
    if b"%PDF-" in data[:1024]:  # readers accept junk before the header
        return "pdf"
    return _markup_kind(data[:4096])


def _zip_kind(data: bytes) -> str:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except Exception:  # a damaged directory fails in many ways (even NotImplementedError)
        names = set()
    # A truncated archive has no readable directory: look for the part names instead.
    def has(part: str) -> bool:
        return part in names if names else part.encode() in data

    # A damaged Word file is still a Word file: its other part names give it away.
    if has("word/document.xml") or any(name.startswith("word/") for name in names):
        return "docx"
    if has("xl/workbook.xml"):
        return "xlsx"
    if has("ppt/presentation.xml"):
        return "pptx"
    if has("OFD.xml"):
        return "ofd"
    if "[Content_Types].xml" in names and b"word/document.xml" in data:
        return "docx"  # an Office package whose directory lost the Word entries
    if data[30:38] == b"mimetype" and b"opendocument" in data[38:120]:
        return "odt"
    return "zip"


def _markup_kind(head: bytes) -> str | None:
    text = _ascii_view(head).lstrip().lower()
    if text.startswith("mime-version:") or ("multipart/related" in text and "content-type:" in text):
        return "mht"
    # A page saved by a browser starts with <!-- saved from url=... -->.
    while text.startswith("<!--") and "-->" in text:
        text = text[text.index("-->") + 3 :].lstrip()
    if text.startswith(("<!doctype html", "<html")):
        return "html"
    if text.startswith("<?xml") and "<html" in text:
        return "html"
    return None


def _ascii_view(head: bytes) -> str:
    """The head as text, whether it is UTF-8, GBK or UTF-16 (markup starts in ASCII)."""
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            return head[len(bom) :].decode(encoding, errors="ignore")
    return head.decode("latin-1")
