"""Raw bulk writes for generators: one table, many rows, by the fastest path of the database.

SQLite: `executemany` (the caller holds one transaction); PostgreSQL: `COPY … FROM STDIN`
through psycopg. Rows are dicts of attname → Python value; missing columns get the field's
default. Ids are assigned by the caller (`next_id`), so no RETURNING is needed, and the
PostgreSQL sequence is moved past them afterwards (`reset_sequence`). No signals are sent:
callers write the search index themselves (search.indexing.insert_entries).
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import contextmanager

from django.db import connection, models
from django.utils import timezone


def next_id(model: type[models.Model]) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {model._meta.db_table}")
        return cursor.fetchone()[0]


def reset_sequence(model: type[models.Model]) -> None:
    if connection.vendor != "postgresql":
        return
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"(SELECT coalesce(max(id), 1) FROM {table}))"
        )


def _fields(model):
    now = timezone.now()
    fields = []
    for f in model._meta.concrete_fields:
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            default = now
        elif f.has_default():
            default = f.get_default()
        elif f.null:
            default = None
        else:
            default = "" if isinstance(f, (models.CharField, models.TextField)) else None
        fields.append((f, default))
    return fields


def insert_rows(model: type[models.Model], rows: Iterable[dict]) -> int:
    """Insert `rows` (dicts by attname, each with an explicit "id") into `model`'s table."""
    fields = _fields(model)
    columns = ", ".join(connection.ops.quote_name(f.column) for f, _d in fields)
    table = model._meta.db_table
    n = 0
    if connection.vendor == "postgresql":
        with (
            connection.cursor() as cursor,
            cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row([row.get(f.attname, d) for f, d in fields])
                n += 1
        return n
    convert = []
    for f, _d in fields:
        if isinstance(f, (models.DateField, models.DecimalField)):  # DateTimeField too
            convert.append(lambda v, f=f: None if v is None else f.get_db_prep_save(v, connection))
        else:
            convert.append(None)
    prepared = (
        [row.get(f.attname, d) if c is None else c(row.get(f.attname, d))
         for (f, d), c in zip(fields, convert, strict=True)]
        for row in rows
    )  # fmt: skip
    marks = ", ".join(["%s"] * len(fields))
    batch: list = []
    with connection.cursor() as cursor:
        for values in prepared:
            batch.append(values)
            if len(batch) >= 20_000:
                cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", batch)
                n += len(batch)
                batch = []
        if batch:
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", batch)
            n += len(batch)
    return n


def insert_pairs(table: str, columns: tuple[str, str], rows: list[tuple]) -> None:
    """Link rows of an M2M through table (id assigned by the database)."""
    if not rows:
        return
    cols = ", ".join(columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({cols}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            cursor.executemany(f"INSERT INTO {table} ({cols}) VALUES (%s, %s)", rows)


@contextmanager
def fast_writes():
    """SQLite: fewer syncs and a large cache while a generator fills the database."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA synchronous=OFF")
        cursor.execute("PRAGMA cache_size=-512000")
        cursor.execute("PRAGMA temp_store=MEMORY")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous=NORMAL")


def settle(*models_written: type[models.Model]) -> None:
    """After bulk writes on PostgreSQL: planner statistics and the visibility map of every
    table written (the models' own tables and their many-to-many tables). SQLite: nothing to
    do here (search.indexing.optimise analyses the whole database).

    VACUUM marks the new pages all-visible, which lets counts and groupings read an index alone
    (an index-only scan) instead of every row: the directory's count of 100,000 organisations
    40 → 9 ms. autovacuum does the same some time later, and never where it is switched off
    (docs/deployment.md). VACUUM cannot run inside a transaction; there only ANALYZE runs."""
    if connection.vendor != "postgresql":
        return
    tables = []
    for model in models_written:
        tables.append(model._meta.db_table)
        tables += [f.remote_field.through._meta.db_table for f in model._meta.local_many_to_many]
    command = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"{command} {connection.ops.quote_name(table)}")
