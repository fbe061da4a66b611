import io
import os
import socket
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from bildungsnetz import urlguard
from bildungsnetz.exports import csv_response, neutralise, xlsx_response
from bildungsnetz.text import sanitize_html
from bildungsnetz.uploads import UploadValidator, sniff

BASE_DIR = Path(__file__).resolve().parents[2]


# --- Uploads --------------------------------------------------------------------------------
def _xlsx_bytes() -> bytes:
    from openpyxl import Workbook

    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


def _zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("daten.txt", "x")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (b"name;ort\nVHS;Erfurt\n", "csv"),
        ("name,ort\nVolkshochschule Gößnitz,Thüringen\n".encode("cp1252"), "csv"),
        (b"%PDF-1.7\n...", "pdf"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, "png"),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 20, "jpeg"),
        (_xlsx_bytes(), "xlsx"),
        (_zip_bytes(), "zip"),
        (b"MZ\x90\x00\x03\x00\x00\x00", None),
        (b"\x7fELF\x02\x01\x01\x00", None),
    ],
)
def test_it_sniffs_the_real_file_type(content, kind):
    assert sniff(SimpleUploadedFile("datei.csv", content)) == kind


def test_it_rejects_a_program_named_like_a_spreadsheet():
    upload = SimpleUploadedFile(
        "tabelle.xlsx", b"MZ\x90\x00" + b"\x00" * 100, content_type="application/vnd.ms-excel"
    )
    with pytest.raises(ValidationError) as exc:
        UploadValidator({"csv", "xlsx"})(upload)
    assert exc.value.code == "file_type"


def test_it_rejects_a_pdf_where_only_tables_are_allowed():
    with pytest.raises(ValidationError):
        UploadValidator({"csv", "xlsx"})(SimpleUploadedFile("a.csv", b"%PDF-1.4"))


def test_it_rejects_files_above_the_size_limit(settings):
    settings.UPLOAD_MAX_BYTES = 10
    with pytest.raises(ValidationError) as exc:
        UploadValidator({"csv"})(SimpleUploadedFile("a.csv", b"a,b\n" * 10))
    assert exc.value.code == "file_too_large"


def test_it_accepts_an_allowed_file_and_keeps_the_read_position():
    upload = SimpleUploadedFile("a.csv", b"a,b\n1,2\n")
    UploadValidator({"csv"})(upload)
    assert upload.sniffed_kind == "csv" and upload.read() == b"a,b\n1,2\n"


# --- URL guard ------------------------------------------------------------------------------
def _fake_dns(monkeypatch, table):
    def getaddrinfo(host, port, *args, **kwargs):
        if host not in table:
            raise socket.gaierror("unknown")
        family = socket.AF_INET6 if ":" in table[host] else socket.AF_INET
        return [(family, socket.SOCK_STREAM, 6, "", (table[host], port))]

    monkeypatch.setattr(urlguard.socket, "getaddrinfo", getaddrinfo)


@pytest.mark.parametrize(
    "address",
    ["127.0.0.1", "10.0.0.5", "172.16.1.1", "192.168.0.1", "169.254.169.254", "0.0.0.0",  # noqa: S104
     "224.0.0.1", "100.64.0.1", "::1", "fe80::1", "fc00::1", "::ffff:127.0.0.1", "ff02::1",
     "240.0.0.1"],
)  # fmt: skip
def test_it_refuses_urls_resolving_to_internal_addresses(monkeypatch, address):
    _fake_dns(monkeypatch, {"intern.example": address})
    with pytest.raises(urlguard.UnsafeURL):
        urlguard.check_url("https://intern.example/daten.csv")


def test_it_allows_public_addresses(monkeypatch):
    _fake_dns(monkeypatch, {"statistik.example": "93.184.216.34", "v6.example": "2a00:1450::1"})
    assert urlguard.check_url("https://statistik.example/a.csv")[3] == "93.184.216.34"
    assert urlguard.check_url("http://v6.example/")[3] == "2a00:1450::1"


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://x.example/",
        "gopher://x.example/",
        "https://user:pw@x.example/",
        "http:///nohost",
    ],
)
def test_it_refuses_other_schemes_and_credentials(monkeypatch, url):
    _fake_dns(monkeypatch, {"x.example": "93.184.216.34"})
    with pytest.raises(urlguard.UnsafeURL):
        urlguard.check_url(url)


class _FakeResponse:
    def __init__(self, status, location=None, body=b""):
        self.status, self._location, self._body = status, location, body

    def getheader(self, name):
        return self._location if name == "Location" else None

    def getheaders(self):
        return [("Content-Type", "text/csv")]

    def read(self, n):
        return self._body[:n]


def test_guarded_get_rechecks_every_redirect(monkeypatch):
    _fake_dns(
        monkeypatch, {"public.example": "93.184.216.34", "metadata.example": "169.254.169.254"}
    )
    connected = []

    class FakeConnection:
        def __init__(self, scheme, host, port, address, timeout):
            connected.append((host, address))

        def request(self, method, target, headers):
            pass

        def getresponse(self):
            return _FakeResponse(302, "http://metadata.example/latest/")

        def close(self):
            pass

    monkeypatch.setattr(urlguard, "_open", FakeConnection)
    with pytest.raises(urlguard.UnsafeURL):
        urlguard.guarded_get("https://public.example/start")
    assert connected == [("public.example", "93.184.216.34")]


def test_guarded_get_connects_to_the_checked_address_and_returns_the_body(monkeypatch):
    _fake_dns(monkeypatch, {"public.example": "93.184.216.34"})

    class FakeConnection:
        def __init__(self, scheme, host, port, address, timeout):
            assert address == "93.184.216.34"

        def request(self, method, target, headers):
            assert target == "/a.csv?x=1"

        def getresponse(self):
            return _FakeResponse(200, body=b"a,b\n")

        def close(self):
            pass

    monkeypatch.setattr(urlguard, "_open", FakeConnection)
    result = urlguard.guarded_get("https://public.example/a.csv?x=1")
    assert result.status == 200 and result.content == b"a,b\n"


# --- Exports and rich text ------------------------------------------------------------------
@pytest.mark.parametrize(
    "cell", ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\r=1"]
)
def test_exports_neutralise_formula_cells(cell):
    assert neutralise(cell).startswith("'")


def test_exports_keep_numbers_and_plain_text():
    assert neutralise(-5) == -5 and neutralise("Erfurt") == "Erfurt"


def test_csv_and_xlsx_exports_carry_neutralised_cells():
    from openpyxl import load_workbook

    rows = [["=cmd|' /C calc'!A0", 3]]
    body = b"".join(csv_response("t", ["a", "b"], rows).streaming_content).decode()
    assert "'=cmd" in body
    workbook = load_workbook(io.BytesIO(xlsx_response("t", ["a", "b"], rows).content))
    assert workbook.active["A2"].value.startswith("'=")


@pytest.mark.parametrize(
    ("dirty", "forbidden"),
    [
        ("<script>alert(1)</script><p>x</p>", "<script"),
        ('<img src=x onerror="alert(1)">', "onerror"),
        ('<a href="javascript:alert(1)">x</a>', "javascript:"),
        ('<p style="position:fixed">x</p>', "style="),
        ("<iframe src='https://evil.example'></iframe>", "<iframe"),
        ('<a href="https://ok.example" onclick="x()">ok</a>', "onclick"),
    ],
)
def test_rich_text_is_sanitised(dirty, forbidden):
    assert forbidden not in sanitize_html(dirty)


def test_rich_text_keeps_structure_and_safe_links():
    clean = sanitize_html('<h2>Titel</h2><p><a href="https://x.example">Link</a></p>')
    assert "<h2>Titel</h2>" in clean and 'href="https://x.example"' in clean
    assert 'rel="noopener noreferrer"' in clean


# --- Headers and deployment checks ----------------------------------------------------------
@pytest.mark.django_db
def test_pages_send_a_csp_without_unsafe_inline(client):
    response = client.get(reverse("account_login"))
    csp = response["Content-Security-Policy"]
    assert "unsafe-inline" not in csp and "script-src 'self'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_check_deploy_is_clean():
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": "a-long-random-production-secret-key-0123456789-abcdefghijklmnop",
        "ALLOWED_HOSTS": "bildungsnetz.example",
    }
    # Not the deployment's: pytest's own, and the browser fixture's (Playwright's event loop
    # beside the ORM) once a browser test has run in this worker.
    env.pop("PYTEST_VERSION", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
