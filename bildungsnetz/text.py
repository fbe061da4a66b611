"""Text handling shared by every app: control characters, rich-text sanitising, unique slugs."""

from __future__ import annotations

import re

import nh3
from django.db import models
from django.utils.text import slugify

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "em", "h2", "h3", "h4", "i", "li", "ol", "p",
    "strong", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title", "hreflang"}, "abbr": {"title"}, "th": {"scope"}}

# Characters no text a person types contains, and that break writers downstream: C0 controls
# but tab, line feed and carriage return (XML 1.0 and XLSX refuse them, PostgreSQL refuses NUL),
# DEL, the non-characters U+FFFE/U+FFFF, and lone surrogates (not encodable as UTF-8).
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")


def strip_control_characters(value: str) -> str:
    """`value` without the characters above; every input path (forms, API, imports) and every
    writer (XLSX, XML feeds) goes through this one function."""
    return CONTROL_CHARACTERS.sub("", value) if value else value


def clean_json_strings(data, depth: int = 0):
    """`data` (parsed JSON) with every string key and value cleaned by
    `strip_control_characters`. Raises RecursionError beyond 64 levels of nesting, which no
    request or import of this platform needs."""
    if depth > 64:
        raise RecursionError("JSON nested too deeply")
    if isinstance(data, str):
        return strip_control_characters(data)
    if isinstance(data, list):
        return [clean_json_strings(item, depth + 1) for item in data]
    if isinstance(data, dict):
        return {
            strip_control_characters(str(k)): clean_json_strings(v, depth + 1)
            for k, v in data.items()
        }
    return data


def sanitize_html(value: str) -> str:
    """Keep structural markup only; scripts, styles and event handlers are removed."""
    return nh3.clean(
        value or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )


def unique_slug(model: type[models.Model], text: str, *, max_length: int = 100, exclude_pk=None):
    """A slug for `text` not yet used by `model` (appends -2, -3, … when taken)."""
    base = slugify(text.replace("ß", "ss"))[: max_length - 4].strip("-") or "eintrag"
    taken = set(
        model.objects.filter(slug__startswith=base)
        .exclude(pk=exclude_pk)
        .values_list("slug", flat=True)
    )
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"
