"""Survey-result blocks: one question of one or more survey waves side by side (matched by the
question's code across instrument versions), each cell a count with its share, or the symbol "."
with the reason it is hidden (fewer than five respondents, or hidden so that it cannot be
computed from the totals: `surveys.stats`). Free-text answers are private and never shown.

Like every block, the data is plain JSON frozen with the edition."""

from __future__ import annotations

from django.utils.translation import gettext as _

from monitoring.figures import number
from monitoring.licences import DEFAULT as DEFAULT_LICENCE
from surveys import stats
from surveys.models import TEXT_KINDS, Wave, WaveStatus
from surveys.selectors_results import waves_comparison

from .models import Block


def public_waves():
    """Waves whose results are public (running or closed): a published report is public."""
    return (
        Wave.objects.exclude(status=WaveStatus.DRAFT)
        .select_related("territory", "organisation", "version")
        .order_by("-opens", "title")
    )


def _cell(cell) -> dict | None:
    if cell is None:
        return None
    return {"value": cell.value, "percent": cell.percent, "reason": cell.reason}


def _source(wave: Wave) -> dict:
    return {
        "source": _("Survey “%(title)s”") % {"title": wave.title},
        "publisher": wave.organisation.name if wave.organisation else wave.territory.name,
        "dataset": wave.slug,
        "licence": DEFAULT_LICENCE.name,
        "licence_url": DEFAULT_LICENCE.url,
    }


def survey_data(block: Block) -> dict:
    """The question `params["question"]` (a variable code) in the waves `params["waves"]`."""
    data = {"kind": block.kind, "title": block.title, "error": ""}
    slugs = list(block.params.get("waves") or [])
    code = block.params.get("question", "")
    found = {w.slug: w for w in public_waves().filter(slug__in=slugs)}
    waves = [found[s] for s in dict.fromkeys(slugs) if s in found]
    if not waves:
        return {**data, "error": "unknown_waves"}
    comparison = next((c for c in waves_comparison(waves) if c.code == code), None)
    if comparison is None:
        return {**data, "error": "unknown_question", "question": code}
    if comparison.kind in TEXT_KINDS:
        return {**data, "error": "free_text", "question": code}
    results = comparison.results
    return {
        **data,
        "title": block.title or comparison.label,
        "question": code,
        "label": comparison.label,
        "waves": [
            {
                "slug": w.slug,
                "title": w.title,
                "territory": w.territory.name,
                "period": w.period,
                "version": w.version.number,
                "total": _cell(r.total) if r is not None else None,
                "mean": None
                if r is None or r.summary is None or r.summary.suppressed
                else r.summary.mean,
            }
            for w, r in zip(waves, results, strict=True)
        ],  # fmt: skip
        "rows": [
            {"code": row["code"], "label": row["label"], "cells": [_cell(c) for c in row["cells"]]}
            for row in comparison.rows
        ],  # fmt: skip
        "sources": [_source(w) for w in waves],
    }


def survey_view(data: dict, *, language: str) -> dict:
    """Each cell as text: "12 (8,5 %)", "." with its reason, or "x" where the wave's version
    does not ask the question."""

    def text(cell) -> dict:
        if cell is None:
            return {"text": "x", "meaning": _("not asked in this wave's version")}
        if cell["reason"]:
            meaning = (
                _("not shown: fewer than %(min)s respondents") % {"min": stats.MIN_CELL}
                if cell["reason"] == stats.PRIMARY
                else _("not shown, so that another hidden figure cannot be computed")
            )
            return {"text": ".", "meaning": meaning}
        count = number(cell["value"], 0, language=language)
        if cell["percent"] is None:
            return {"text": count, "meaning": ""}
        share = number(cell["percent"], 1, language=language)
        return {"text": f"{count} ({share}\u00a0%)", "meaning": ""}

    return {
        "waves": [
            {
                **w,
                # The total without its share (always 100 %).
                "total_shown": text(w["total"] and {**w["total"], "percent": None}),
                "mean_shown": "" if w["mean"] is None else number(w["mean"], 2, language=language),
            }
            for w in data["waves"]
        ],  # fmt: skip
        "rows": [{**r, "shown": [text(c) for c in r["cells"]]} for r in data["rows"]],
        "has_mean": any(w["mean"] is not None for w in data["waves"]),
    }
