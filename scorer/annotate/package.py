"""Keep every part of the drafter's package that the comments did not need to change.

python-docx writes back every XML part it parsed, in its own serialisation (quotes,
declaration, namespace order). A part whose canonical XML is the same as before is
put back byte for byte, so Word and WPS find their own files as they left them.
"""

from __future__ import annotations

import io
import zipfile

from lxml import etree


def keep_untouched(original: bytes, written: bytes) -> bytes:
    before = zipfile.ZipFile(io.BytesIO(original))
    after = zipfile.ZipFile(io.BytesIO(written))
    new_names = after.namelist()
    old = {info.filename: info for info in before.infolist()}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        # Original order first ([Content_Types].xml stays first), new parts after.
        # A part python-docx dropped (not related from anywhere) is kept as well.
        ordered = list(old) + [name for name in new_names if name not in old]
        for name in ordered:
            data = after.read(name) if name in new_names else before.read(name)
            if name in old:
                previous = before.read(name)
                if previous == data or _same_xml(name, previous, data):
                    data = previous
                package.writestr(old[name], data, compress_type=old[name].compress_type if old[name].compress_type in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) else zipfile.ZIP_DEFLATED)
            else:
                package.writestr(name, data)
    return out.getvalue()


def _same_xml(name: str, a: bytes, b: bytes) -> bool:
    if not name.endswith((".xml", ".rels")):
        return False
    try:
        return canonical(a) == canonical(b)
    except etree.XMLSyntaxError:
        return False


def canonical(data: bytes) -> bytes:
    parser = etree.XMLParser(resolve_entities=False, remove_blank_text=False)
    return etree.tostring(etree.fromstring(data, parser), method="c14n")
