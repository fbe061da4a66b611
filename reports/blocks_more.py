"""The blocks that are not an indicator's table or chart: a segregation result with its
intervals, an agreement's goal progress, a work programme's status and an indicator map of the
report territory's sub-units.

Like `blocks`, each kind makes plain JSON data (`more_data`) that an edition stores as it was
when published; what a block shows (`*_view`, `segregation_svg`) is made from that data alone,
in the page's language, so a published block never changes when the data behind it does. A
map keeps its SVG markup itself (shapes and fills) and its legend in German and English.
"""

from __future__ import annotations

import vl_convert
from django.contrib.auth.models import AnonymousUser
from django.db.models import Q
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext as _

from cooperation import selectors as cooperation_selectors
from cooperation.indicators import goal_indicator_progress
from cooperation.models import Agreement, AgreementStatus, GoalStatus
from monitoring import charts
from monitoring.figures import number, shown, symbol_meaning
from monitoring.maps import choropleth
from monitoring.models import Indicator, IndicatorValue
from monitoring.spatial import CI_LEVEL, INDICES, SERIES, few_units_caveat, series_report
from places.models import Level, Territory, within_q
from programme import progress as programme_progress
from programme import selectors as programme_selectors
from programme.models import Programme

from .models import Block, BlockKind, Report

MORE_KINDS = (
    BlockKind.SEGREGATION,
    BlockKind.GOAL_PROGRESS,
    BlockKind.PROGRAMME_STATUS,
    BlockKind.MAP,
)
SERIES_BY_CODE = {s.code: s for s in SERIES}
# The latest periods of each territory a segregation block shows (up to the report's year).
MAX_SEGREGATION_PERIODS = 5
MAP_LANGUAGES = ("de", "en")
CHART_WIDTH = 560
NOT_A_NUMBER = (".", "...", "x", "/")


def _source(source="", publisher="", dataset="", licence="", licence_url="") -> dict:
    return {
        "source": source or "", "publisher": publisher or "", "dataset": dataset or "",
        "licence": licence or "", "licence_url": licence_url or "",
    }  # fmt: skip


def _dataset_source(dataset) -> dict:
    return _source(
        dataset.source, dataset.publisher, dataset.code, dataset.licence, dataset.licence_url
    )


def more_data(report: Report, blocks: list[Block], comparisons: list[str]) -> dict[int, dict]:
    """{block pk: data} for the blocks of `MORE_KINDS`; each series is computed once."""
    reports: dict[str, dict] = {}
    out = {}
    for block in blocks:
        if block.kind == BlockKind.SEGREGATION:
            out[block.pk] = segregation_data(block, report, comparisons, reports)
        elif block.kind == BlockKind.GOAL_PROGRESS:
            out[block.pk] = goal_progress_data(block)
        elif block.kind == BlockKind.PROGRAMME_STATUS:
            out[block.pk] = programme_status_data(block)
        elif block.kind == BlockKind.MAP:
            out[block.pk] = map_data(block, report)
    return out


def _base(block: Block) -> dict:
    return {"kind": block.kind, "title": block.title, "error": ""}


# --- segregation -----------------------------------------------------------------------------
def segregation_data(block: Block, report: Report, comparisons: list[str], cache=None) -> dict:
    """The series' rows of the report territory and its comparison territories (or the block's
    territories); when none of them is a parent of the series, of all its parents. Per
    territory the latest periods up to the report's year."""
    data = _base(block)
    code = block.params.get("series", "")
    series = SERIES_BY_CODE.get(code)
    if series is None:
        return {**data, "error": "unknown_series", "series": code}
    cache = {} if cache is None else cache
    if code not in cache:
        cache[code] = series_report(series)
    result = cache[code]
    wanted = block.params.get("territories") or [report.territory.key, *comparisons]
    present = {r["parent"].key for r in result["rows"]}
    keys = [k for k in dict.fromkeys(wanted) if k in present]
    if not keys:
        names = {r["parent"].key: r["parent"].name for r in result["rows"]}
        keys = sorted(present, key=names.get)
    year = str(report.period)[:4]
    rows = []
    for key in keys:
        mine = [r for r in result["rows"] if r["parent"].key == key and r["period"][:4] <= year]
        for r in sorted(mine, key=lambda r: r["period"])[-MAX_SEGREGATION_PERIODS:]:
            row = {
                "territory": r["parent"].name, "key": key, "period": r["period"],
                "units": r["units"], "left_out": r["left_out"], "no_data": r["no_data"],
                "suppressed": r["suppressed"], "empty": r["empty"], "caveat": bool(r["caveat"]),
                "share": r["share"],
            }  # fmt: skip
            for name in INDICES:
                ci = r.get(f"{name}_ci")
                row[name] = r.get(name)
                row[f"{name}_ci"] = list(ci) if ci else None
            rows.append(row)
    return {
        **data,
        "title": block.title or series.title,
        "series": series.code,
        "series_title": series.title,
        "series_source": series.source,
        "indices": list(INDICES),
        "ci_level": round(CI_LEVEL * 100),
        "territories": list(dict.fromkeys(r["territory"] for r in rows)),
        "periods": sorted({r["period"] for r in rows}),
        # "results", not "rows": rows of a block are indicator values (edition changes).
        "results": rows,
        "caveat": any(r["caveat"] for r in rows),
        "sources": [_dataset_source(d) for d in result["datasets"]] or [_source(series.source)],
    }


def index_labels() -> dict[str, str]:
    return {
        "dissimilarity": _("Dissimilarity index D"),
        "gini": _("Gini index"),
        "entropy": _("Entropy index H"),
        "isolation": _("Isolation index"),
        "interaction": _("Interaction index"),
    }


def _estimate(value, ci, *, language: str) -> dict:
    if value is None:
        return {"text": "x", "interval": "", "meaning": _("not defined for these counts")}
    interval = ""
    if ci and ci[0] is not None and ci[1] is not None:
        low, high = (number(v, 3, language=language) for v in ci)
        interval = f"[{low} – {high}]"
    return {"text": number(value, 3, language=language), "interval": interval, "meaning": ""}


def segregation_view(data: dict, *, language: str) -> dict:
    """The table: per territory and period the units used and left out, the group's share and
    every index with its interval "[low – high]", numbers in the page's language."""
    labels = index_labels()
    rows = []
    for r in data["results"]:
        reasons = []
        if r["no_data"]:
            reasons.append(_("%(n)d without data") % {"n": r["no_data"]})
        if r["suppressed"]:
            reasons.append(_("%(n)d suppressed") % {"n": r["suppressed"]})
        if r["empty"]:
            reasons.append(_("%(n)d empty") % {"n": r["empty"]})
        rows.append({
            "territory": r["territory"], "period": r["period"], "units": r["units"],
            "left_out": r["left_out"], "reasons": ", ".join(reasons), "caveat": r["caveat"],
            "share": shown(r["share"] * 100, 1, language=language) + "\u00a0%",
            "indices": [_estimate(r[n], r[f"{n}_ci"], language=language) for n in data["indices"]],
        })  # fmt: skip
    return {
        "headers": [labels.get(n, n) for n in data["indices"]],
        "rows": rows,
        "ci_label": _("%(level)d %% confidence interval") % {"level": data["ci_level"]},
        "caveat_text": few_units_caveat() if data["caveat"] else "",
    }


def segregation_alt(data: dict) -> str:
    return _(
        "Bar chart: dissimilarity index D of %(series)s for %(territories)s, %(periods)s, one "
        "bar per period with its %(level)d %% confidence interval as a line. The table below "
        "holds all indices."
    ) % {
        "series": data["series_title"],
        "territories": ", ".join(data["territories"]),
        "periods": ", ".join(data["periods"]),
        "level": data["ci_level"],
    }


def _svg_named(svg: str, alt: str) -> str:
    """One image to assistive technology, named by its alt text."""
    return svg.replace("<svg ", f'<svg role="img" aria-label="{escape(alt)}" focusable="false" ', 1)


def segregation_svg(data: dict, *, language: str, alt: str) -> str:
    """D per territory, one bar per period side by side with its interval: monitoring's
    interval-bar specification, made into SVG by vl-convert in the page's locale."""
    level = data["ci_level"]
    rows = []
    for r in data["results"]:
        low, high = r["dissimilarity_ci"] or (None, None)
        rows.append({"territory": r["territory"], "group": r["period"],
                     "value": r["dissimilarity"], "low": low, "high": high})  # fmt: skip
    spec = charts.interval_bars(
        rows,
        title=data["title"],
        unit=_("Dissimilarity index D"),
        group_title=_("Period"),
        low_title=_("%(level)d %% CI, lower bound") % {"level": level},
        high_title=_("%(level)d %% CI, upper bound") % {"level": level},
    )
    spec["width"] = CHART_WIDTH
    locale = "de-DE" if language.startswith("de") else "en-US"
    svg = vl_convert.vegalite_to_svg(spec, format_locale=locale, time_format_locale=locale)
    return _svg_named(svg, alt)


# --- goal progress ---------------------------------------------------------------------------
def _by_slug_or_pk(queryset, ref):
    ref = str(ref or "").strip()
    if not ref:
        return None
    condition = Q(slug=ref) | (Q(pk=int(ref)) if ref.isdigit() else Q(pk__in=[]))
    return queryset.filter(condition).first()


def public_agreements():
    """The agreements a report may show: those visible to everyone (a report is public once
    published)."""
    return Agreement.objects.visible_to(AnonymousUser())


def public_programmes():
    return Programme.objects.visible_to(AnonymousUser())


def goal_progress_data(block: Block) -> dict:
    """The agreement's numbered goals with status and progress as the agreement page shows
    them (cooperation's roll-up and indicator progress, programme's package contribution)."""
    data = _base(block)
    ref = block.params.get("agreement", "")
    agreement = _by_slug_or_pk(public_agreements(), ref)
    if agreement is None:
        return {**data, "error": "unknown_agreement", "agreement": str(ref)}
    anonymous = AnonymousUser()
    goals = []
    for goal in cooperation_selectors.agreement_goals(agreement, user=anonymous):
        packages = programme_selectors.goal_packages(goal, user=anonymous)
        indicators = [
            {"indicator": row["link"].indicator.name, "territory": row["link"].territory.name,
             "progress": None if row["progress"] is None else round(row["progress"])}
            for row in goal_indicator_progress(goal)
        ]  # fmt: skip
        goals.append({
            "number": goal.number,
            "text": {"de": goal.text_de or goal.text, "en": goal.text_en or goal.text_de or ""},
            "status": goal.status,
            "progress": goal.progress,
            "projects": goal.project_count,
            "project_progress": None if goal.project_progress is None
            else round(goal.project_progress),
            "packages_progress": programme_selectors.goal_progress(packages),
            "indicators": indicators,
        })  # fmt: skip
    title = {"de": agreement.title_de or agreement.title,
             "en": agreement.title_en or agreement.title_de or ""}  # fmt: skip
    return {
        **data,
        "title": block.title or agreement.title_de or agreement.title,
        "agreement": agreement.slug,
        "agreement_title": title,
        "agreement_status": agreement.status,
        "committee_reservation": agreement.status == AgreementStatus.PENDING_APPROVAL,
        "goals": goals,
        "sources": [_source(agreement.source or agreement.title)],
    }


def _percent(value, *, language: str) -> dict:
    """A progress in per cent, or "–" with its meaning: never 0 for what cannot be said."""
    if value is None:
        return {"text": "–", "meaning": _("not measurable (nothing to assess yet)")}
    return {"text": f"{number(value, 0, language=language)}\u00a0%", "meaning": ""}


def _label(choices, code: str) -> str:
    try:
        return str(choices(code).label)
    except ValueError:
        return code


def _in(texts: dict, language: str) -> str:
    return texts.get(language[:2]) or texts.get("de") or ""


def goal_progress_view(data: dict, *, language: str) -> dict:
    rows = []
    for goal in data["goals"]:
        rows.append({
            "number": goal["number"],
            "text": _in(goal["text"], language),
            "status": _label(GoalStatus, goal["status"]),
            "progress": _percent(goal["progress"], language=language),
            "projects": goal["projects"],
            "project_progress": _percent(goal["project_progress"], language=language),
            "packages_progress": _percent(goal["packages_progress"], language=language),
            "indicators": [
                {**i, "progress": _percent(i["progress"], language=language)}
                for i in goal["indicators"]
            ],
        })  # fmt: skip
    return {
        "agreement": _in(data["agreement_title"], language),
        "status": _label(AgreementStatus, data["agreement_status"]),
        "committee_reservation": data["committee_reservation"],
        "rows": rows,
    }


# --- programme status ------------------------------------------------------------------------
ON_TRACK, OVERDUE, COMPLETED, NOTHING = "on_track", "overdue", "completed", "nothing_to_count"


def package_status(progress_shown, overdue: int) -> str:
    if progress_shown is None:
        return NOTHING
    if progress_shown >= 100:
        return COMPLETED
    return OVERDUE if overdue else ON_TRACK


def package_status_labels() -> dict[str, str]:
    return {
        ON_TRACK: _("on schedule"),
        OVERDUE: _("items overdue"),
        COMPLETED: _("completed"),
        NOTHING: _("no tasks or milestones yet"),
    }


def programme_status_data(block: Block) -> dict:
    """The programme's work packages with progress and overdue items as the programme page
    shows them (programme.selectors.programme_packages, the rule of programme/progress.py)."""
    data = _base(block)
    ref = block.params.get("programme", "")
    programme = _by_slug_or_pk(public_programmes(), ref)
    if programme is None:
        return {**data, "error": "unknown_programme", "programme": str(ref)}
    packages = programme_selectors.programme_packages(programme)
    rows = [
        {
            "number": p.number, "title": p.title,
            "lead": p.lead_organisation.name if p.lead_organisation else "",
            "start": p.start.isoformat() if p.start else "",
            "end": p.end.isoformat() if p.end else "",
            "progress": p.progress_shown,
            "tasks_done": p.tasks_done, "tasks_counted": p.tasks_counted,
            "milestones_reached": p.milestones_reached, "milestones_total": p.milestones_total,
            "overdue": p.overdue_count,
            "status": package_status(p.progress_shown, p.overdue_count),
        }
        for p in packages
    ]  # fmt: skip
    overall = programme_progress.rounded(
        programme_progress.programme_progress(p.progress for p in packages)
    )
    return {
        **data,
        "title": block.title or programme.title,
        "programme": programme.slug,
        "programme_title": programme.title,
        "funder": programme.funder,
        "progress": overall,
        "packages": rows,
        "sources": [_source(programme.source or programme.title, programme.funder)],
    }


def programme_status_view(data: dict, *, language: str) -> dict:
    labels = package_status_labels()
    rows = [
        {**p, "status_label": labels.get(p["status"], p["status"]),
         "progress_shown": _percent(p["progress"], language=language)}
        for p in data["packages"]
    ]  # fmt: skip
    return {"rows": rows, "progress": _percent(data["progress"], language=language)}


# --- map -------------------------------------------------------------------------------------
def _map_period(indicator, units, wanted: str, year: str) -> str:
    if wanted:
        return wanted
    periods = list(
        IndicatorValue.objects.filter(indicator=indicator, territory__in=units)
        .order_by("-period_date")
        .values_list("period", flat=True)
        .distinct()
    )
    return next((p for p in periods if p[:4] <= year), periods[0] if periods else "")


def map_data(block: Block, report: Report) -> dict:
    """The indicator's values for the report territory's sub-units at the block's level in one
    period (the block's, else the latest up to the report's year), with the choropleth's SVG
    markup and its legend in German and English, frozen with the edition."""
    data = _base(block)
    code, level = block.params.get("indicator", ""), block.params.get("level", "")
    indicator = Indicator.objects.public().filter(code=code).first()
    if indicator is None:
        return {**data, "error": "unknown_indicator", "indicator": code}
    territory = report.territory
    units = list(
        Territory.objects.filter(within_q("", [territory]), level=level)
        .exclude(pk=territory.pk)
        .order_by("name")
    )
    if not units:
        return {**data, "error": "no_units", "indicator": code, "level": level}
    period = _map_period(indicator, units, block.params.get("period", ""), report.period[:4])
    values = {
        v.territory_id: v
        for v in IndicatorValue.objects.filter(
            indicator=indicator, territory__in=units, period=period
        ).select_related("dataset")
    }
    rows, items, sources = [], [], {}
    for unit in units:
        v = values.get(unit.pk)
        value = v.value if v is not None and v.symbol not in NOT_A_NUMBER else None
        symbol = v.symbol if v is not None else "."
        rows.append({"territory": unit.name, "key": unit.key, "period": period,
                     "value": value if v is not None else None, "symbol": symbol})  # fmt: skip
        items.append((unit, value, ""))
        if v is not None and v.dataset is not None:
            sources[v.dataset.code] = _dataset_source(v.dataset)
    legends, svg = {}, ""
    for language in MAP_LANGUAGES:
        with translation.override(language):
            made = choropleth(items, unit=indicator.unit, decimals=indicator.decimals)
        if made is None:
            break
        legends[language] = [[colour, text] for colour, text in made.legend]
        svg = svg or _map_markup(made)
    return {
        **data,
        "title": block.title or indicator.name,
        "indicator": indicator.code,
        "indicator_name": indicator.name,
        "unit": indicator.unit,
        "decimals": indicator.decimals,
        "territory": territory.name,
        "level": level,
        "period": period,
        "rows": rows,
        "svg": svg,
        "legend": legends,
        "sources": list(sources.values()) or [_source(indicator.sources)],
    }


def _map_markup(made) -> str:
    """The shapes as SVG markup (no accessible name yet: it is added in the page's language)."""
    paths = "".join(
        f'<path d="{shape.path}" fill="{shape.fill}" stroke="#ffffff" stroke-width="0.8">'
        f"<title>{escape(shape.territory.name)}</title></path>"
        for shape in made.shapes
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {made.width:.0f} '
        f'{made.height:.0f}" class="report-map__svg">{paths}</svg>'
    )


def map_alt(data: dict) -> str:
    return _(
        "Map: %(indicator)s in the %(count)d areas (%(level)s) of %(territory)s, %(period)s. "
        "The table below holds the values."
    ) % {
        "indicator": data["indicator_name"],
        "count": len(data["rows"]),
        "level": _label(Level, data["level"]),
        "territory": data["territory"],
        "period": data["period"],
    }


def map_view(data: dict, *, language: str, alt: str) -> dict:
    rows = [
        {"territory": r["territory"],
         "text": shown(r["value"], data["decimals"], r["symbol"], language=language),
         "meaning": symbol_meaning(r["symbol"]) if r["value"] is None else ""}
        for r in data["rows"]
    ]  # fmt: skip
    legend = data["legend"].get(language[:2]) or data["legend"].get("de") or []
    return {
        "svg": _svg_named(data["svg"], alt) if data["svg"] else "",
        "legend": legend,
        "rows": rows,
        "level": _label(Level, data["level"]),
    }
