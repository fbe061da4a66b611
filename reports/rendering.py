"""Report texts with their live figures as HTML: the number and unit (or the symbol that stands
instead of it, with its meaning: never a 0 for a missing value), a footnote with indicator,
territory, period, source and licence, and a visible marker where a placeholder names an
unknown indicator or territory. No queries: the figures come resolved (`figures.py`) or frozen
(an edition).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from monitoring.figures import shown, symbol_meaning

from . import placeholders
from .figures import SYNTAX, UNKNOWN_INDICATOR, UNKNOWN_TERRITORY, Figure, figure_for


@dataclass
class Footnote:
    number: int
    figure: Figure
    refs: int = 0
    text: str = ""


@dataclass
class Notes:
    """The footnotes of one document, numbered in order of first appearance."""

    by_placeholder: dict[str, Footnote] = field(default_factory=dict)

    def ref(self, figure: Figure) -> tuple[int, int]:
        note = self.by_placeholder.get(figure.placeholder)
        if note is None:
            note = Footnote(len(self.by_placeholder) + 1, figure)
            self.by_placeholder[figure.placeholder] = note
        note.refs += 1
        return note.number, note.refs

    @property
    def footnotes(self) -> list[Footnote]:
        return list(self.by_placeholder.values())


def error_message(figure: Figure) -> str:
    if figure.error == UNKNOWN_INDICATOR:
        return _("Unknown indicator “%(code)s”") % {"code": figure.indicator}
    if figure.error == UNKNOWN_TERRITORY:
        return _("Unknown territory “%(key)s”") % {"key": figure.territory}
    if figure.error == SYNTAX:
        return _("Malformed placeholder: %(detail)s") % {"detail": syntax_detail(figure)}
    return ""


def syntax_detail(figure: Figure) -> str:
    """What is wrong with a malformed placeholder, in the reader's language."""
    value = figure.detail_value
    messages = {
        placeholders.UNKNOWN_PART: _("unknown part “%(value)s” (allowed: indicator, territory, "
                                     "period)"),
        placeholders.GIVEN_TWICE: _("“%(value)s” is given twice"),
        placeholders.MISSING: _("missing %(value)s"),
        placeholders.MALFORMED_INDICATOR: _("“%(value)s” is no indicator code"),
        placeholders.MALFORMED_TERRITORY: _(
            "“%(value)s” is no territory key (e.g. ags:16051000)"
        ),
        placeholders.MALFORMED_PERIOD: _("“%(value)s” is no period (e.g. 2015 or 2021/22)"),
    }  # fmt: skip
    return messages.get(figure.detail, figure.detail) % {"value": value}


def figure_text(figure: Figure, *, language: str) -> str:
    """The figure as read: "12,3 %", or the symbol (".", "x" …) alone."""
    if not figure.shows_number:
        return figure.shown_symbol
    text = shown(figure.value, figure.decimals, figure.symbol, language=language)
    return f"{text}\u00a0{figure.unit}" if figure.unit else text


def explanation(figure: Figure) -> str:
    """Why a symbol stands instead of a number."""
    if figure.shows_number:
        return symbol_meaning(figure.symbol) if figure.symbol == "()" else ""
    if not figure.found:
        return _("no value in the monitoring for this period")
    return symbol_meaning(figure.shown_symbol) or _("no value")


def source_text(figure: Figure) -> str:
    """Source, publisher, table and licence of a figure, as one line."""
    parts = [p for p in (figure.source, figure.publisher) if p]
    text = ", ".join(parts) if parts else _("source not stated")
    if figure.dataset:
        text += ", " + _("table %(code)s") % {"code": figure.dataset}
    licence = figure.licence or _("licence not stated")
    return _("Source: %(source)s. Licence: %(licence)s.") % {"source": text, "licence": licence}


def footnote_text(figure: Figure, *, language: str) -> str:
    """The footnote of a figure: what it is, for where and when, from where under what licence."""
    head = f"{figure.indicator_name}, {figure.territory_name}, {figure.period}"
    why = explanation(figure)
    value = figure_text(figure, language=language)
    if why:
        value = f"{value} ({why})"
    return f"{head}: {value}. {source_text(figure)}"


def render_figure(figure: Figure, notes: Notes, *, language: str) -> SafeString:
    if figure.error:
        return format_html(
            '<mark class="report-figure-error">{}: <code>{}</code></mark>',
            error_message(figure),
            figure.placeholder,
        )
    number, ref = notes.ref(figure)
    why = explanation(figure)
    css = "report-figure" if figure.shows_number else "report-figure report-figure--symbol"
    return format_html(
        '<span class="{}">{}{}</span><sup class="report-fn-ref">'
        '<a href="#fn-{}" id="fnref-{}-{}" aria-describedby="footnotes-label">{}</a></sup>',
        css,
        figure_text(figure, language=language),
        format_html(' <span class="report-figure__note">({})</span>', why) if why else "",
        number,
        number,
        ref,
        number,
    )


def render_text(html: str, figures: dict, notes: Notes, *, language: str) -> SafeString:
    """Sanitised `html` with every placeholder replaced by its figure."""
    rendered = placeholders.replace(
        html,
        lambda p: str(render_figure(figure_for(figures, p), notes, language=language)),
    )
    # The text was sanitised on saving; the inserted markup is escaped by format_html.
    return mark_safe(rendered)  # noqa: S308
