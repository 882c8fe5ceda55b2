"""Text from data files made fit for any output format."""

from __future__ import annotations

import re

# C0 controls but tab and newline, DEL, and C1 controls: no output format can carry
# them (XML forbids most), and docutils gives NUL a meaning of its own (it marks an
# escaped character, so "a\x00 b" would print as "ab").
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """``text`` without control characters; a carriage return becomes a line break."""
    return _CONTROLS.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
