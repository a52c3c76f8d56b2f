"""A Word draft holding everything a real one may: existing comments, fields, a
hyperlink, content controls, an imported web page (w:altChunk), tracked changes, a
header and footer, a picture; and the comparison of two packages apart from comments."""

from __future__ import annotations

import base64
import copy
import io
import zipfile

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from lxml import etree

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
# A 1x1 PNG.
PIXEL = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")


def _p(xml: str):
    return parse_xml(f"<w:p {W} {R}>{xml}</w:p>")


def _r(text: str, bold: bool = False) -> str:
    props = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f'<w:r>{props}<w:t xml:space="preserve">{text}</w:t></w:r>'


def rich_docx() -> bytes:
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "某某市司法局文件"
    document.sections[0].footer.paragraphs[0].text = "第 1 页"
    title = document.add_paragraph("某某市交通运输局2023年度法治政府建设情况报告", style="Title")
    document.add_comment(title.runs, text="标题请再核对。", author="审核人", initials="审")
    document.add_paragraph("一、主要举措和成效", style="Heading 1")
    body = document.element.body
    link = document.part.relate_to("https://www.example.gov.cn/zwgk/", RT.HYPERLINK, is_external=True)
    paragraphs = [
        # A quote running into and out of a hyperlink.
        _r("本年度落实行政执法公示制度，在") + f'<w:hyperlink r:id="{link}">{_r("门户网站执法公示专栏", True)}</w:hyperlink>' + _r("公开执法信息128条。"),
        # A field (page number) and a simple field between sentences.
        _r("全年组织执法人员培训3次。") + '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>' + _r("2") + '<w:r><w:fldChar w:fldCharType="end"/></w:r>' + '<w:fldSimple w:instr=" NUMPAGES ">' + _r("9") + "</w:fldSimple>",
        # Tracked changes: an insertion the scorer reads, a deletion it does not.
        _r("依法化解行政争议，") + '<w:ins w:id="801" w:author="张三" w:date="2024-01-05T09:00:00Z">' + _r("全年实现零复议、零诉讼") + "</w:ins>" + '<w:del w:id="802" w:author="张三" w:date="2024-01-05T09:00:00Z"><w:r><w:delText>办理复议案件12件</w:delText></w:r></w:del>' + _r("。"),
        # An inline content control.
        _r("坚持以") + '<w:sdt><w:sdtPr><w:alias w:val="指导思想"/></w:sdtPr><w:sdtContent>' + _r("习近平新时代中国特色社会主义思想") + "</w:sdtContent></w:sdt>" + _r("为指导，推进依法行政。"),
    ]
    for xml in paragraphs:
        body.insert(len(body) - 1, _p(xml))
    # A block content control holding a paragraph.
    body.insert(len(body) - 1, parse_xml(f'<w:sdt {W}><w:sdtPr><w:alias w:val="正文"/></w:sdtPr><w:sdtContent><w:p>{_r("局主要负责人主持召开党组会专题研究法治政府建设工作2次。")}</w:p></w:sdtContent></w:sdt>'))
    page = "<html><body><p>聘请法律顾问审查合同45份。</p></body></html>".encode("utf-8")
    chunk = Part(PackURI("/word/afchunk.htm"), "application/xhtml+xml", page, document.part.package)
    relation = document.part.relate_to(chunk, RT.A_F_CHUNK)
    body.insert(len(body) - 1, parse_xml(f'<w:altChunk {W} {R} r:id="{relation}"/>'))
    document.add_picture(io.BytesIO(PIXEL))
    document.add_paragraph("二、存在的不足和原因", style="Heading 1")
    document.add_paragraph("执法人员专业能力还有待提高。")
    document.add_paragraph("三、下一年度工作安排", style="Heading 1")
    document.add_paragraph("2024年，我局将继续深化行政执法体制改革，加强执法监督。")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# ---------------------------------------------------------------- comparing packages

_COMMENT_PARTS = {"word/comments.xml"}
_CHANGED_FOR_COMMENTS = {"word/document.xml", "word/_rels/document.xml.rels", "[Content_Types].xml"} | _COMMENT_PARTS
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def differences(before: bytes, after: bytes) -> list[str]:
    """Every way `after` differs from `before` other than added comments and their anchors."""
    old, new = zipfile.ZipFile(io.BytesIO(before)), zipfile.ZipFile(io.BytesIO(after))
    found = []
    old_names, new_names = set(old.namelist()), set(new.namelist())
    found += [f"removed {name}" for name in sorted(old_names - new_names)]
    found += [f"added {name}" for name in sorted(new_names - old_names - _COMMENT_PARTS)]
    for name in sorted(old_names & new_names - _CHANGED_FOR_COMMENTS):
        if old.read(name) != new.read(name):
            found.append(f"changed {name}")
    old_ids = _comment_ids(old)
    if _document(old.read("word/document.xml"), set()) != _document(new.read("word/document.xml"), _comment_ids(new) - old_ids):
        found.append("changed word/document.xml beyond comment anchors")
    if "word/comments.xml" in old_names:
        kept = {c.get(qn("w:id")): etree.tostring(c, method="c14n") for c in etree.fromstring(old.read("word/comments.xml"))}
        now = {c.get(qn("w:id")): etree.tostring(c, method="c14n") for c in etree.fromstring(new.read("word/comments.xml"))}
        if any(now.get(key) != value for key, value in kept.items()):
            found.append("changed an existing comment")
    for name, ignore in (("word/_rels/document.xml.rels", "comments"), ("[Content_Types].xml", "comments")):
        if _entries(old.read(name), ignore) != _entries(new.read(name), ignore):
            found.append(f"changed {name} beyond the comments part")
    return found


def _comment_ids(package: zipfile.ZipFile) -> set[str]:
    if "word/comments.xml" not in package.namelist():
        return set()
    return {c.get(qn("w:id")) for c in etree.fromstring(package.read("word/comments.xml"))}


def _entries(data: bytes, ignore: str) -> set[bytes]:
    return {etree.tostring(e, method="c14n") for e in etree.fromstring(data) if ignore not in (e.get("Type", "") + e.get("PartName", ""))}


def _document(data: bytes, new_ids: set[str]) -> bytes:
    """document.xml without the new comments' anchors, adjacent runs of the same format
    merged and their w:t joined, so that a run split for an anchor compares equal."""
    root = etree.fromstring(data)
    for tag in ("w:commentRangeStart", "w:commentRangeEnd"):
        for marker in root.iter(qn(tag)):
            if marker.get(qn("w:id")) in new_ids:
                marker.getparent().remove(marker)
    for reference in list(root.iter(qn("w:commentReference"))):
        run = reference.getparent()
        if reference.get(qn("w:id")) in new_ids and len([c for c in run if c.tag != qn("w:rPr")]) == 1:
            run.getparent().remove(run)
    for parent in list(root.iter()):
        _merge_runs(parent)
    for run in root.iter(qn("w:r")):
        previous = None
        for child in list(run):
            if previous is not None and child.tag == previous.tag == qn("w:t"):
                previous.text = (previous.text or "") + (child.text or "")
                run.remove(child)
                continue
            previous = child
    for t in root.iter(qn("w:t")):
        t.attrib.pop(_XML_SPACE, None)
    return etree.tostring(root, method="c14n")


def _merge_runs(parent) -> None:
    previous = None
    for child in list(parent):
        if previous is not None and child.tag == previous.tag == qn("w:r") and dict(child.attrib) == dict(previous.attrib) and _props(child) == _props(previous):
            for moved in list(child):
                if moved.tag != qn("w:rPr"):
                    previous.append(moved)
            parent.remove(child)
            continue
        previous = child


def _props(run) -> bytes:
    properties = run.find(qn("w:rPr"))
    return etree.tostring(copy.deepcopy(properties), method="c14n") if properties is not None else b""
