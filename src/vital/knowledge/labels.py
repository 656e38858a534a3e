"""File names and document titles as a reader may safely see them.

Control characters (C0, DEL, C1: ESC, BEL...) can drive a terminal or a log
viewer, and bidirectional controls (U+202A-U+202E, U+2066-U+2069, U+200E/F,
U+061C) make `evil<U+202E>gnp.exe` read as `evilexe.png`: both are removed from
every uploaded file name (FileInput, whatever the entry: the API or `vital kb
ingest`) and every parsed title (knowledge.parse).
"""

from __future__ import annotations

import re

_SPACES = re.compile(r"[\t\n\r\x0b\x0c\x85]+")
_HIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def visible(text: str, fallback: str = "") -> str:
    """`text` without control or bidirectional characters (line breaks and tabs become a space)."""
    return _HIDDEN.sub("", _SPACES.sub(" ", text)).strip() or fallback
