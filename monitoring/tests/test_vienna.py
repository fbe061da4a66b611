"""Vienna beside Erfurt and Berlin: the real Stadt Wien files through the platform's importers,
the indicators on both sides of the comparison, the districts on the map and in the
segregation results; and Statistik Austria exports through the mapped-CSV importer."""

import csv
import io
import re
from pathlib import Path

import pytest
from django.urls import reverse

from monitoring.parsers import parse_mapped
from monitoring.parsers.ogd import parse_ogd

DATA = Path(__file__).resolve().parent.parent / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
STATCUBE = FIXTURES / "statcube_bevoelkerung_wien_bezirke.csv"
STATCUBE_MAPPING = {
    "region_key": "Gemeindebezirk",
    "period": "Jahr",
    "measures": {"Anzahl": "BEVOELKERUNG_AT"},
    "dimensions": {"Geschlecht": "GESCHLECHT"},
    "dataset_code": "statcube-bevoelkerung-wien",
}


# --- Statistik Austria exports through the mapped parser ---------------------------------------


def test_statcube_export_reads_without_hand_editing():
    table = parse_mapped(STATCUBE, STATCUBE_MAPPING)
    assert table.errors == []
    assert len(table.frame) == 18  # 3 districts x 2 years x (total, male, female)
    assert set(table.frame.region_key) == {"90101", "90201", "92301"}
    assert table.region_variable == "GKZ"
    assert table.frame.region_label.iloc[0] == "Innere Stadt"
    assert table.frame.value.iloc[0] == 16_538.0
    assert table.title.startswith("Bevölkerung zu Jahresbeginn nach Gemeindebezirken, Jahr")


def test_statcube_footer_gives_source_stand_and_notes():
    table = parse_mapped(STATCUBE, STATCUBE_MAPPING)
    assert table.source == "STATISTIK AUSTRIA, Statistik des Bevölkerungsstandes"
    assert (table.stand.year, table.stand.month, table.stand.day) == (2025, 3, 12)
    assert any(n.startswith("Anmerkung: Bevölkerung mit Hauptwohnsitz") for n in table.footnotes)


def test_gkz_column_export_with_ragged_footer_reads_too():
    text = (
        "Ein- und Auspendler nach Gemeinden;;;\n"
        "\n"
        "GKZ;Gemeinde;Stichtag;Personen\n"
        "90101;Wien Innere Stadt;2024;16.538\n"
        "92301;Wien Liesing;2024;121.303\n"
        "\n"
        "Q: STATISTIK AUSTRIA, Abgestimmte Erwerbsstatistik. Erstellt am 05.11.2024.;;;;;;\n"
        "Fußnote: Gebietsstand 2024.\n"
    ).encode()
    mapping = {"region_key": "GKZ", "region_label": "Gemeinde", "period": "Stichtag",
               "measures": ["Personen"]}  # fmt: skip
    table = parse_mapped(text, mapping)
    assert table.errors == []
    assert list(table.frame.region_key) == ["90101", "92301"]
    assert list(table.frame.value) == [16_538.0, 121_303.0]
    assert table.region_variable == "GKZ"
    assert table.source == "STATISTIK AUSTRIA, Abgestimmte Erwerbsstatistik"


def test_statcube_export_imports_into_the_existing_vienna_districts(reference_territories):
    from monitoring.models import Dataset, Observation
    from monitoring.services import observations_import
    from places.models import Territory

    log = observations_import(
        data=STATCUBE.read_bytes(), filename=STATCUBE.name, mapping=STATCUBE_MAPPING
    )
    assert log.status == "succeeded", log.errors
    assert log.new_territories == []
    dataset = Dataset.objects.get(code="statcube-bevoelkerung-wien")
    assert dataset.source == "STATISTIK AUSTRIA, Statistik des Bevölkerungsstandes"
    liesing = Territory.objects.get_by_key("gkz:92301")
    total = Observation.objects.get(
        dataset=dataset, territory=liesing, period="2025", dimension_key__key=""
    )
    assert total.value == 123_714.0


# --- the Vienna OGD files themselves ----------------------------------------------------------


def test_ogd_population_file_keeps_age_groups_as_a_breakdown():
    table = parse_ogd(DATA / "wien" / "vie-bez-pop-sex-age5-stk-nat-geo4-2002f.csv")
    assert set(table.measures) == {"AUT", "EEA", "REU", "TCN"}
    assert set(table.variables) == {"AGE5", "SEX"}
    assert table.frame.dimensions.iloc[0] == "AGE5=1;SEX=1"


def test_ogd_density_file_ignores_its_empty_trailing_columns():
    table = parse_ogd(DATA / "wien" / "vie-bez-biz-pop-den-2002f.csv")
    assert table.variables == {}
    assert set(table.measures) == {"POP_VALUE", "AREA", "POP_DENSITY"}
    assert table.frame.value.iloc[0] == 1_571_123.0


# --- the Vienna demo ------------------------------------------------------------------------


def _file_sum(path: Path, ref_date: str) -> int:
    lines = path.read_text("utf-8-sig").splitlines()[1:]
    rows = csv.DictReader(io.StringIO("\n".join(lines)), delimiter=";")
    return sum(
        int(r[n]) for r in rows if r["REF_DATE"] == ref_date for n in ("AUT", "EEA", "REU", "TCN")
    )


@pytest.fixture
def vienna_files(tmp_path):
    """The real files, the population cut to 2024–2025 so the test stays quick."""
    source = DATA / "wien"
    lines = (source / "vie-bez-pop-sex-age5-stk-nat-geo4-2002f.csv").read_text("utf-8")
    lines = lines.splitlines(keepends=True)
    kept = lines[:2] + [line for line in lines[2:] if line.split(";")[3] in ("2024", "2025")]
    (tmp_path / "vie-bez-pop-sex-age5-stk-nat-geo4-2002f.csv").write_text("".join(kept), "utf-8")
    for name in ("vie-bez-biz-pop-den-2002f.csv", "SCHULEOGD.json"):
        (tmp_path / name).write_bytes((source / name).read_bytes())
    return tmp_path


@pytest.fixture
def vienna(reference_territories, catalogue, vienna_files):
    """Population by sex of every Kreis (Erfurt, Berlin), Berlin's planning areas and Vienna,
    as the demo loads them."""
    from monitoring import demo, demo_vienna
    from monitoring.indicators import indicators_compute
    from monitoring.services import observations_import

    log = observations_import(path=DATA / "genesis" / demo.GENESIS[0])
    assert log.status == "succeeded", log.errors
    log = observations_import(
        data=demo.berlin_bytes(), filename=demo.BERLIN_FILE.name, mapping=demo.BERLIN_MAPPING
    )
    assert log.status == "succeeded", log.errors
    demo_vienna.load(io.StringIO(), directory=vienna_files)
    indicators_compute()
    return vienna_files


def _both_sides(client, *keys):
    html = client.get(reverse("monitoring:compare"), {"gebiet": list(keys)}).content.decode()
    body = html[html.index("<tbody>") : html.index("</tbody>")]
    rows = re.findall(r"<tr.*?</tr>", body, re.S)
    full = []
    for row in rows:
        cells = re.findall(r"kern-table__cell--numeric\">(.*?)</td>", row, re.S)
        note = re.findall(r"<td class=\"kern-table__cell\">(.*?)</td>", row, re.S)
        if len(cells) == 2 and all("<br>" in c for c in cells):
            full.append((row, note[-1] if note else ""))
    return full


def test_vienna_population_on_1_january_2025_is_the_file_sum(vienna):
    from monitoring.selectors import indicator_values

    expected = _file_sum(vienna / "vie-bez-pop-sex-age5-stk-nat-geo4-2002f.csv", "20250101")
    assert expected == 2_028_289
    (value,) = indicator_values("bevoelkerung", ["gkz:90001"], ["2025-01-01"])
    assert value.value == expected
    assert value.dataset.licence_url == "https://creativecommons.org/licenses/by/4.0/"
    assert value.dataset.source == "Stadt Wien – data.wien.gv.at"


def test_comparison_shows_vienna_beside_berlin_and_erfurt_with_notes(vienna, client):
    berlin = _both_sides(client, "ags:11000000", "gkz:90001")
    assert len(berlin) >= 6
    assert all(note.strip() not in ("", "–") for _row, note in berlin)
    # Erfurt's shipped data hold one key date and no area: population and female share.
    erfurt = _both_sides(client, "ags:16051000", "gkz:90001")
    assert len(erfurt) >= 2
    assert "Wien" in erfurt[0][1]


def test_vienna_districts_show_on_the_indicator_map_and_in_segregation(vienna, client):
    from monitoring.spatial import SERIES, series_indices

    page = client.get(
        reverse("monitoring:indicator_detail", kwargs={"code": "auslaenderanteil-plr"})
    ).content.decode()
    assert page.count("<path") >= 23
    assert "10. Favoriten" in page
    series = next(s for s in SERIES if s.code == "auslaender-wien")
    rows = series_indices(series)
    assert [r["period"] for r in rows] == ["2024-01-01", "2025-01-01"]
    assert rows[-1]["units"] == 23
    assert 0 < rows[-1]["dissimilarity"] < 1


def test_schools_per_1000_children_count_every_school_location(vienna):
    from monitoring.models import Dataset
    from monitoring.selectors import indicator_values

    (value,) = indicator_values("schulstandorte-je-1000-5-15", ["gkz:90001"])
    assert value.period == "2023/24"
    assert value.numerator == 806
    assert value.dataset.stand.date().isoformat() == "2024-04-07"
    assert Dataset.objects.get(code="wien-bezirke-schulstandorte").licence_iri.endswith("cc-by/4.0")


def test_loading_vienna_twice_changes_nothing(vienna):
    from monitoring import demo_vienna
    from monitoring.models import Dataset, ImportLog, Observation

    before = (Observation.objects.count(), ImportLog.objects.count(), Dataset.objects.count())
    demo_vienna.load(io.StringIO(), directory=vienna)
    after = (Observation.objects.count(), ImportLog.objects.count(), Dataset.objects.count())
    assert after == before
