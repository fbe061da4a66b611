"""Text handling shared by every app: rich-text sanitising and unique slugs."""

from __future__ import annotations

import nh3
from django.db import models
from django.utils.text import slugify

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "em", "h2", "h3", "h4", "i", "li", "ol", "p",
    "strong", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title", "hreflang"}, "abbr": {"title"}, "th": {"scope"}}


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
