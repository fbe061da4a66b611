"""The table-import kit (bildungsnetz/imports.py): reading, cell helpers, the all-or-nothing run
and the upload form, without any app's model."""

from __future__ import annotations

import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from openpyxl import Workbook

from bildungsnetz.imports import (
    ImportFileError,
    ImportForm,
    RowProblems,
    cell_text,
    codes_first,
    import_rows,
    read_table,
    split_list,
)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def _xlsx(*rows) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- reading ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [
        "name;ort\nBüro Döbling;Wien\n".encode(),
        "\ufeffname;ort\nBüro Döbling;Wien\n".encode(),
        "name;ort\nBüro Döbling;Wien\n".encode("cp1252"),
        "name,ort\nBüro Döbling,Wien\n".encode(),
        "name\tort\nBüro Döbling\tWien\n".encode(),
    ],
    ids=["utf-8", "utf-8-bom", "windows-1252", "comma", "tab"],
)
def test_a_csv_is_read_in_any_accepted_encoding_and_separator(content):
    assert read_table("orte.csv", content) == [{"name": "Büro Döbling", "ort": "Wien"}]


def test_a_semicolon_file_keeps_commas_inside_its_cells():
    rows = read_table("orte.csv", b"name;sprachen\nLernwerk;de, ar\n")
    assert rows == [{"name": "Lernwerk", "sprachen": "de, ar"}]


def test_an_xlsx_is_read_with_numbers_and_yes_no_cells_as_text():
    content = _xlsx(["name", "seat", "is_public"], ["Lernwerk", 16051000, True])
    assert read_table("orte.xlsx", content) == [
        {"name": "Lernwerk", "seat": "16051000", "is_public": "true"}
    ]


def test_blank_rows_are_skipped_and_cells_are_trimmed():
    rows = read_table("orte.csv", b"name;ort\n  Lernwerk ; Erfurt\n;\n\nZwei;Wien\n")
    assert rows == [{"name": "Lernwerk", "ort": "Erfurt"}, {"name": "Zwei", "ort": "Wien"}]


@pytest.mark.parametrize("content", [b"", b"\n\n", b";;\n"], ids=["nothing", "blank", "no-names"])
def test_an_empty_file_is_refused(content):
    with pytest.raises(ImportFileError, match="empty"):
        read_table("orte.csv", content)


def test_more_rows_than_allowed_are_refused_while_reading():
    content = b"name\n" + b"Verein\n" * 6
    with pytest.raises(ImportFileError, match="5"):
        read_table("orte.csv", content, max_rows=5)
    assert len(read_table("orte.csv", b"name\n" + b"Verein\n" * 5, max_rows=5)) == 5


def test_a_file_above_the_size_limit_is_refused(settings):
    settings.TABLE_IMPORT_MAX_BYTES = 100
    with pytest.raises(ImportFileError, match="MB"):
        read_table("orte.csv", b"name\n" + b"Verein\n" * 20)


def test_json_is_read_only_where_allowed():
    content = json.dumps([{"title": " Kurs ", "languages": ["de", "tr"], "free": True}]).encode()
    with pytest.raises(ImportFileError, match="CSV or XLSX"):
        read_table("offers.json", content)
    rows = read_table("offers.json", content, formats=("csv", "xlsx", "json"))
    assert rows == [{"title": "Kurs", "languages": "de; tr", "free": "true"}]


@pytest.mark.parametrize(
    "content", [b"{", b'{"title": "x"}', b"[1, 2]"], ids=["broken", "object", "not-objects"]
)
def test_json_that_is_not_a_list_of_objects_is_refused(content):
    with pytest.raises(ImportFileError, match="JSON"):
        read_table("offers.json", content, formats=("json",))


def test_more_json_rows_than_allowed_are_refused():
    with pytest.raises(ImportFileError, match="2"):
        read_table("offers.json", b'[{"a": 1}, {"a": 2}, {"a": 3}]', max_rows=2, formats=("json",))


def test_formula_looking_cells_are_read_as_plain_text():
    """The kit neutralises formulas where a spreadsheet reads them (exports); on import a cell
    is just text, kept as the person wrote it."""
    rows = read_table("orte.csv", b"name;notiz\n=SUM(A1);+49 361 1234\n")
    assert rows == [{"name": "=SUM(A1)", "notiz": "+49 361 1234"}]


# --- cell helpers ----------------------------------------------------------------------------


def test_split_list_accepts_semicolons_and_commas_and_drops_empty_entries():
    assert split_list(" de, ar ;; tr ,") == ["de", "ar", "tr"]
    assert split_list(None) == []


def test_cell_text_cleans_control_characters_and_reads_none_and_booleans():
    assert cell_text(" Lese\u000bkurs ") == "Lesekurs"
    assert (cell_text(None), cell_text(False), cell_text(12)) == ("", "false", "12")


def test_codes_first_prefers_an_exports_code_column_over_its_label():
    row = {"kind": "Non-formal", "kind_code": "non_formal", "note_code": "x", "cost_code": ""}
    assert codes_first(row, ["kind", "cost"])["kind"] == "non_formal"
    assert "note" not in codes_first(row, ["kind", "cost"])


def test_a_flag_reads_german_and_english_and_reports_anything_else():
    errors = []
    problems = RowProblems(2, errors)
    assert problems.flag("a", "Ja", default=False) is True
    assert problems.flag("a", "NO", default=True) is False
    assert problems.flag("a", "", default=True) is True
    assert problems.flag("a", "x", default=False, yes={"x"}) is True
    assert not problems
    assert problems.flag("a", "vielleicht", default=False) is False
    assert problems and [(e.row, e.column) for e in errors] == [(2, "a")]


def test_web_and_email_addresses_are_checked_only_when_given():
    errors = []
    problems = RowProblems(3, errors)
    problems.url("website", "")
    problems.email("email", "")
    assert not problems
    problems.url("website", "keine-url")
    problems.email("email", "kein@")
    assert [(e.column, "keine-url" in e.message or "kein@" in e.message) for e in errors] == [
        ("website", True),
        ("email", True),
    ]


# --- all or nothing --------------------------------------------------------------------------


def _run(rows, *, dry_run=False, refuse=()):
    written = []

    def check(row, problems):
        if row["n"] == "bad":
            problems.add("n", "bad row")
        return row["n"]

    def write(value):
        if value in refuse:
            raise ValidationError({"n": ["the model refuses"]})
        written.append(value)

    result = import_rows(
        rows, columns=["n", "x"], required=["n"], dry_run=dry_run, check=check, write=write
    )
    return result, written


@pytest.mark.django_db
def test_every_valid_row_is_written_when_not_a_dry_run():
    result, written = _run([{"n": "1"}, {"n": "2"}])
    assert result.ok and result.created == 2 and written == ["1", "2"]


def test_a_dry_run_checks_every_row_and_writes_nothing():
    result, written = _run([{"n": "1"}, {"n": "2"}], dry_run=True)
    assert result.ok and result.dry_run and result.rows == 2
    assert (result.created, written) == (0, [])


def test_one_bad_row_writes_nothing_and_every_problem_names_its_row():
    result, written = _run([{"n": "1"}, {"n": "bad"}, {"n": ""}])
    assert written == [] and result.created == 0
    assert [(e.row, e.column, e.message) for e in result.errors] == [
        (3, "n", "bad row"),
        (4, "n", "This value is required."),
    ]


@pytest.mark.django_db
def test_a_row_the_model_refuses_is_reported_and_nothing_is_kept():
    result, _written = _run([{"n": "1"}, {"n": "2"}], refuse={"2"})
    assert result.created == 0
    assert [(e.row, e.column, e.message) for e in result.errors] == [(3, "n", "the model refuses")]


def test_a_header_without_rows_and_missing_columns_are_file_errors():
    with pytest.raises(ImportFileError, match="no rows"):
        _run([])
    with pytest.raises(ImportFileError, match="n. Expected columns: n, x"):
        _run([{"x": "1"}])


# --- the upload form -------------------------------------------------------------------------


def test_the_form_names_the_pages_file_kinds_and_refuses_other_files():
    form = ImportForm(label="CSV, XLSX or JSON file", help_text="Columns: a, b")
    assert form.fields["file"].label == "CSV, XLSX or JSON file"
    assert form.fields["file"].help_text == "Columns: a, b"
    pdf = SimpleUploadedFile("a.pdf", b"%PDF-1.4 ...")
    assert "file" in ImportForm(data={}, files={"file": pdf}).errors
    csv = SimpleUploadedFile("a.csv", b"name\nLernwerk\n")
    form = ImportForm(data={"dry_run": "on"}, files={"file": csv})
    assert form.is_valid() and form.cleaned_data["dry_run"] is True
