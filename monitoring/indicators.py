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
from django.db import connection, transaction

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


# The stored columns of an indicator value besides its key (indicator, territory, period).
VALUE_COLUMNS = ["value", "symbol", "numerator", "denominator", "dataset_id", "aggregated",
                 "period_date"]  # fmt: skip
_FLOATS = ("value", "numerator", "denominator")


def _stored_values(indicator: Indicator) -> pd.DataFrame:
    rows = IndicatorValue.objects.filter(indicator=indicator).values_list(
        "id", "territory_id", "period", *VALUE_COLUMNS
    )
    frame = pd.DataFrame.from_records(
        list(rows), columns=["id", "territory_id", "period", *VALUE_COLUMNS], coerce_float=True
    )
    return _normalised(frame)


def _normalised(frame: pd.DataFrame) -> pd.DataFrame:
    """The value columns in one representation for both sides of the comparison: floats
    with NaN for none, text symbols, nullable integer dataset ids, dates as datetime64."""
    frame = frame.copy()
    for column in _FLOATS:
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype(np.float64)
    frame["symbol"] = frame["symbol"].fillna("").astype(str)
    frame["dataset_id"] = pd.to_numeric(frame["dataset_id"], errors="coerce").astype("Int64")
    frame["aggregated"] = frame["aggregated"].fillna(False).astype(bool)
    frame["period_date"] = pd.to_datetime(frame["period_date"]).dt.normalize()
    frame["territory_id"] = frame["territory_id"].astype(np.int64)
    frame["period"] = frame["period"].astype(str)
    return frame


def _differs(merged: pd.DataFrame) -> np.ndarray:
    """Rows whose computed values differ from the stored ones (NaN equals NaN)."""
    differs = np.zeros(len(merged), dtype=bool)
    for column in VALUE_COLUMNS:
        new, old = merged[column], merged[f"{column}_old"]
        both_missing = new.isna().to_numpy() & old.isna().to_numpy()
        equal = (new == old).fillna(False).to_numpy(dtype=bool)
        differs |= ~(equal | both_missing)
    return differs


def _plain(frame: pd.DataFrame, columns) -> list[tuple]:
    """Rows as tuples of plain Python values for executemany (NaN and NA → None)."""
    out = []
    for column in columns:
        series = frame[column]
        if column == "period_date":
            out.append([d.date() for d in series])
        else:
            values = series.astype(object).where(series.notna(), None)
            out.append(values.tolist())
    return list(zip(*out, strict=True))


@transaction.atomic
def indicator_compute(indicator: Indicator) -> tuple[int, int, int]:
    """Rebuild the stored values of one indicator; (created, updated, deleted). Idempotent.

    The computed frame and the stored values are compared in one merge; new, changed and
    vanished rows are written with one statement each (executemany), not one object each."""
    frame = indicator_frame(indicator)
    computed = _normalised(frame[["territory_id", "period", *VALUE_COLUMNS]])
    stored = _stored_values(indicator)
    merged = computed.merge(
        stored, on=["territory_id", "period"], how="outer", suffixes=("", "_old"), indicator=True
    )
    new = merged[merged["_merge"] == "left_only"]
    both = merged[merged["_merge"] == "both"]
    dirty = both[_differs(both)] if len(both) else both
    gone = merged.loc[merged["_merge"] == "right_only", "id"].astype(np.int64).tolist()
    table = IndicatorValue._meta.db_table
    with connection.cursor() as cursor:
        if len(new):
            columns = ["territory_id", "period", *VALUE_COLUMNS]
            cursor.executemany(
                f"INSERT INTO {table} (indicator_id, {', '.join(columns)}) "  # noqa: S608
                f"VALUES (%s, {', '.join(['%s'] * len(columns))})",
                [(indicator.pk, *row) for row in _plain(new, columns)],
            )
        if len(dirty):
            assignments = ", ".join(f"{column} = %s" for column in VALUE_COLUMNS)
            cursor.executemany(
                f"UPDATE {table} SET {assignments} WHERE id = %s",  # noqa: S608
                [(*row[:-1], int(row[-1])) for row in _plain(dirty, [*VALUE_COLUMNS, "id"])],
            )
    IndicatorValue.objects.filter(pk__in=gone).delete()
    return len(new), len(dirty), len(gone)


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
