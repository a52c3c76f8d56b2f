"""Old binary Word/WPS files, RTF and OFD: recognised, so the user learns how to convert them.

Their formats need a full office suite to read faithfully; a half-read report would be
scored wrongly, so the scorer says what to do instead. A `.doc` that is really a .docx
or a web page (government sites serve both under that name) never gets here: it is read
by what it is.
"""

from __future__ import annotations

import shlex
import shutil
from pathlib import Path

from scorer.errors import ReadError, UnsupportedFormat
from scorer.read import RawDocument, register
from scorer.read.sniff import sniff

CONVERTED_DIR = "已转换"

# An encrypted .docx is an OLE container holding these streams (names in UTF-16).
_ENCRYPTED_MARKERS = ("EncryptionInfo".encode("utf-16-le"), "EncryptedPackage".encode("utf-16-le"))


@register(".doc", ".wps", ".dot", ".wpt", ".rtf", ".ofd", sniffed=("ole", "rtf"), readable=False)
def refuse_legacy(path: str, data: bytes) -> RawDocument:
    suffix = Path(path).suffix.lower()
    kind = sniff(data)
    if kind == "ole" and any(marker in data for marker in _ENCRYPTED_MARKERS):
        raise ReadError(path, "文件设置了打开密码（已加密）", "请在 Word 或 WPS 中取消密码后另存为 .docx")
    if kind == "rtf" or (kind is None and suffix == ".rtf"):
        raise UnsupportedFormat(path, "RTF 格式无法直接评分", convert_hint(path))
    if suffix == ".ofd":
        raise UnsupportedFormat(path, "OFD 版式文件暂不支持", "请用 OFD 阅读器导出为 PDF，或找到原始 Word 文件")
    if kind != "ole" and suffix in (".doc", ".wps", ".dot", ".wpt"):
        raise ReadError(path, f"扩展名是 {suffix}，但内容不是 Word/WPS 文档", "请确认文件完整，或用 Word、WPS 打开后另存为 .docx")
    what = "WPS 文字旧格式（.wps）" if suffix in (".wps", ".wpt") else "旧版 Word 格式（.doc）"
    if suffix not in (".doc", ".wps", ".dot", ".wpt"):
        what = f"扩展名是 {suffix or '空'}，但内容是旧版 Word/WPS 格式（.doc/.wps）"
    raise UnsupportedFormat(path, f"{what}无法直接评分", convert_hint(path))


def convert_hint(path: str) -> str:
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office:
        # LibreOffice names its output after the input: without --outdir a .doc saved as
        # .docx would be converted onto itself, which LibreOffice refuses.
        command = Path(office).name
        outdir = Path(path).parent / CONVERTED_DIR
        return f"请另存为 .docx，或用已安装的 LibreOffice 转换：{command} --headless --convert-to docx --outdir {shlex.quote(str(outdir))} {shlex.quote(path)}"
    return "请用 Word 或 WPS 打开，另存为 .docx 后再评分"
