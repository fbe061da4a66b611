"""Backup and restore of the database and the uploaded files (docs/backup.md).

A backup is a folder: `manifest.json`, one gzip-compressed JSON-lines file per table under
`tables/` (one JSON array of column values a line, columns as listed in the manifest) and a
copy of every uploaded file under `media/`. Every table of every installed app is read inside
one transaction with one snapshot (PostgreSQL: REPEATABLE READ, READ ONLY; SQLite: one deferred
read transaction, which in WAL mode blocks no writer), so the tables agree with each other.

Restoring checks every checksum before it writes anything, refuses a database that holds
data, checks that the migration state is the backup's, then writes every row in one
transaction (foreign keys are created DEFERRABLE INITIALLY DEFERRED by Django on both
databases, so the order of the tables does not matter; they are checked before the commit),
resets PostgreSQL's sequences and puts the files back, each written to a temporary file and
renamed.

Rows are written with plain INSERTs of the stored column values, never through model
instances: `auto_now` fields, `save()` overrides and modeltranslation's descriptors (which map
`name` to the current language's column) would otherwise change what is written.
"""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import gzip
import hashlib
import json
import os
import shutil
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import django
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.sites.models import Site
from django.core.files import File
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.management.color import no_style
from django.db import connections, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.duration import duration_string

FORMAT = 1
CHUNK = 2000
# Login sessions are not backed up: they are short-lived, and bringing them back would revive
# logins (of users whose password or second factor may have changed since). A restore ends
# every session of the target database.
SKIPPED = frozenset({"sessions.session"})
# Tables `migrate` fills by itself (post_migrate): a freshly migrated database has rows in
# them. A restore replaces their rows with the backup's, so that every id other tables point
# to (content types in generic relations and history, permissions) stays what it was.
FILLED_BY_MIGRATE = frozenset({"contenttypes.contenttype", "auth.permission", "sites.site"})
# Column types whose JSON value is what the database takes as it is.
PLAIN_TYPES = frozenset(
    {
        "AutoField",
        "BigAutoField",
        "SmallAutoField",
        "BigIntegerField",
        "IntegerField",
        "SmallIntegerField",
        "PositiveBigIntegerField",
        "PositiveIntegerField",
        "PositiveSmallIntegerField",
        "BooleanField",
        "CharField",
        "TextField",
        "SlugField",
        "FloatField",
    }
)


class BackupError(Exception):
    """A backup that cannot be written or restored; the message says why."""


@dataclass
class Summary:
    tables: int = 0
    rows: int = 0
    files: int = 0
    bytes: int = 0
    seconds: float = 0.0
    manifest: dict = field(default_factory=dict)


# --- What is backed up --------------------------------------------------------------------


def backup_models() -> list[type[models.Model]]:
    """Every model with a table of its own (auto-created many-to-many tables included), once
    per table, in the order of INSTALLED_APPS; without the SKIPPED ones."""
    found: dict[str, type[models.Model]] = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed or meta.swapped or meta.label_lower in SKIPPED:
            continue
        found.setdefault(meta.db_table, model)
    return list(found.values())


def _columns(model: type[models.Model]) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields if not getattr(f, "generated", False)]


def _label(model: type[models.Model]) -> str:
    return model._meta.label_lower


def migration_state(using: str = "default") -> dict[str, str]:
    """The latest applied migration per app (names start with their number)."""
    latest: dict[str, str] = {}
    for app_label, name in MigrationRecorder(connections[using]).applied_migrations():
        if name > latest.get(app_label, ""):
            latest[app_label] = name
    return dict(sorted(latest.items()))


# --- Values in and out of JSON --------------------------------------------------------------


def encode_value(value: Any) -> Any:
    """`default` for json.dumps: the non-JSON column values as strings their field's
    `to_python` reads back exactly."""
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, bytes | bytearray | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, dt.timedelta):
        return duration_string(value)
    raise TypeError(f"cannot back up a value of type {type(value).__name__}")


def _internal_type(f: models.Field) -> str:
    target = f.target_field if f.is_relation else f
    return target.get_internal_type()


def column_writer(f: models.Field, connection) -> Callable[[Any], Any]:
    """From the stored JSON value to the parameter the database takes for column `f`."""
    if isinstance(f, models.JSONField):
        if f.null:
            return lambda value: f.get_db_prep_save(value, connection)
        # A NOT NULL JSON column holding JSON null: write `null`, not SQL NULL.
        return lambda value: f.get_db_prep_value(value, connection)
    if _internal_type(f) in PLAIN_TYPES:
        return lambda value: value

    def write(value):
        return None if value is None else f.get_db_prep_save(f.to_python(value), connection)

    return write


# --- Checksums and files ----------------------------------------------------------------------


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _safe_relative(name: str) -> PurePosixPath:
    """A path from a manifest, refused if it could leave the folder it belongs in."""
    path = PurePosixPath(name)
    if not name or path.is_absolute() or any(part in {"", ".", ".."} for part in path.parts):
        raise BackupError(f"the manifest names an unsafe path: {name!r}")
    return path


def _media_names(storage) -> Iterator[str]:
    """Every file in the media storage, as storage names."""
    if isinstance(storage, FileSystemStorage):
        root = Path(storage.location)
        if not root.exists():
            return
        for folder, dirs, files in os.walk(root):
            dirs.sort()
            for name in sorted(files):
                yield (Path(folder) / name).relative_to(root).as_posix()
        return

    def walk(prefix: str) -> Iterator[str]:
        dirs, files = storage.listdir(prefix)
        for name in sorted(files):
            yield f"{prefix}{name}"
        for name in sorted(dirs):
            yield from walk(f"{prefix}{name}/")

    yield from walk("")


def _copy_hashing(source, target) -> tuple[int, str]:
    digest = hashlib.sha256()
    size = 0
    for block in iter(lambda: source.read(1 << 20), b""):
        digest.update(block)
        size += len(block)
        target.write(block)
    return size, digest.hexdigest()


# --- Backup -----------------------------------------------------------------------------------


@contextmanager
def _snapshot(connection):
    """One read transaction over every table. Inside an outer transaction (tests) that
    transaction is the snapshot already."""
    if connection.in_atomic_block:
        yield
        return
    if connection.vendor == "postgresql":
        with transaction.atomic(using=connection.alias):
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield
        return
    # SQLite: Django would open BEGIN IMMEDIATE (the write lock) for the whole backup; a
    # deferred BEGIN takes the snapshot at the first read and lets writers go on (WAL).
    connection.ensure_connection()
    with connection.cursor() as cursor:
        cursor.execute("BEGIN")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("ROLLBACK")


def _write_table(model, path: Path, using: str) -> int:
    names = [f.attname for f in _columns(model)]
    rows = models.QuerySet(model=model, using=using).order_by("pk").values_list(*names)
    count = 0
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=6) as out:
        for row in rows.iterator(chunk_size=CHUNK):
            out.write(json.dumps(row, default=encode_value, ensure_ascii=False))
            out.write("\n")
            count += 1
    return count


def backup_create(*, output: Path, using: str = "default", storage=None) -> Summary:
    """Write a backup of the database `using` and the media storage into the new folder
    `output` (which may exist if it is empty). Built in a sibling folder and renamed when
    complete, so a half-written backup never carries the name."""
    started = time.monotonic()
    storage = storage or default_storage
    output = Path(output)
    if output.exists() and (not output.is_dir() or any(output.iterdir())):
        raise BackupError(f"{output} exists and is not an empty folder")
    output.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{output.name}.partial-", dir=output.parent))
    try:
        summary = _backup_into(work, using=using, storage=storage)
        if output.exists():
            output.rmdir()
        work.rename(output)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    summary.seconds = time.monotonic() - started
    return summary


def _backup_into(work: Path, *, using: str, storage) -> Summary:
    connection = connections[using]
    (work / "tables").mkdir()
    summary = Summary()
    tables = []
    with _snapshot(connection):
        created = timezone.now()
        migrations = migration_state(using)
        for model in backup_models():
            name = f"tables/{_label(model)}.jsonl.gz"
            rows = _write_table(model, work / name, using)
            tables.append(
                {
                    "model": _label(model),
                    "table": model._meta.db_table,
                    "file": name,
                    "columns": [f.attname for f in _columns(model)],
                    "rows": rows,
                    "sha256": _sha256(work / name),
                }
            )
            summary.rows += rows
    # The files after the rows: every file a backed-up row names and that still exists is
    # in the backup (a file saved during the backup may come along without its row).
    media = []
    for name in _media_names(storage):
        target = work / "media" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            with storage.open(name, "rb") as source, target.open("wb") as out:
                size, digest = _copy_hashing(source, out)
        except FileNotFoundError:  # deleted while the backup ran
            continue
        media.append({"path": name, "size": size, "sha256": digest})
        summary.bytes += size
    manifest = {
        "format": FORMAT,
        "created_at": created.isoformat(),
        "django": django.get_version(),
        "database": connection.vendor,
        "migrations": migrations,
        "skipped": sorted(SKIPPED),
        "tables": tables,
        "media": media,
    }
    (work / "manifest.json").write_text(
        json.dumps(manifest, indent=1, ensure_ascii=False), encoding="utf-8"
    )
    summary.tables, summary.files, summary.manifest = len(tables), len(media), manifest
    return summary


# --- Restore ----------------------------------------------------------------------------------


def backup_verify(*, source: Path) -> dict:
    """The manifest of the backup in `source` after checking every file's checksum; a
    BackupError naming every damaged or missing file otherwise."""
    source = Path(source)
    try:
        manifest = json.loads((source / "manifest.json").read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise BackupError(f"{source} holds no manifest.json: not a (complete) backup") from exc
    except (ValueError, UnicodeDecodeError) as exc:
        raise BackupError(f"manifest.json is damaged: {exc}") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"unknown backup format (this version reads format {FORMAT})")
    try:
        entries = [(_safe_relative(t["file"]), t["sha256"], None) for t in manifest["tables"]]
        entries += [
            (PurePosixPath("media") / _safe_relative(m["path"]), m["sha256"], m["size"])
            for m in manifest["media"]
        ]
        if not isinstance(manifest["migrations"], dict):
            raise TypeError("migrations")
    except (KeyError, TypeError, AttributeError) as exc:
        raise BackupError(f"manifest.json is damaged: {exc!r} missing or malformed") from exc
    problems = []
    for relative, expected, size in entries:
        path = source / relative
        if not path.is_file():
            problems.append(f"{relative}: missing")
        elif size is not None and path.stat().st_size != size:
            problems.append(f"{relative}: size does not match")
        elif _sha256(path) != expected:
            problems.append(f"{relative}: checksum does not match")
    if problems:
        raise BackupError(
            "the backup is damaged, nothing was restored:\n  " + "\n  ".join(problems)
        )
    return manifest


def database_holdings(using: str = "default") -> list[str]:
    """The tables that hold rows a restore would clash with (not counting what `migrate`
    writes by itself, nor sessions)."""
    return [
        _label(model)
        for model in backup_models()
        if _label(model) not in FILLED_BY_MIGRATE
        and models.QuerySet(model=model, using=using).exists()
    ]


def _check_target(manifest: dict, using: str) -> dict[str, type[models.Model]]:
    here = migration_state(using)
    if manifest["migrations"] != here:
        differing = sorted(
            app
            for app in set(here) | set(manifest["migrations"])
            if here.get(app) != manifest["migrations"].get(app)
        )
        details = ", ".join(
            f"{app}: backup {manifest['migrations'].get(app, '-')}, database {here.get(app, '-')}"
            for app in differing
        )
        raise BackupError(
            "the migration state differs from the backup's (run the code version the backup "
            f"was made with, or migrate to it): {details}"
        )
    by_label = {_label(model): model for model in backup_models()}
    for table in manifest["tables"]:
        model = by_label.get(table["model"])
        if model is None:
            raise BackupError(f"the backup holds table {table['model']}, unknown here")
        if table["columns"] != [f.attname for f in _columns(model)]:
            raise BackupError(f"the columns of {table['model']} differ from the backup's")
    held = database_holdings(using)
    if held:
        raise BackupError(
            "the database is not empty, nothing was restored (restore into a new, migrated "
            "database): rows in " + ", ".join(held[:10]) + (" …" if len(held) > 10 else "")
        )
    return by_label


def _insert_table(model, path: Path, columns: list[str], connection) -> int:
    fields = {f.attname: f for f in _columns(model)}
    writers = [column_writer(fields[name], connection) for name in columns]
    quote = connection.ops.quote_name
    # Table and column names come from the models, quoted; the values are bound.
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608
        quote(model._meta.db_table),
        ", ".join(quote(fields[name].column) for name in columns),
        ", ".join(["%s"] * len(columns)),
    )
    count = 0
    batch = []
    with gzip.open(path, "rt", encoding="utf-8") as lines, connection.cursor() as cursor:
        for line in lines:
            values = json.loads(line)
            batch.append([write(value) for write, value in zip(writers, values, strict=True)])
            if len(batch) >= CHUNK:
                cursor.executemany(sql, batch)
                count += len(batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)
            count += len(batch)
    return count


def _put_file(storage, name: str, source: Path) -> None:
    if isinstance(storage, FileSystemStorage):
        target = Path(storage.path(name))
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".restore-", dir=target.parent)
        try:
            with os.fdopen(handle, "wb") as out, source.open("rb") as data:
                shutil.copyfileobj(data, out)
                out.flush()
                os.fsync(out.fileno())
            if settings.FILE_UPLOAD_PERMISSIONS is not None:
                os.chmod(temporary, settings.FILE_UPLOAD_PERMISSIONS)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return
    # Object storage writes an object whole or not at all.
    if storage.exists(name):
        storage.delete(name)
    with source.open("rb") as data:
        stored = storage.save(name, File(data, name=name))
    if stored != name:
        raise BackupError(f"the storage saved {name} as {stored}")


def backup_restore(*, source: Path, using: str = "default", storage=None) -> Summary:
    """Restore the backup in `source` into the empty, migrated database `using` and the media
    storage; all rows or none."""
    started = time.monotonic()
    storage = storage or default_storage
    source = Path(source)
    manifest = backup_verify(source=source)
    connection = connections[using]
    summary = Summary(manifest=manifest)
    with transaction.atomic(using=using):
        by_label = _check_target(manifest, using)
        with connection.cursor() as cursor:
            for label in sorted(FILLED_BY_MIGRATE | SKIPPED):
                model = apps.get_model(label)
                table = connection.ops.quote_name(model._meta.db_table)
                cursor.execute(f"DELETE FROM {table}")  # noqa: S608 - a model's table
        loaded = []
        for table in manifest["tables"]:
            model = by_label[table["model"]]
            rows = _insert_table(model, source / table["file"], table["columns"], connection)
            if rows != table["rows"]:
                raise BackupError(
                    f"{table['file']}: {rows} rows, the manifest says {table['rows']}"
                )
            summary.rows += rows
            loaded.append(model)
        connection.check_constraints(table_names=[m._meta.db_table for m in loaded])
        statements = connection.ops.sequence_reset_sql(no_style(), loaded)
        if statements:
            with connection.cursor() as cursor:
                for sql in statements:
                    cursor.execute(sql)
        # The files inside the transaction: a file that cannot be written undoes the rows.
        for entry in manifest["media"]:
            _put_file(storage, entry["path"], source / "media" / _safe_relative(entry["path"]))
            summary.bytes += entry["size"]
    ContentType.objects.clear_cache()
    Site.objects.clear_cache()
    summary.tables, summary.files = len(loaded), len(manifest["media"])
    summary.seconds = time.monotonic() - started
    return summary
