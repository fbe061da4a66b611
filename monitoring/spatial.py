"""Segregation of a group across the sub-units of a city or state, computed from observations
with the pure index functions of `monitoring.segregation` (PySAL definitions)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from places.models import Level, Territory

from . import segregation
from .models import Observation

INDICES = ("dissimilarity", "gini", "entropy", "isolation", "interaction")


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


def _frame(spec: dict) -> pd.DataFrame:
    # The indices are shown to everyone: only public tables go into them.
    qs = Observation.objects.filter(
        measure__code=spec["measure"],
        dimension_key__key=spec.get("dimensions", ""),
        dataset__is_public=True,
    )
    columns = ["territory_id", "period", "value", "symbol"]
    frame = pd.DataFrame.from_records(list(qs.values_list(*columns)), columns=columns)
    frame["value"] = frame["value"].astype(float)
    return frame.drop_duplicates(["territory_id", "period"], keep="last")


def series_indices(series: SpatialSeries) -> list[dict]:
    """One row per (parent territory, period): units used, units left out, the indices."""
    group, total = _frame(series.group), _frame(series.total)
    if group.empty or total.empty:
        return []
    data = group.merge(total, on=["territory_id", "period"], suffixes=("_g", "_t"))
    units = dict(
        Territory.objects.filter(
            pk__in=data["territory_id"].unique(), level__in=series.unit_levels
        ).values_list("pk", "path")
    )
    data = data[data["territory_id"].isin(units)]
    complete = data["symbol_g"].isin(["", "-"]) & data["symbol_t"].isin(["", "-"])
    parents = Territory.objects.all()
    if series.parents:
        keys = [k.split(":", 1) for k in series.parents]
        parents = [p for s, c in keys for p in Territory.objects.filter(scheme=s, code=c)]
    else:
        parents = list(parents.filter(level__in=series.parent_levels, country="DE"))
    rows = []
    for parent in parents:
        marker = f"/{parent.pk}/"
        inside = data["territory_id"].map(lambda t, m=marker: m in units.get(t, "") + "/")
        for period, part in data[inside].groupby("period"):
            ok = complete[part.index]
            used = part[ok]
            if len(used) < 2 or used["value_t"].sum() <= 0:
                continue
            values = segregation.single_group_indices(
                used["value_g"].to_numpy(float), used["value_t"].to_numpy(float)
            )
            rows.append(
                {
                    "parent": parent,
                    "period": period,
                    "units": len(used),
                    "left_out": int((~ok).sum()),
                    "share": float(used["value_g"].sum() / used["value_t"].sum()),
                    **{name: _number(values.get(name)) for name in INDICES},
                }
            )
    rows.sort(key=lambda r: (r["parent"].name, r["period"]))
    return rows


def _number(value) -> float | None:
    if value is None:
        return None
    value = float(np.asarray(value))
    return None if np.isnan(value) else value
