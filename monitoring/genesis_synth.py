"""Synthetic GENESIS flat files (ffcsv) for benchmarks and load tests.

Same layout as a real download (see /work/shared/data/genesis/*_flat.csv): regional variable
KREISE with real-looking 5-digit keys in slot 1, then sex, age group and nationality, two
measures (a count and a share with decimal comma), key dates, and a sprinkling of the GENESIS
symbols. Rows are distinct observations, so an importer can bulk-write them under a unique
constraint. Built column-wise with NumPy and written by pyarrow: a million rows take seconds.
"""

from __future__ import annotations

import os

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pv

HEADER = [
    "statistics_code",
    "statistics_label",
    "time_code",
    "time_label",
    "time",
    *(
        f"{slot}_{field}"
        for slot in range(1, 5)
        for field in (
            "variable_code",
            "variable_label",
            "variable_attribute_code",
            "variable_attribute_label",
        )
    ),
    "value",
    "value_unit",
    "value_variable_code",
    "value_variable_label",
]

# Kreise per Land: (Land key, Regierungsbezirk digits, kreisfreie Städte, Landkreise) roughly
# as the real structure, enough for about 400 keys such as 01001, 05315, 16051.
_LAENDER = [
    ("01", "0", 4, 11),
    ("02", "0", 1, 0),
    ("03", "1234", 3, 8),
    ("04", "0", 2, 0),
    ("05", "13579", 5, 6),
    ("06", "456", 2, 7),
    ("07", "13", 5, 6),
    ("08", "1234", 2, 9),
    ("09", "1234567", 4, 9),
    ("10", "0", 1, 5),
    ("11", "0", 1, 0),
    ("12", "0", 4, 14),
    ("13", "0", 2, 6),
    ("14", "567", 1, 5),
    ("15", "0", 2, 11),
    ("16", "0", 6, 17),
]
# Thuringia numbers its kreisfreie Städte from 51 (Erfurt 16051) and its Landkreise from 61.
_FIRST_NUMBERS = {"16": (51, 61)}
_SEX = [("", "Insgesamt"), ("GESM", "männlich"), ("GESW", "weiblich")]
_AGE = [("", "Insgesamt")] + [
    (f"ALT{lo:03d}B{lo + 5:02d}", f"{lo} bis unter {lo + 5} Jahre") for lo in range(0, 85, 5)
]
_NAT = [("", "Insgesamt"), ("NATD", "Deutsche"), ("NATA", "Ausländer")]
_MEASURES = [
    ("BEVSTD", "Bevölkerungsstand", "Anzahl"),
    ("BEV003", "Anteil an der Bevölkerung", "%"),
]


def kreis_keys() -> list[tuple[str, str]]:
    keys = []
    for land, districts, cities, counties in _LAENDER:
        first_city, first_county = _FIRST_NUMBERS.get(land, (1, 51))
        for rb in districts:
            for k in range(first_city, first_city + cities):
                keys.append((f"{land}{rb}{k:02d}", f"Stadt {land}{rb}{k:02d}, kreisfreie Stadt"))
            for k in range(first_county, first_county + counties):
                keys.append((f"{land}{rb}{k:02d}", f"Kreis {land}{rb}{k:02d}, Landkreis"))
    erfurt = [k for k, _ in keys].index("16051")
    keys[erfurt] = ("16051", "Erfurt, kreisfreie Stadt")
    return keys


def _column(codes: np.ndarray, texts: list[str]) -> pa.Array:
    return pa.DictionaryArray.from_arrays(
        pa.array(codes.astype(np.int32)), pa.array(texts, pa.string())
    ).dictionary_decode()


def _constant(text: str, n: int) -> pa.Array:
    return _column(np.zeros(n, dtype=np.int32), [text])


def write_synthetic_ffcsv(
    path: str | os.PathLike, rows: int, seed: int, *, language: str = "de"
) -> None:
    """Write ``rows`` distinct observations in GENESIS ffcsv layout to ``path``."""
    rng = np.random.default_rng(seed)
    regions = kreis_keys()
    # Region varies fastest, so even small files cover every Kreis; rows are shuffled because
    # GENESIS does not sort its flat files either.
    radices = [len(regions), len(_MEASURES), len(_SEX), len(_AGE), len(_NAT)]
    per_year = int(np.prod(radices))
    years = max(1, -(-rows // per_year))
    index = rng.permutation(rows).astype(np.int64)
    digits = []
    for radix in radices:
        index, digit = np.divmod(index, radix)
        digits.append(digit)
    region, measure, sex, age, nat = digits
    year = index  # what is left after the breakdowns is the year offset
    first_year = 2024 - years + 1

    counts = rng.lognormal(mean=8.0, sigma=1.5, size=rows).astype(np.int64)
    shares = np.round(rng.random(rows) * 100, 1)
    is_share = measure == 1
    number = pc.cast(pa.array(np.where(is_share, shares, counts.astype(np.float64))), pa.string())
    if language == "de":
        number = pc.replace_substring(number, ".", ",")
    draw = rng.random(rows)
    parenthesised = pc.binary_join_element_wise("(", number, ")", "")
    value = pc.if_else(pa.array((draw >= 0.020) & (draw < 0.023)), parenthesised, number)
    for symbol, low, high in (
        ("-", 0.0, 0.010),
        (".", 0.010, 0.015),
        ("x", 0.015, 0.017),
        ("/", 0.017, 0.019),
        ("...", 0.019, 0.020),
    ):
        value = pc.if_else(pa.array((draw >= low) & (draw < high)), symbol, value)

    time_texts = [f"{first_year + y}-12-31" for y in range(years)]
    table = pa.Table.from_arrays(
        [
            _constant("12411", rows),
            _constant("Fortschreibung des Bevölkerungsstandes", rows),
            _constant("STAG", rows),
            _constant("Stichtag", rows),
            _column(year, time_texts),
            _constant("KREISE", rows),
            _constant("Kreise und kreisfreie Städte", rows),
            _column(region, [k for k, _ in regions]),
            _column(region, [label for _, label in regions]),
            _constant("GES", rows),
            _constant("Geschlecht", rows),
            _column(sex, [c for c, _ in _SEX]),
            _column(sex, [label for _, label in _SEX]),
            _constant("ALTX20", rows),
            _constant("Altersgruppen", rows),
            _column(age, [c for c, _ in _AGE]),
            _column(age, [label for _, label in _AGE]),
            _constant("NAT", rows),
            _constant("Nationalität", rows),
            _column(nat, [c for c, _ in _NAT]),
            _column(nat, [label for _, label in _NAT]),
            value,
            _column(measure, [u for _, _, u in _MEASURES]),
            _column(measure, [c for c, _, _ in _MEASURES]),
            _column(measure, [label for _, label, _ in _MEASURES]),
        ],
        names=HEADER,
    )
    # pyarrow quotes the header even with quoting_style="none"; GENESIS does not.
    with open(path, "wb") as out:
        out.write((";".join(HEADER) + "\n").encode("utf-8"))
        pv.write_csv(
            table,
            out,
            write_options=pv.WriteOptions(
                delimiter=";", quoting_style="none", include_header=False, batch_size=65536
            ),
        )
