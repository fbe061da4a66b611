"""`bildungsnetz backup` and `bildungsnetz restore` (bildungsnetz/backup.py, docs/backup.md)."""

from __future__ import annotations

import datetime as dt
import decimal
import gzip
import json
import uuid
from pathlib import Path

import pytest
from django.contrib.sessions.models import Session
from django.contrib.sites.models import Site
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import DEFAULT_DB_ALIAS, connection, connections, models, transaction
from django.utils import timezone

from accounts.tests.factories import member
from actors.models import Organisation, Topic
from actors.tests.factories import OrganisationFactory, TopicFactory
from bildungsnetz import backup as backup_module
from bildungsnetz.backup import (
    BackupError,
    backup_create,
    backup_models,
    backup_restore,
    backup_verify,
    database_holdings,
    encode_value,
)
from knowledge.models import Attachment
from knowledge.tests.factories import EntryFactory
from offers.tests.factories import OfferFactory
from places.tests.factories import TerritoryFactory

# Not valid UTF-8, a NUL byte and a PDF header: a file must come back byte for byte.
FILE_BYTES = b"%PDF-1.7\n\x00\xff\xfe binary \x80\x81 end"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def small_world():
    """A few objects of several apps: translated fields, many-to-many rows, history records,
    a GeoJSON boundary, a price, an uploaded file, a user with a membership."""
    erfurt = TerritoryFactory(
        code="16051000",
        name="Erfurt",
        name_en="Erfurt (city)",
        boundary={
            "type": "Polygon",
            "coordinates": [[[11.0298765432101, 50.97], [11.1, 50.98], [11.03, 51.0]]],
        },
    )
    topics = [TopicFactory(), TopicFactory()]
    organisation = OrganisationFactory(
        seat=erfurt, name="Lernwerkstatt Übergänge", name_en="Learning workshop"
    )
    organisation.topics.set(topics)
    organisation.description_de = "Geändert: ein zweiter Stand in der Historie."
    organisation.save()
    OfferFactory(provider=organisation, price=decimal.Decimal("12.50"))
    member(erfurt)
    entry = EntryFactory(organisations=[organisation], topics=topics)
    Attachment.objects.create(
        entry=entry, title="Studie", file=ContentFile(FILE_BYTES, name="studie.pdf")
    )
    default_storage.save("reports/pdf/leer.pdf", ContentFile(b""))


def every_table() -> dict[str, list[dict]]:
    return {
        model._meta.label_lower: list(
            models.QuerySet(model=model)
            .order_by("pk")
            .values(*[f.attname for f in model._meta.concrete_fields])
        )
        for model in backup_models()
    }


def every_file(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def empty_media(root: Path) -> None:
    for path in sorted(root.rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()


def empty_database() -> None:
    """Every row of every table gone, as in a new database before `migrate` fills its tables
    (cheaper than `flush`; the foreign keys are checked when the transaction commits)."""
    with transaction.atomic(), connection.cursor() as cursor:
        for model in [*backup_models(), Session]:
            table = connection.ops.quote_name(model._meta.db_table)
            cursor.execute(f"DELETE FROM {table}")  # noqa: S608 - a model's table


def rewrite_gzip(path: Path, text: str) -> None:
    with gzip.open(path, "wt", encoding="utf-8") as out:
        out.write(text)


def write_while_backing_up(monkeypatch):
    """On PostgreSQL another connection adds a site once the backup has read its first
    table (and commits it); the backup's snapshot must not see it. (SQLite's test database
    lives in memory with table locks, not WAL snapshots, so there the write is left out.)"""
    if connection.vendor != "postgresql":
        return
    other = connections.create_connection(DEFAULT_DB_ALIAS)
    write_table = backup_module._write_table

    def writing(model, path, using):
        rows = write_table(model, path, using)
        if model is backup_models()[0]:
            with other.cursor() as cursor:
                cursor.execute(
                    "INSERT INTO django_site (domain, name) VALUES ('later.example', 'later')"
                )
            other.close()
        return rows

    monkeypatch.setattr(backup_module, "_write_table", writing)


@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_to_an_identical_database_and_media(media, tmp_path, monkeypatch):
    small_world()
    tables, files = every_table(), every_file(media)
    assert tables["actors.organisation_topics"] and tables["actors.historicalorganisation"]
    assert files["reports/pdf/leer.pdf"] == b"" and FILE_BYTES in files.values()
    write_while_backing_up(monkeypatch)

    call_command("backup", "--output", str(tmp_path / "backup"), verbosity=0)
    assert not connection.in_atomic_block  # the backup's read transaction has ended
    written_meanwhile = models.QuerySet(model=Site).filter(domain="later.example").exists()
    assert written_meanwhile == (connection.vendor == "postgresql")
    empty_database()
    empty_media(media)
    # A login on the new installation before the restore: sessions are not backed up, and
    # the restore ends them.
    Session.objects.create(
        session_key="k" * 32, session_data="x", expire_date=timezone.now() + dt.timedelta(days=1)
    )
    assert database_holdings() == [] and every_file(media) == {}

    summary = backup_restore(source=tmp_path / "backup")

    assert summary.rows == sum(len(rows) for rows in tables.values())
    assert every_table() == tables
    assert every_file(media) == files
    assert not Session.objects.exists()
    # The database goes on working: sequences continue after the restored ids.
    assert Topic.objects.create(slug="nach-der-wiederherstellung").pk > max(
        row["id"] for row in tables["actors.topic"]
    )
    assert Organisation.objects.get(slug=tables["actors.organisation"][0]["slug"]).topics.count()


@pytest.mark.django_db
def test_the_manifest_lists_every_table_with_row_count_checksum_and_the_migration_state(
    media, tmp_path
):
    small_world()
    manifest = backup_create(output=tmp_path / "backup").manifest
    on_disk = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    assert on_disk == manifest
    assert manifest["format"] == 1 and manifest["database"] == connection.vendor
    tables = {t["model"]: t for t in manifest["tables"]}
    assert set(tables) == {m._meta.label_lower for m in backup_models()}
    assert "sessions.session" not in tables and manifest["skipped"] == ["sessions.session"]
    assert tables["actors.organisation"]["rows"] == Organisation.objects.count()
    assert tables["actors.organisation_topics"]["rows"] == 2
    assert len(tables["actors.organisation"]["sha256"]) == 64
    assert manifest["migrations"]["actors"].startswith("0")
    assert {m["path"]: m["size"] for m in manifest["media"]}["reports/pdf/leer.pdf"] == 0


@pytest.mark.django_db
def test_a_damaged_table_file_is_refused_before_anything_is_written(media, tmp_path):
    small_world()
    backup_create(output=tmp_path / "backup")
    empty_media(media)
    rewrite_gzip(tmp_path / "backup" / "tables" / "actors.organisation.jsonl.gz", "[1]\n")
    before = every_table()

    with pytest.raises(BackupError, match=r"damaged(.|\n)*actors\.organisation\.jsonl\.gz"):
        backup_restore(source=tmp_path / "backup")

    assert every_table() == before
    assert every_file(media) == {}


@pytest.mark.django_db
def test_a_missing_or_changed_media_file_is_refused(media, tmp_path):
    small_world()
    backup_create(output=tmp_path / "backup")
    (tmp_path / "backup" / "media" / "reports" / "pdf" / "leer.pdf").write_bytes(b"x")
    pdf = next((tmp_path / "backup" / "media" / "knowledge").rglob("*.pdf"))
    pdf.unlink()
    with pytest.raises(BackupError) as refused:
        backup_verify(source=tmp_path / "backup")
    assert "media/reports/pdf/leer.pdf: size does not match" in str(refused.value)
    assert f"{pdf.relative_to(tmp_path / 'backup').as_posix()}: missing" in str(refused.value)


@pytest.mark.django_db
def test_restoring_into_a_database_with_data_is_refused(media, tmp_path):
    small_world()
    backup_create(output=tmp_path / "backup")
    before = every_table()
    with pytest.raises(BackupError, match="not empty.*actors.organisation"):
        backup_restore(source=tmp_path / "backup")
    assert every_table() == before


@pytest.mark.django_db
def test_a_backup_of_another_migration_state_is_refused(media, tmp_path):
    OrganisationFactory()
    backup_create(output=tmp_path / "backup")
    manifest_path = tmp_path / "backup" / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["migrations"]["actors"] = "9999_from_the_future"
    manifest_path.write_text(json.dumps(manifest))
    Organisation.objects.all().delete()
    with pytest.raises(BackupError, match="migration state.*actors: backup 9999_from_the_future"):
        backup_restore(source=tmp_path / "backup")


@pytest.mark.django_db
def test_a_manifest_path_leaving_the_backup_folder_is_refused(media, tmp_path):
    backup_create(output=tmp_path / "backup")
    manifest_path = tmp_path / "backup" / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["media"].append({"path": "../../etc/passwd", "size": 1, "sha256": "0" * 64})
    manifest_path.write_text(json.dumps(manifest))
    with pytest.raises(BackupError, match="unsafe path"):
        backup_verify(source=tmp_path / "backup")


@pytest.mark.django_db
def test_a_folder_without_a_manifest_is_not_a_backup(tmp_path):
    with pytest.raises(BackupError, match="no manifest.json"):
        backup_verify(source=tmp_path)


@pytest.mark.django_db
def test_the_backup_refuses_a_folder_that_is_not_empty(media, tmp_path):
    (tmp_path / "backup").mkdir()
    (tmp_path / "backup" / "old.txt").write_text("x")
    with pytest.raises(BackupError, match="not an empty folder"):
        backup_create(output=tmp_path / "backup")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


@pytest.mark.django_db
def test_the_commands_back_up_check_and_refuse_with_a_clear_message(media, tmp_path, capsys):
    OrganisationFactory()
    call_command("backup", "--output", str(tmp_path / "backup"))
    assert "Backup written to" in capsys.readouterr().out
    call_command("restore", "--check", str(tmp_path / "backup"))
    assert "is intact" in capsys.readouterr().out
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(tmp_path / "backup"))
    rewrite_gzip(tmp_path / "backup" / "tables" / "actors.organisation.jsonl.gz", "")
    with pytest.raises(CommandError, match="checksum does not match"):
        call_command("restore", "--check", str(tmp_path / "backup"))


@pytest.mark.parametrize(
    ("field", "value"),
    [
        (models.DateTimeField(), dt.datetime(2026, 3, 29, 1, 59, 59, 123456, tzinfo=dt.UTC)),
        (
            models.DateTimeField(),
            dt.datetime(2026, 10, 25, 2, 30, tzinfo=dt.timezone(dt.timedelta(hours=2))),
        ),
        (models.DateField(), dt.date(1999, 12, 31)),
        (models.TimeField(), dt.time(23, 59, 59, 999999)),
        (models.DecimalField(max_digits=14, decimal_places=2), decimal.Decimal("-0.10")),
        (models.DecimalField(max_digits=30, decimal_places=10), decimal.Decimal("1E-10")),
        (models.BinaryField(), b"\x00\xff\x80 bytes"),
        (models.UUIDField(), uuid.UUID("12345678-1234-5678-1234-567812345678")),
        (models.DurationField(), dt.timedelta(days=-1, microseconds=5)),
        (models.FloatField(), 0.1 + 0.2),
    ],
)
def test_column_values_round_trip_exactly_through_the_table_files(field, value):
    line = json.dumps([value], default=encode_value)
    back = field.to_python(json.loads(line)[0])
    assert (bytes(back) if isinstance(back, memoryview) else back) == value
    assert type(back) is type(value) or isinstance(back, memoryview)
    if isinstance(value, decimal.Decimal):
        assert str(back) == str(value)  # the same digits, not only the same number


@pytest.mark.django_db
def test_a_manifest_without_its_lists_is_refused_as_damaged(media, tmp_path):
    backup_create(output=tmp_path / "backup")
    manifest_path = tmp_path / "backup" / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    del manifest["media"]
    manifest_path.write_text(json.dumps(manifest))
    with pytest.raises(BackupError, match="manifest.json is damaged"):
        backup_verify(source=tmp_path / "backup")
