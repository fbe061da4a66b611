"""Segregation of a group across the sub-units of a city or state, computed from observations
with the pure index functions of `monitoring.segregation` (PySAL definitions), each with a
percentile bootstrap interval over the units.

Only populated units count: a unit enters when both counts are numbers and its total is above
zero. Units left out are counted by reason (no data, suppressed, empty), and a row resting on
fewer than ``MIN_UNITS`` populated units carries a caveat."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np
import pandas as pd
from django.core.cache import cache
from django.utils.translation import gettext as _

from places.keys import split_key
from places.models import Level, Territory

from . import segregation
from .models import Dataset, Observation

INDICES = ("dissimilarity", "gini", "entropy", "isolation", "interaction")

# Below this many populated units an index says little: large units hide the separation inside
# them (the index is biased, usually downwards, and depends on how the area is cut), and a
# bootstrap over a handful of units cannot estimate its spread (with 2 units, half the
# resamples hold one unit twice and give 0).
MIN_UNITS = 10
# 95 % percentile intervals from 2,000 resamples: the bounds are stable to about 0.002 (Monte
# Carlo error), and Berlin's 540 planning areas take under 0.1 s for all indices at once.
CI_LEVEL = 0.95
N_BOOT = 2000
# A fixed seed per row: the same data give the same interval on every page and API call.
SEED = 20_251_204
# Symbols after which a value is not a number to use (GENESIS "." secret, "x" not meaningful,
# "/" not reliable enough, "..." not yet available); "-" is a true zero and "()" a number of
# limited reliability, both kept.
NOT_A_NUMBER = frozenset({".", "x", "/", "..."})


@dataclass(frozen=True)
class SpatialSeries:
    code: str
    title: str
    group: dict
    total: dict
    unit_levels: tuple[str, ...]
    parent_levels: tuple[str, ...] = ()
    parents: tuple[str, ...] = ()
    source: str = ""


SERIES = [
    SpatialSeries(
        code="auslaender-berlin",
        title="Ausländerinnen und Ausländer über die Berliner Planungsräume",
        group={"measure": "EW_AUSLAENDER"},
        total={"measure": "EW_GESAMT"},
        unit_levels=(Level.PLANNING_AREA,),
        parents=("ags:11000000",),
        source="Amt für Statistik Berlin-Brandenburg, Einwohnerregister 30.06.2022",
    ),
    SpatialSeries(
        code="auslaender-wien",
        title="Ausländerinnen und Ausländer über die Wiener Bezirke",
        group={"measure": "EW_AUSLAENDER"},  # EU/EEA + rest of Europe + third countries
        total={"measure": "EW_GESAMT"},
        unit_levels=(Level.DISTRICT,),
        parents=("gkz:90001",),
        source="Stadt Wien – data.wien.gv.at (MA 23, auf Basis von Statistik Austria), "
        "Bevölkerung am 1.1., CC BY 4.0",
    ),
    SpatialSeries(
        code="ohne-hauptschulabschluss-laender",
        title="Abgänger ohne Hauptschulabschluss über die Kreise eines Landes",
        group={
            "measure": "ABSOLVENTEN_ABGAENGER",
            "dimensions": "SCHULABSCHLUSS=OHNE_HAUPTSCHULABSCHLUSS",
        },
        total={"measure": "ABSOLVENTEN_ABGAENGER", "dimensions": ""},
        unit_levels=(Level.COUNTY, Level.CITY),
        parent_levels=(Level.STATE,),
        source="Statistik der allgemein bildenden Schulen (21111), dl-de/by-2-0",
    ),
]


def few_units_caveat() -> str:
    """Why a row resting on fewer than ``MIN_UNITS`` populated units is to be read with care."""
    return _(
        "Fewer than %(min_units)d populated sub-areas: the index rests on a few large units. "
        "It cannot see the separation inside them, so it is biased (usually too low) and "
        "depends on how the area is divided, and a bootstrap over so few units cannot "
        "estimate its uncertainty reliably. Read it as a rough indication only."
    ) % {"min_units": MIN_UNITS}


def _frame(spec: dict) -> pd.DataFrame:
    # The indices are shown to everyone: only public tables go into them.
    qs = Observation.objects.for_spec(spec)
    columns = ["territory_id", "period", "value", "symbol", "dataset_id"]
    frame = pd.DataFrame.from_records(list(qs.values_list(*columns)), columns=columns)
    frame["value"] = frame["value"].astype(float)
    return frame.drop_duplicates(["territory_id", "period"], keep="last")


def _parents(series: SpatialSeries) -> list[Territory]:
    if series.parents:
        keys = [split_key(k) for k in series.parents]
        return [p for s, c in keys for p in Territory.objects.filter(scheme=s, code=c)]
    return list(Territory.objects.filter(level__in=series.parent_levels, country="DE"))


def series_indices(series: SpatialSeries) -> list[dict]:
    """One row per (parent territory, period): populated units used, units left out by reason,
    the group's share, each index with its bootstrap interval, and a caveat flag."""
    return series_report(series)["rows"]


def series_report(series: SpatialSeries) -> dict:
    """The rows of ``series_indices`` and the public datasets they rest on (source, licence)."""
    group, total = _frame(series.group), _frame(series.total)
    if group.empty or total.empty:
        return {"rows": [], "datasets": []}
    data = group.merge(
        total, on=["territory_id", "period"], how="outer", suffixes=("_g", "_t"), indicator=True
    )
    units = dict(
        Territory.objects.filter(
            pk__in=data["territory_id"].unique(), level__in=series.unit_levels
        ).values_list("pk", "path")
    )
    data = data[data["territory_id"].isin(units)]
    both = data["_merge"] == "both"
    numbers = (
        both
        & data["value_g"].notna()
        & data["value_t"].notna()
        & ~data["symbol_g"].isin(NOT_A_NUMBER)
        & ~data["symbol_t"].isin(NOT_A_NUMBER)
    )
    data = data.assign(
        reason=np.select(
            [~both, ~numbers, data["value_t"] <= 0],
            ["no_data", "suppressed", "empty"],
            default="used",
        )
    )
    parents = {parent.pk: parent for parent in _parents(series)}
    # Each unit belongs to the parents on its materialised path ("/1/5/42").
    parents_of = {
        pk: [int(a) for a in path.strip("/").split("/") if a and int(a) in parents]
        for pk, path in units.items()
    }
    cells: dict[tuple[int, str], list[int]] = {}
    for i, (territory, period) in enumerate(zip(data["territory_id"], data["period"], strict=True)):
        for parent in parents_of[territory]:
            cells.setdefault((parent, period), []).append(i)
    reason = data["reason"].to_numpy()
    value_g, value_t = data["value_g"].to_numpy(float), data["value_t"].to_numpy(float)
    datasets_g, datasets_t = data["dataset_id_g"].to_numpy(), data["dataset_id_t"].to_numpy()
    rows, dataset_ids = [], set()
    for (parent, period), index in cells.items():
        index = np.asarray(index)
        used = index[reason[index] == "used"]
        x, t = value_g[used], value_t[used]
        if len(used) < 2 or t.sum() <= 0:
            continue
        dataset_ids.update(int(d) for d in np.concatenate([datasets_g[used], datasets_t[used]]))
        reasons = reason[index]
        rows.append(
            {
                "parent": parents[parent],
                "period": period,
                "units": len(used),
                "left_out": len(index) - len(used),
                **{r: int((reasons == r).sum()) for r in ("no_data", "suppressed", "empty")},
                "caveat": len(used) < MIN_UNITS,
                "share": float(x.sum() / t.sum()),
                **_indices_with_intervals(x, t),
            }
        )
    rows.sort(key=lambda r: (r["parent"].name, r["period"]))
    datasets = list(Dataset.objects.filter(pk__in=dataset_ids).order_by("code"))
    return {"rows": rows, "datasets": datasets}


def _indices_with_intervals(group: np.ndarray, total: np.ndarray) -> dict:
    """``{index: value, index + "_ci": (low, high)}``, cached per input data: the bootstrap is
    the costly part, and the same counts always give the same numbers (fixed seed)."""
    digest = hashlib.sha256()
    for part in (group, total, np.array([N_BOOT, CI_LEVEL, SEED], dtype=float)):
        digest.update(np.ascontiguousarray(part).tobytes())
    key = f"monitoring:segregation:v1:{digest.hexdigest()}"
    found = cache.get(key)
    if found is not None:
        return found
    intervals = segregation.single_group_bootstrap(
        INDICES, group, total, n_boot=N_BOOT, level=CI_LEVEL, seed=SEED
    )
    values = {}
    for name, ci in intervals.items():
        values[name] = _number(ci.estimate)
        low, high = _number(ci.low), _number(ci.high)
        values[f"{name}_ci"] = (low, high) if low is not None and high is not None else None
    cache.set(key, values, timeout=None)
    return values


def _number(value) -> float | None:
    if value is None:
        return None
    value = float(np.asarray(value))
    return None if np.isnan(value) else value
