"""The synthetic ffcsv generator writes what the ffcsv parser reads."""

import re
import time

import pytest

from monitoring.genesis_synth import HEADER, write_synthetic_ffcsv
from monitoring.parsers import detect_format, parse_ffcsv


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    path = tmp_path_factory.mktemp("synth") / "12411-99-99-4_1700000000000_de_flat.csv"
    write_synthetic_ffcsv(path, rows=50_000, seed=7)
    return path


def test_synthetic_file_has_the_real_layout(synthetic):
    first = synthetic.read_text("utf-8").splitlines()[:2]
    assert first[0] == ";".join(HEADER)
    assert first[0].startswith("statistics_code;statistics_label;time_code;time_label;time;")
    assert detect_format(synthetic) == "ffcsv"
    assert re.match(r"12411;.*;STAG;Stichtag;\d{4}-12-31;KREISE;", first[1])


def test_synthetic_file_parses_to_the_requested_rows(synthetic):
    table = parse_ffcsv(synthetic)
    frame = table.frame
    assert len(frame) == 50_000
    assert table.errors == []
    assert table.region_variable == "KREISE"
    assert frame.region_key.str.fullmatch(r"\d{5}").all()
    assert "16051" in set(frame.region_key)
    assert set(table.measures) == {"BEVSTD", "BEV003"}
    assert set(table.variables) == {"GES", "ALTX20", "NAT"}
    assert {"-", ".", "x", "/", "...", "()"} <= set(frame.symbol)
    assert not frame.duplicated(["measure", "region_key", "period", "dimensions"]).any()


def test_synthetic_file_is_reproducible(tmp_path):
    first, second = tmp_path / "a_de_flat.csv", tmp_path / "b_de_flat.csv"
    write_synthetic_ffcsv(first, rows=1000, seed=3)
    write_synthetic_ffcsv(second, rows=1000, seed=3)
    assert first.read_bytes() == second.read_bytes()


def test_generator_and_parser_are_vectorised(tmp_path):
    """A smoke bound, far above the measured time, that catches a per-row loop."""
    path = tmp_path / "x_de_flat.csv"
    started = time.perf_counter()
    write_synthetic_ffcsv(path, rows=200_000, seed=1)
    assert len(parse_ffcsv(path).frame) == 200_000
    assert time.perf_counter() - started < 30
