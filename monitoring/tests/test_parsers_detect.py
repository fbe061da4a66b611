"""Format sniffing, the one-call entry point and zip archives."""

import io
import zipfile
from pathlib import Path

import pytest

from monitoring.parsers import ParseError, detect_format, iter_tables, parse

DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "genesis"
FLAT = DATA / "12411-01-01-4_1773175772751_de_flat.csv"
LEAVERS = DATA / "21111-02-06-4.csv"
DAYCARE = DATA / "22541-01-01-4.csv"
OGD = Path(__file__).resolve().parent / "fixtures" / "ogd_wien_bevoelkerung_bezirke.csv"

pytestmark = pytest.mark.skipif(not FLAT.exists(), reason="shared data not available")


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (FLAT, "ffcsv"),
        (LEAVERS, "genesis_classic"),
        (DAYCARE, "genesis_classic"),
        (OGD, "ogd_wien"),
    ],
)
def test_detect_format_recognises_each_layout(path, expected):
    assert detect_format(path) == expected
    assert detect_format(path.read_bytes()) == expected
    assert detect_format(io.BytesIO(path.read_bytes())) == expected


def test_detect_format_recognises_windows_1252_classic():
    content = LEAVERS.read_text("utf-8").encode("cp1252")
    assert detect_format(content) == "genesis_classic"


def test_detect_format_says_unknown_for_other_files():
    assert detect_format(b"a,b,c\n1,2,3\n") == "unknown"
    assert detect_format(b"") == "unknown"


def test_parse_dispatches_by_detected_format():
    assert parse(FLAT).format == "ffcsv"
    assert parse(LEAVERS).format == "genesis_classic"
    assert parse(OGD).format == "ogd_wien"
    with pytest.raises(ParseError) as caught:
        parse(b"a,b\n1,2\n")
    assert caught.value.code == "unknown_format"


def test_zip_input_yields_every_table_and_skips_readme(tmp_path):
    path = tmp_path / "download.zip"
    path.write_bytes(
        _zip(
            {
                FLAT.name: FLAT.read_bytes(),
                "tables/" + LEAVERS.name: LEAVERS.read_bytes(),
                "README.txt": b"Datenlizenz Deutschland",
            }
        )
    )
    assert detect_format(path) == "zip"
    tables = list(iter_tables(path))
    assert [t.format for t in tables] == ["ffcsv", "genesis_classic"]
    assert tables[0].dataset_code == "12411-01-01-4"  # taken from the member's name
    assert tables[1].filename == LEAVERS.name
    erfurt = tables[0].frame
    assert (
        erfurt[(erfurt.region_key == "16051") & (erfurt.dimensions == "")].value.item() == 218_793
    )


def test_parse_accepts_a_zip_with_one_table():
    table = parse(_zip({FLAT.name: FLAT.read_bytes()}))
    assert table.dataset_code == "12411-01-01-4"
    with pytest.raises(ParseError) as caught:
        parse(_zip({FLAT.name: FLAT.read_bytes(), LEAVERS.name: LEAVERS.read_bytes()}))
    assert caught.value.code == "multiple_tables"


def test_zip_without_statistics_raises():
    with pytest.raises(ParseError) as caught:
        list(iter_tables(_zip({"README.txt": b"nothing here"})))
    assert caught.value.code == "empty_zip"


def test_plain_file_yields_one_table():
    assert [t.format for t in iter_tables(DAYCARE)] == ["genesis_classic"]
