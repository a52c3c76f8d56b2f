"""An upload read into memory, never onto disk, and never beyond the size limit.

Starlette's own form parser spools files over 1 MB to a temporary file; a draft must
not touch the disk, so the multipart body is parsed here with python-multipart's
streaming parser straight into memory. The limit is checked on the declared length
before anything is read, and again on every chunk.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.requests import Request

from scorer.web.names import UNNAMED, safe_name

FORM_OVERHEAD = 64 * 1024  # room for the boundaries, part headers and the rubric field
MAX_FIELD = 1024
MAX_PARTS = 8


@dataclass
class Upload:
    name: str
    data: bytes
    fields: dict[str, str] = field(default_factory=dict)


class UploadError(Exception):
    def __init__(self, status: int, line: str) -> None:
        super().__init__(line)
        self.status = status
        self.line = line


def too_big(name: str, size: int | None, max_bytes: int) -> UploadError:
    """The CLI's words for a file over the limit; only the operator can raise it here."""
    shown = f"{size / 1048576:.1f} MB，" if size else ""
    return UploadError(413, f"{name}: 文件过大（{shown}上限 {max_bytes / 1048576:g} MB）（确需评分时请服务管理员用 --max-size 提高上限）")


def declared_length(request: Request) -> int | None:
    try:
        return int(request.headers["content-length"])
    except (KeyError, ValueError):
        return None


async def read_upload(request: Request, max_bytes: int) -> Upload:
    content_type, options = parse_options_header(request.headers.get("content-type", ""))
    # `rubric` may come in the query (raw bodies and forms alike) or as a form field.
    query = {key: request.query_params[key] for key in ("rubric",) if key in request.query_params}
    if content_type == b"multipart/form-data":
        upload = await _read_multipart(request, options.get(b"boundary"), max_bytes)
        upload.fields = query | upload.fields
        return upload
    name = safe_name(request.query_params.get("filename"))
    length = declared_length(request)
    if length is not None and length > max_bytes:
        raise too_big(name, length, max_bytes)
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > max_bytes:
            raise too_big(name, length, max_bytes)
    return Upload(name, bytes(body), query)


class _Parts:
    """Collects the parts of one multipart body: the file's bytes and a few short fields."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.fields: dict[str, str] = {}
        self.name: str | None = None
        self.data: bytearray | None = None
        self.parts = 0
        self._header_name = b""
        self._header_value = b""
        self._disposition = b""
        self._field: str | None = None
        self._value = bytearray()
        self._is_file = False
        self._skip = False

    def callbacks(self) -> dict:
        return {
            "on_part_begin": self.on_part_begin,
            "on_part_data": self.on_part_data,
            "on_part_end": self.on_part_end,
            "on_header_field": lambda data, start, end: self._grow("_header_name", data[start:end]),
            "on_header_value": lambda data, start, end: self._grow("_header_value", data[start:end]),
            "on_header_end": self.on_header_end,
            "on_headers_finished": self.on_headers_finished,
        }

    def _grow(self, attribute: str, piece: bytes) -> None:
        value = getattr(self, attribute) + piece
        if len(value) > MAX_FIELD * 4:
            raise UploadError(400, "上传的表单格式不正确（分段头过长）")
        setattr(self, attribute, value)

    def on_part_begin(self) -> None:
        self.parts += 1
        if self.parts > MAX_PARTS:
            raise UploadError(400, "上传的表单格式不正确（分段过多）")
        self._disposition, self._field, self._value, self._is_file, self._skip = b"", None, bytearray(), False, False

    def on_header_end(self) -> None:
        if self._header_name.lower() == b"content-disposition":
            self._disposition = self._header_value
        self._header_name, self._header_value = b"", b""

    def on_headers_finished(self) -> None:
        _, options = parse_options_header(self._disposition)
        self._field = options.get(b"name", b"").decode("utf-8", "replace")
        self._is_file = b"filename" in options
        if self._is_file:
            if self.data is not None or self._field != "file":
                self._skip = True  # one report per request: the first file part named `file`
                return
            self.name = safe_name(options[b"filename"].decode("utf-8", "replace"))
            self.data = bytearray()

    def on_part_data(self, data: bytes, start: int, end: int) -> None:
        if self._skip:
            return
        if self._is_file:
            self.data += data[start:end]
            if len(self.data) > self.max_bytes:
                raise too_big(self.name or UNNAMED, None, self.max_bytes)
        else:
            self._value += data[start:end]
            if len(self._value) > MAX_FIELD:
                raise UploadError(400, f"上传的表单格式不正确（字段 {self._field} 过长）")

    def on_part_end(self) -> None:
        if not self._is_file and self._field:
            self.fields[self._field] = self._value.decode("utf-8", "replace")


async def _read_multipart(request: Request, boundary: bytes | None, max_bytes: int) -> Upload:
    if not boundary:
        raise UploadError(400, "上传的表单格式不正确（缺少 boundary）")
    length = declared_length(request)
    if length is not None and length > max_bytes + FORM_OVERHEAD:
        raise too_big(UNNAMED, length, max_bytes)
    parts = _Parts(max_bytes)
    parser = MultipartParser(boundary, parts.callbacks())
    received = 0
    try:
        async for chunk in request.stream():
            received += len(chunk)
            if received > max_bytes + FORM_OVERHEAD:
                raise too_big(parts.name or UNNAMED, length, max_bytes)
            parser.write(chunk)
        parser.finalize()
    except UploadError:
        raise
    except Exception:  # python-multipart's own complaint about a malformed body
        raise UploadError(400, "上传的表单格式不正确，无法解析（请用网页或 curl -F file=@报告.docx 上传）") from None
    if parts.data is None:
        raise UploadError(400, "没有收到文件（表单中应有名为 file 的文件字段）")
    return Upload(parts.name or UNNAMED, bytes(parts.data), parts.fields)
