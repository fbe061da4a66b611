"""`bildungsnetz indices`: CSV of counts per unit in, segregation indices out."""

from __future__ import annotations

import json
import warnings
from io import StringIO
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from monitoring import segregation as seg
from monitoring.segregation_cli import compute_indices, parse_counts
from monitoring.tests.berlin import BERLIN_PLR


def run_indices(*args: str, **options) -> str:
    out = StringIO()
    call_command("indices", *args, stdout=out, **options)
    return out.getvalue()


def write_csv(tmp_path: Path, text: str, *, bom: bool = True, encoding: str = "utf-8") -> Path:
    path = tmp_path / "counts.csv"
    path.write_bytes(("\ufeff" if bom else "").encode(encoding) + text.encode(encoding))
    return path


# Unit 03 has suppressed counts (en dash) and unit 05 secret ones (a dot): both are left out.
SMALL_CSV = (
    "Schlüssel;Gesamt;deutsch;ausländer\n"
    "01;1.200;900;300\n"
    "02;800;700;100\n"
    "03;50;–;–\n"
    "04;2.000;1.500;500\n"
    "05;.;10;.\n"
    "06;400;100;300\n"
)
KEPT = {"Gesamt": [1200, 800, 2000, 400], "deutsch": [900, 700, 1500, 100]}
KEPT["ausländer"] = [300, 100, 500, 300]


def test_it_matches_pysal_dissimilarity_for_foreigners_in_berlin_planning_areas():
    if not BERLIN_PLR.exists():
        pytest.skip(f"Berlin reference data not found at {BERLIN_PLR}")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from segregation.singlegroup import Dissim

    out = run_indices(
        str(BERLIN_PLR), "--unit", "PLR-ID", "--groups", "ausländer", "--total", "Gesamt",
        "--sep", ";", "--json",
    )  # fmt: skip

    result = json.loads(out)
    frame = pd.read_csv(BERLIN_PLR, sep=";", encoding="utf-8-sig", dtype={"PLR-ID": str})
    frame = frame[["ausländer", "Gesamt"]].apply(pd.to_numeric, errors="coerce").dropna()
    expected = Dissim(frame.astype(int), "ausländer", "Gesamt").statistic
    assert result["units"] == 540
    assert result["dropped_rows"] == 2
    assert result["single"]["ausländer"]["dissimilarity"] == pytest.approx(expected, abs=1e-9)
    assert result["single"]["ausländer"]["dissimilarity"] == pytest.approx(0.22598, abs=5e-6)


def test_rows_with_a_missing_count_are_left_out_and_counted(tmp_path):
    path = write_csv(tmp_path, SMALL_CSV)

    result = json.loads(
        run_indices(str(path), "--unit", "Schlüssel", "--groups", "deutsch,ausländer", json=True)
    )

    assert result["units"] == 4
    assert result["dropped_rows"] == 2
    counts = np.column_stack([KEPT["deutsch"], KEPT["ausländer"]])
    assert result["multi"]["multi_gini"] == pytest.approx(seg.multi_gini(counts), abs=1e-12)


def test_without_total_each_group_is_measured_against_the_sum_of_the_groups(tmp_path):
    path = write_csv(tmp_path, SMALL_CSV)

    result = compute_indices(path, unit="Schlüssel", groups=["deutsch", "ausländer"])

    x, t = np.array(KEPT["ausländer"]), np.add(KEPT["ausländer"], KEPT["deutsch"])
    assert result["total"] is None
    for name, value in seg.single_group_indices(x, t).items():
        assert result["single"]["ausländer"][name] == pytest.approx(value, abs=1e-12)


def test_with_total_each_group_is_measured_against_it_and_multigroup_ignores_it(tmp_path):
    path = write_csv(tmp_path, SMALL_CSV)

    result = compute_indices(path, unit="Schlüssel", groups=["ausländer"], total="Gesamt")

    x, t = np.array(KEPT["ausländer"]), np.array(KEPT["Gesamt"])
    assert result["total"] == "Gesamt"
    for name, value in seg.single_group_indices(x, t).items():
        assert result["single"]["ausländer"][name] == pytest.approx(value, abs=1e-12)
    # One listed group is the whole population of the multigroup indices.
    assert result["multi"]["simpsons_concentration"] == 1.0
    assert result["multi"]["multi_dissimilarity"] is None


def test_a_missing_count_in_a_column_not_asked_for_keeps_the_row(tmp_path):
    path = write_csv(tmp_path, "id;a;b;unused\n1;5;10;–\n2;7;3;x\n3;4;–;1\n")

    result = compute_indices(path, unit="id", groups=["a", "b"])

    assert (result["units"], result["dropped_rows"]) == (2, 1)


def test_plain_output_is_a_readable_table(tmp_path):
    path = write_csv(tmp_path, SMALL_CSV)

    out = run_indices(str(path), "--unit", "Schlüssel", "--groups", "deutsch,ausländer")

    assert out.startswith("4 units, 2 rows left out for a missing count")
    assert "Single-group indices (total: sum of the groups)" in out
    dissimilarity_row = next(line for line in out.splitlines() if line.startswith("dissim"))
    assert dissimilarity_row.split()[1:] == [
        f"{seg.dissimilarity(KEPT[g], np.add(KEPT['deutsch'], KEPT['ausländer'])):.6f}"
        for g in ("deutsch", "ausländer")
    ]
    assert "multi_information_theory" in out


def test_a_comma_separated_file_without_bom_is_read_with_english_thousands(tmp_path):
    path = write_csv(
        tmp_path, 'id,a,b\n1,"1,500",20\n2,300,x\n3,40,"2,000"\n', bom=False, encoding="utf-8"
    )

    result = compute_indices(path, unit="id", groups=["a", "b"])

    assert result["units"] == 2
    assert result["dropped_rows"] == 1
    counts = np.array([[1500, 20], [40, 2000]])
    assert result["multi"]["multi_dissimilarity"] == pytest.approx(
        seg.multi_dissimilarity(counts), abs=1e-12
    )


def test_a_windows_1252_file_is_read(tmp_path):
    path = write_csv(tmp_path, SMALL_CSV, bom=False, encoding="cp1252")

    result = compute_indices(path, unit="Schlüssel", groups=["ausländer"], total="Gesamt")

    assert result["units"] == 4


def test_column_names_match_regardless_of_case(tmp_path):
    path = write_csv(tmp_path, SMALL_CSV)

    result = compute_indices(path, unit="schlüssel", groups=["Ausländer"], total="GESAMT")

    assert result["groups"] == ["ausländer"]
    assert result["total"] == "Gesamt"


def test_statistics_cells_are_read_by_the_official_conventions():
    cells = pd.Series(
        ["1.234", "1 234", "-", "–", ".", "x", "/", "...", "(12)", "12 p", "", "7", "inf"]
    )

    values = parse_counts(cells, decimal=",").tolist()

    # A lone hyphen is a true zero ("nothing"); every other symbol is missing, never 0.
    expected = [1234, 1234, 0, None, None, None, None, None, 12, 12, None, 7, None]
    assert [None if np.isnan(v) else v for v in values] == expected


def test_an_unknown_column_is_a_command_error(tmp_path):
    path = write_csv(tmp_path, SMALL_CSV)

    with pytest.raises(CommandError, match="no column 'Einwohner'"):
        run_indices(str(path), "--unit", "Schlüssel", "--groups", "Einwohner")


def test_a_group_above_its_total_is_a_command_error(tmp_path):
    path = write_csv(tmp_path, "id;g;t\n1;5;4\n2;1;3\n")

    with pytest.raises(CommandError, match="'g' exceeds 't' in 1 rows"):
        run_indices(str(path), "--unit", "id", "--groups", "g", "--total", "t")


def test_a_missing_file_is_a_command_error(tmp_path):
    with pytest.raises(CommandError):
        run_indices(str(tmp_path / "nowhere.csv"), "--unit", "id", "--groups", "g")
