"""Indicators computed in bulk for every territory and period, with symbol propagation.

Only observations of public datasets count: the values are published (pages, API, open data),
so an unpublished table must not show through them. Publishing or withdrawing a table
recomputes the indicators over its measures (`services.dataset_figures_refresh`).

An indicator is numerator / denominator × scale. Missing-value symbols travel through the
computation, and each keeps its meaning (see `combine`): a "." (or "x", "/", "...") in the
numerator or denominator makes the indicator value "." (resp. that symbol), never 0; a "-"
numerator is a true zero; a zero denominator gives "x" (not meaningful); "()" (limited
reliability) is kept beside the computed value.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
from django.db import transaction

from bildungsnetz.upsert import upsert
from places.models import Level, Territory

from .models import Indicator, IndicatorValue, Observation

CATALOGUE = Path(__file__).resolve().parent / "data" / "indicators.json"
BLOCKING = (".", "...", "x", "/")  # in order of precedence
# Counts may be summed from sub-areas up to the city, never beyond (a state is not the sum of
# the planning areas of its one city that happens to have data).
AGGREGATE_LEVELS = {Level.CITY, Level.DISTRICT, Level.FORECAST_AREA, Level.DISTRICT_REGION}


def combine(num: pd.DataFrame, den: pd.DataFrame | None, scale: float) -> pd.DataFrame:
    """Pure: join numerator and denominator frames (territory_id, period, value, symbol …)
    and compute value and symbol per row, vectorised.

    The symbol of the result, and why:

    - no denominator (a count): the source's symbol stays. A "-" stays "-" with the value 0:
      the source said "nothing", which is a true zero, but it is not a number that was
      counted (territories dissolved long ago have "-" in every cell); rankings leave such
      values out. Blocking symbols give no value.
    - "-" / "-", or anything / 0: "x", not meaningful (0/0 is no share of anything), no value.
    - "-" / a number: 0 with no symbol: a computed share of a true zero is a number.
    - a blocking symbol ("." "..." "x" "/") on either side: that symbol, no value; the
      numerator's wins, and among the symbols of one side the first in `BLOCKING`.
    - "()" on either side: the computed value, marked "()".

    Never a 0 with an empty symbol where the source had no number."""
    if den is None:
        out = num.copy()
        out["numerator"], out["denominator"] = out["value"], np.nan
        symbol = out["symbol"].fillna("").to_numpy(object)
        raw = out["value"].to_numpy(np.float64)
        # A row without a number and without a symbol (should not happen) is unknown, ".".
        symbol = np.where(np.isnan(raw) & ~np.isin(symbol, (*BLOCKING, "-")), ".", symbol)
        blocked = np.isin(symbol, BLOCKING)
        zero = symbol == "-"
        out["value"] = np.where(blocked, np.nan, np.where(zero, 0.0, raw * scale))
        out["symbol"] = symbol
        return out
    merged = num.merge(
        den[["territory_id", "period", "value", "symbol"]],
        on=["territory_id", "period"],
        suffixes=("", "_den"),
    )
    ns = merged["symbol"].fillna("").to_numpy(object)
    ds = merged["symbol_den"].fillna("").to_numpy(object)
    # "-" is a true zero, whether or not the parser stored its 0.
    n = np.where(ns == "-", 0.0, merged["value"].to_numpy(np.float64))
    d = np.where(ds == "-", 0.0, merged["value_den"].to_numpy(np.float64))
    symbol = np.full(len(merged), "", dtype=object)
    limited = (ns == "()") | (ds == "()")
    symbol[limited] = "()"
    zero_den = (d == 0) | np.isnan(d)
    symbol[zero_den & ~np.isin(ds, BLOCKING)] = "x"
    for code in reversed(BLOCKING):  # the first in BLOCKING wins: assigned last
        symbol[(ds == code)] = code
    for code in reversed(BLOCKING):  # a numerator symbol wins over a denominator symbol
        symbol[(ns == code)] = code
    blocked = np.isin(symbol, BLOCKING)
    with np.errstate(divide="ignore", invalid="ignore"):
        value = np.where(blocked, np.nan, n / d * scale)
    value[~np.isfinite(value)] = np.nan
    # No number on a side without a symbol (should not happen): unknown, never an empty cell.
    symbol[np.isnan(value) & ~np.isin(symbol, BLOCKING)] = "."
    merged["numerator"], merged["denominator"] = n, d
    merged["value"], merged["symbol"] = value, symbol
    return merged.drop(columns=["value_den", "symbol_den"])


def _series(spec: dict) -> pd.DataFrame:
    """Observations for one `{"measure", "dimensions", "dataset"}` spec as a frame."""
    columns = ["territory_id", "period", "period_date", "value", "symbol", "dataset_id"]
    # Indicators are published to everyone: only public tables go into them.
    # A measure is its code and unit: a code held as a count and as a share is never mixed.
    qs = Observation.objects.for_spec(spec)
    frame = pd.DataFrame.from_records(list(qs.values_list(*columns)), columns=columns)
    frame["value"] = frame["value"].astype(np.float64)
    if len(frame):
        # The same cell from several tables: the most recently created table wins.
        frame = frame.sort_values("dataset_id").drop_duplicates(
            ["territory_id", "period"], keep="last"
        )
    return frame


def aggregate_up(frame: pd.DataFrame) -> pd.DataFrame:
    """Add sums for the ancestors (up to the city) that have no value of their own.

    Suppressed parts (".", …) are left out of the sum and the sum is marked "()".
    """
    if frame.empty:
        return frame.assign(aggregated=False)
    paths = dict(
        Territory.objects.filter(pk__in=frame["territory_id"].unique()).values_list("pk", "path")
    )
    levels = dict(Territory.objects.filter(level__in=AGGREGATE_LEVELS).values_list("pk", "level"))
    rows = frame.assign(ancestor=frame["territory_id"].map(lambda t: paths.get(t, "")))
    rows["ancestor"] = rows["ancestor"].str.strip("/").str.split("/")
    rows = rows.explode("ancestor")
    rows = rows[rows["ancestor"] != ""]
    rows["ancestor"] = rows["ancestor"].astype(np.int64)
    rows = rows[rows["ancestor"] != rows["territory_id"]]
    rows = rows[rows["ancestor"].isin(levels)]
    if rows.empty:
        return frame.assign(aggregated=False)
    suppressed = rows["symbol"].isin(BLOCKING) | rows["value"].isna()
    rows = rows.assign(
        known=np.where(suppressed, 0.0, rows["value"].fillna(0.0)),
        suppressed=suppressed,
        nothing=rows["symbol"] == "-",
    )
    sums = rows.groupby(["ancestor", "period"], as_index=False).agg(
        value=("known", "sum"),
        any_suppressed=("suppressed", "any"),
        all_suppressed=("suppressed", "all"),
        all_nothing=("nothing", "all"),
        period_date=("period_date", "first"),
        dataset_id=("dataset_id", "max"),
    )
    sums = sums.rename(columns={"ancestor": "territory_id"})
    # Every part suppressed: the sum is unknown ("."), not 0; every part "-": nothing ("-");
    # some parts suppressed: a lower bound, of limited reliability ("()").
    sums["symbol"] = np.select(
        [sums["all_suppressed"], sums["all_nothing"], sums["any_suppressed"]],
        [".", "-", "()"],
        default="",
    )
    sums["value"] = np.where(sums["all_suppressed"], np.nan, sums["value"])
    own = pd.MultiIndex.from_frame(frame[["territory_id", "period"]])
    sums = sums[~pd.MultiIndex.from_frame(sums[["territory_id", "period"]]).isin(own)]
    sums = sums.drop(columns=["any_suppressed", "all_suppressed", "all_nothing"])
    sums = sums.assign(aggregated=True)
    return pd.concat([frame.assign(aggregated=False), sums], ignore_index=True)


def indicator_frame(indicator: Indicator) -> pd.DataFrame:
    num = _series(indicator.numerator)
    den = _series(indicator.denominator) if indicator.denominator else None
    if indicator.aggregate:
        num = aggregate_up(num)
        den = aggregate_up(den) if den is not None else None
    else:
        num = num.assign(aggregated=False)
    return combine(num, den, indicator.scale)


@transaction.atomic
def indicator_compute(indicator: Indicator) -> tuple[int, int, int]:
    """Rebuild the stored values of one indicator; (created, updated, deleted). Idempotent."""
    frame = indicator_frame(indicator)
    current = {
        (v.territory_id, v.period): v for v in IndicatorValue.objects.filter(indicator=indicator)
    }
    new, dirty = [], []
    seen = set()
    fields = [
        "value",
        "symbol",
        "numerator",
        "denominator",
        "dataset_id",
        "aggregated",
        "period_date",
    ]
    for row in frame.itertuples(index=False):
        key = (int(row.territory_id), str(row.period))
        seen.add(key)
        values = {
            "value": _float(row.value),
            "symbol": row.symbol or "",
            "numerator": _float(row.numerator),
            "denominator": _float(row.denominator),
            "dataset_id": int(row.dataset_id) if not pd.isna(row.dataset_id) else None,
            "aggregated": bool(row.aggregated),
            "period_date": pd.Timestamp(row.period_date).date(),
        }
        stored = current.get(key)
        if stored is None:
            new.append(
                IndicatorValue(indicator=indicator, territory_id=key[0], period=key[1], **values)
            )
        elif any(getattr(stored, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(stored, k, v)
            dirty.append(stored)
    IndicatorValue.objects.bulk_create(new, batch_size=2000)
    IndicatorValue.objects.bulk_update(dirty, fields, batch_size=2000)
    gone = [v.pk for k, v in current.items() if k not in seen]
    IndicatorValue.objects.filter(pk__in=gone).delete()
    return len(new), len(dirty), len(gone)


def _float(value) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def indicators_compute(*, measures: set[str] | None = None) -> int:
    """Recompute every indicator (or those using one of `measures`); returns how many."""
    done = 0
    for indicator in Indicator.objects.all():
        if measures is not None and not (indicator.measure_codes() & set(measures)):
            continue
        indicator_compute(indicator)
        done += 1
    return done


FIELDS = (
    "area", "name", "definition", "numerator", "denominator", "scale", "unit", "decimals",
    "direction", "periodicity", "sources", "caveats", "comparability", "aggregate", "order",
)  # fmt: skip


@transaction.atomic
def indicators_load_catalogue(path: Path = CATALOGUE) -> tuple[int, int]:
    """Load the shipped indicator definitions; running it twice changes nothing."""
    data = json.loads(path.read_text(encoding="utf-8"))
    created = changed = 0
    for order, item in enumerate(data["indicators"]):
        values = {k: item[k] for k in FIELDS if k in item}
        values.setdefault("order", order)
        values.setdefault("denominator", None)
        _obj, was_created, fields = upsert(Indicator, {"code": item["code"]}, values)
        created += was_created
        changed += bool(fields) and not was_created
    return created, changed
