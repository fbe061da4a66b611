"""Live figures in report texts: the placeholder syntax. Pure: imports no Django models.

A placeholder names an indicator, a territory by its official key and a period::

    {{ indicator:abgaenger-ohne-hauptschulabschluss territory:ags:16051000 period:2015 }}

`find` returns every placeholder of a text in order (also malformed ones, with their error, so
the editor sees them); `replace` substitutes each with the HTML a callback makes of it.
Texts are sanitised HTML, so placeholders stand in text nodes: the braces and colons survive
sanitising unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

# Anything between double braces is meant to be a placeholder, so a typo is reported, not
# printed. The body may not contain braces or span more than one short line.
PATTERN = re.compile(r"\{\{\s*([^{}\n]{0,300}?)\s*\}\}")
_FIELDS = ("indicator", "territory", "period")
_PART = re.compile(r"([a-z]+):(.*)")
_CODE = re.compile(r"[a-z0-9][a-z0-9_-]{0,79}")
_TERRITORY = re.compile(r"[a-z][a-z0-9_-]{0,19}:[A-Za-z0-9._-]{1,40}")
_PERIOD = re.compile(r"[0-9A-Za-z./_-]{1,20}")

# The codes of syntax errors; `reports.rendering.error_message` says them in the reader's
# language.
UNKNOWN_PART = "unknown_part"
GIVEN_TWICE = "given_twice"
MISSING = "missing"
MALFORMED_INDICATOR = "malformed_indicator"
MALFORMED_TERRITORY = "malformed_territory"
MALFORMED_PERIOD = "malformed_period"


@dataclass(frozen=True)
class Placeholder:
    text: str  # the placeholder as written, braces included
    indicator: str = ""
    territory: str = ""  # "scheme:code", e.g. "ags:16051000"
    period: str = ""
    error: str = ""  # the syntax error's code (ERRORS; "" when well formed)
    detail: str = ""  # what the error is about: the part, name or value

    @property
    def key(self) -> tuple[str, str, str]:
        """The figure the placeholder stands for, however it is spaced."""
        return (self.indicator, self.territory, self.period)

    @property
    def canonical(self) -> str:
        return (
            f"{{{{ indicator:{self.indicator} territory:{self.territory} period:{self.period} }}}}"
        )


def parse(body: str, text: str = "") -> Placeholder:
    """One placeholder's inner text, e.g. "indicator:x territory:ags:1 period:2015"."""
    text = text or "{{ " + body + " }}"
    fields: dict[str, str] = {}
    for part in body.split():
        # A part is "name:value"; the value may hold colons itself (territory:ags:16051000).
        match = _PART.fullmatch(part)
        name, value = match.groups() if match else ("", "")
        if not match or name not in _FIELDS:
            return Placeholder(text, error=UNKNOWN_PART, detail=part)
        if name in fields:
            return Placeholder(text, error=GIVEN_TWICE, detail=name)
        fields[name] = value
    missing = [name for name in _FIELDS if not fields.get(name)]
    if missing:
        return Placeholder(text, error=MISSING, detail=", ".join(missing))
    checks = (
        ("indicator", _CODE, MALFORMED_INDICATOR),
        ("territory", _TERRITORY, MALFORMED_TERRITORY),
        ("period", _PERIOD, MALFORMED_PERIOD),
    )
    for name, pattern, error in checks:
        if not pattern.fullmatch(fields[name]):
            return Placeholder(text, error=error, detail=fields[name])
    return Placeholder(text, fields["indicator"], fields["territory"], fields["period"])


def find(text: str) -> list[Placeholder]:
    """Every placeholder of `text`, in order of appearance (repeats included)."""
    return [parse(m.group(1), m.group(0)) for m in PATTERN.finditer(text or "")]


def find_all(texts: Iterable[str]) -> list[Placeholder]:
    return [p for text in texts for p in find(text)]


def replace(text: str, render: Callable[[Placeholder], str]) -> str:
    """`text` with every placeholder replaced by `render(placeholder)`."""
    return PATTERN.sub(lambda m: render(parse(m.group(1), m.group(0))), text or "")
