"""Word-level comparison of two agreement texts (pure Python, no Django models).

Returns segments the template renders as <ins>/<del> with text labels, so the change is
readable without colour and announced by screen readers.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

_TOKENS = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class Segment:
    op: str  # "equal", "insert" or "delete"
    text: str


def tokenize(text: str) -> list[str]:
    return _TOKENS.findall(text.replace("\r\n", "\n"))


def text_diff(old: str, new: str) -> list[Segment]:
    """Segments turning `old` into `new`; a replacement is a deletion followed by an insertion."""
    a, b = tokenize(old or ""), tokenize(new or "")
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    segments: list[Segment] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            segments.append(Segment("equal", "".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            segments.append(Segment("delete", "".join(a[i1:i2])))
        if op in ("insert", "replace"):
            segments.append(Segment("insert", "".join(b[j1:j2])))
    return [s for s in segments if s.text]


def diff_stats(segments: list[Segment]) -> dict[str, int]:
    """Number of words added and removed."""
    words = {"insert": 0, "delete": 0}
    for segment in segments:
        if segment.op in words:
            words[segment.op] += len(segment.text.split())
    return {"added": words["insert"], "removed": words["delete"]}
