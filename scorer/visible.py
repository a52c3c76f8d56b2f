"""Text from a report or a file name, made harmless to show.

A report or a file name may hold control characters: ESC starts terminal commands
(`\\033[2J` clears the screen, a carriage return lets a report overwrite a printed score
line), and the bidi overrides (U+202E ...) make `bidi\\u202eexe.txt` display as
"biditxt.exe". Whatever is shown to a reviewer shows these as visible marks instead:
a C0 control as its Unicode control picture (ESC -> ␛), a C1 control or a bidi
control as <U+XXXX>. Tab and line feed stay: they are layout, not commands.

The terminal is guarded at one place, `SafeConsole`, so that no command can forget it.
"""

from __future__ import annotations

from typing import Iterable

from rich.console import Console
from rich.segment import Segment

_BIDI = [0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]

_TERMINAL: dict[int, str] = {code: chr(0x2400 + code) for code in range(0x20) if code not in (0x09, 0x0A)}
_TERMINAL[0x7F] = "\u2421"
_TERMINAL.update({code: f"<U+{code:04X}>" for code in (*range(0x80, 0xA0), *_BIDI)})
_BIDI_ONLY: dict[int, str] = {code: f"<U+{code:04X}>" for code in _BIDI}


def for_terminal(text: str) -> str:
    """`text` with every C0/C1 control (but tab and line feed) and bidi control made visible."""
    return text.translate(_TERMINAL)


def for_page(name: str) -> str:
    """A file name as a page shows it: bidi controls made visible (the page escapes the rest)."""
    return name.translate(_BIDI_ONLY)


class SafeConsole(Console):
    """A rich console that never writes a control character it did not make itself.

    Rich's own cursor moves (progress bars) are control segments and its colours are
    rendered from styles; only the text of ordinary segments, which is where a report's
    words or a file name end up, is made visible.
    """

    def _render_buffer(self, buffer: Iterable[Segment]) -> str:
        return super()._render_buffer(
            segment if segment.control else Segment(for_terminal(segment.text), segment.style, segment.control)
            for segment in buffer
        )


_JSON_ESCAPES: dict[int, str] = {code: f"\\u{code:04x}" for code in (0x7F, *range(0x80, 0xA0), *_BIDI)}


def json_text(dumped: str) -> str:
    """JSON from `json.dumps(..., ensure_ascii=False)` with the controls it leaves raw (DEL,
    C1, bidi) written as \\u escapes: the same data once parsed, harmless on a terminal.
    (json.dumps already escapes C0; these characters only occur inside strings.)"""
    return dumped.translate(_JSON_ESCAPES)
