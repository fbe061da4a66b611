import pytest

from actors.imports import import_organisations
from actors.models import Organisation
from actors.services import taxonomies_load
from bildungsnetz.imports import ImportFileError

pytestmark = pytest.mark.django_db

HEADER = "name;kind;seat;website;topics;languages\n"


@pytest.fixture(autouse=True)
def vocabulary(reference_territories):
    taxonomies_load()


def test_a_valid_file_imports_every_row():
    content = (HEADER + "Lernwerkstatt Erfurt;ngo;16051000;https://lernwerkstatt.example;inklusion;de,ar\n"
               "Elternverein Wien;initiative;Wien;;;\n").encode()  # fmt: skip
    result = import_organisations("orgs.csv", content, dry_run=False)
    assert result.ok and result.created == 2
    org = Organisation.objects.get(name_de="Lernwerkstatt Erfurt")
    assert org.seat.code == "16051000"
    assert sorted(lang.code for lang in org.languages.all()) == ["ar", "de"]


def test_dry_run_writes_nothing():
    content = (HEADER + "Lernwerkstatt Erfurt;ngo;16051000;;;\n").encode()
    result = import_organisations("orgs.csv", content, dry_run=True)
    assert result.ok and result.created == 0
    assert not Organisation.objects.exists()


def test_one_bad_row_writes_nothing_and_names_row_column_and_problem():
    content = (HEADER + "Gut;ngo;16051000;;;\n"
               "Schlecht;ngo;16051000;keine-url;;\n"
               "Auch gut;ngo;90001;;;\n").encode()  # fmt: skip
    result = import_organisations("orgs.csv", content, dry_run=False)
    assert not Organisation.objects.exists()
    assert len(result.errors) == 1
    error = result.errors[0]
    assert (error.row, error.column) == (3, "website")
    assert "keine-url" in error.message


def test_unknown_seat_kind_topic_are_reported():
    content = (HEADER + "X;sekte;99999999;;gibtsnicht;xx\n").encode()
    result = import_organisations("orgs.csv", content, dry_run=False)
    assert {e.column for e in result.errors} == {"kind", "seat", "topics", "languages"}


def test_duplicates_in_the_directory_and_in_the_file_are_refused():
    first = HEADER + "Lernwerkstatt;ngo;16051000;https://lw.example;;\n"
    import_organisations("a.csv", first.encode(), dry_run=False)
    content = (HEADER + "lernwerkstatt;ngo;16051000;;;\n"
               "Anderer Name;ngo;90001;https://lw.example/;;\n"
               "Doppelt;ngo;90001;;;\nDoppelt;ngo;90001;;;\n").encode()  # fmt: skip
    result = import_organisations("b.csv", content, dry_run=False)
    assert [(e.row, e.column) for e in result.errors] == [(2, "name"), (3, "name"), (5, "name")]
    assert Organisation.objects.count() == 1


def test_windows_1252_and_comma_separated_files_are_read():
    content = "name,kind,seat\nBildungsbüro Döbling,unit,91901\n".encode("cp1252")
    result = import_organisations("orgs.csv", content, dry_run=False)
    assert result.ok
    assert Organisation.objects.get().name_de == "Bildungsbüro Döbling"


def test_missing_required_columns_is_a_clear_file_error():
    with pytest.raises(ImportFileError, match="seat"):
        import_organisations("orgs.csv", b"name;kind\nX;ngo\n", dry_run=True)


def test_other_file_types_are_refused():
    with pytest.raises(ImportFileError):
        import_organisations("orgs.pdf", b"%PDF-1.4", dry_run=True)


def test_xlsx_is_read(tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["name", "kind", "seat"])
    sheet.append(["Stadtteilbibliothek", "library", "16051000"])
    path = tmp_path / "orgs.xlsx"
    workbook.save(path)
    result = import_organisations("orgs.xlsx", path.read_bytes(), dry_run=False)
    assert result.ok and result.created == 1


def test_a_row_the_model_refuses_is_reported_with_its_row_and_nothing_is_written():
    content = (HEADER.replace("website", "postcode") + "Gut;ngo;16051000;99084;;\n"
               "Zu lang;ngo;16051000;990840000000;;\n").encode()  # fmt: skip
    result = import_organisations("orgs.csv", content, dry_run=False)
    assert [(e.row, e.column) for e in result.errors] == [(3, "postcode")]
    assert result.created == 0
    assert not Organisation.objects.exists()
