"""Importing statistics tables: parse, check, map keys to ids, write in bulk, log.

All-or-nothing: every table of a file is written inside one transaction, and a dry run is the
same import rolled back at the end (so its counts are exact). Observations are written by
staging the parsed frame, mapping codes to ids with pandas, and comparing with what is stored
in one merge: new rows are bulk-inserted (COPY on PostgreSQL, executemany on SQLite), changed
rows updated and recorded as revisions, unchanged rows left alone, so a re-import of the same
file changes nothing.
"""

from __future__ import annotations

import hashlib
import io
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from bildungsnetz.upsert import upsert
from places.models import Territory

from .import_files import ImportFailed, failure, read_tables
from .indicators import indicators_compute
from .models import (
    Attribute,
    Dataset,
    DatasetRegion,
    DimensionKey,
    ImportLog,
    Measure,
    Observation,
    Variable,
)
from .parsers.common import ParsedTable, valid_period
from .provenance import (
    FORMER_GENESIS_SOURCES,
    GENESIS_LICENCE,
    genesis_provenance,
    licence_from_text,
    official_table,
)
from .territories import create_territories, key_scheme, resolve_keys

logger = logging.getLogger(__name__)

KEY = ["measure_id", "territory_id", "period", "dimension_key_id"]
COLUMNS = [
    "dataset_id",
    "measure_id",
    "territory_id",
    "period",
    "period_date",
    "dimension_key_id",
    "value",
    "symbol",
    "quality",
]
BATCH = 50_000
MAX_ERRORS = 500


@dataclass
class Counts:
    read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    new_territories: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    datasets: list[Dataset] = field(default_factory=list)
    territory_ids: set[int] = field(default_factory=set)
    measures: set[str] = field(default_factory=set)
    formats: set[str] = field(default_factory=set)


# --- entry point --------------------------------------------------------------------------


def observations_import(
    *,
    data: bytes | None = None,
    path: str | Path | None = None,
    filename: str = "",
    user=None,
    dry_run: bool = False,
    mapping: dict | None = None,
    table_code: str = "",
    log: ImportLog | None = None,
    authorise: Callable[..., list[str]] | None = None,
    progress: Callable[[int, str], None] | None = None,
) -> ImportLog:
    """Import one file (plain or zipped); returns its ImportLog (status succeeded/checked/failed).

    `table_code`: a code of the importer's own for the file's one table, instead of the code
    in the file (the table is then the importer's own, never official statistics).
    `authorise(territory_ids, new_items, existing_dataset, official=…)` returns error texts for
    what the user may not do: import about these territories, create these new ones, or write
    into the stored table of the same code (None for a new table); `official` says whether the
    file's table is official statistics (`provenance.official_table`). `progress(percent,
    stage)` is told how far the import has come.
    """
    if data is None:
        filename = filename or Path(path).name
    source = data if data is not None else Path(path)
    report = progress or (lambda percent, stage: None)
    if log is None:
        log = ImportLog.objects.create(
            user=user if user is not None and user.is_authenticated else None,
            filename=filename[:255],
            dry_run=dry_run,
            table_code=table_code[:100],
        )
    log.sha256, log.size = _digest(source)
    log.status = ImportLog.Status.RUNNING
    log.save(update_fields=["sha256", "size", "status"])
    counts = Counts()
    try:
        report(5, "reading")
        groups = read_tables(source, filename, mapping)
        if table_code and len(groups) > 1:
            raise failure("table_code_several_tables", count=len(groups))
        report(30, "checking")
        with transaction.atomic():
            for number, chunks in enumerate(groups):
                _import_table(
                    chunks, log, counts, authorise, report, (number, len(groups)), table_code
                )
            if dry_run:
                transaction.set_rollback(True)
    except ImportFailed as exc:
        log.status = ImportLog.Status.FAILED
        log.errors = exc.errors[:MAX_ERRORS]
        if len(exc.errors) > MAX_ERRORS:
            log.errors.append({"message": f"… {len(exc.errors) - MAX_ERRORS} more"})
    except DatabaseError:
        # A lost connection or a failed write mid-import: the transaction was rolled back, so
        # nothing is stored, and the log must say so instead of staying "running" for ever.
        logger.exception("Import %s failed in the database", log.pk)
        _reconnect_if_broken()
        log.status = ImportLog.Status.FAILED
        log.errors = failure("database_failed").errors
    else:
        log.status = ImportLog.Status.CHECKED if dry_run else ImportLog.Status.SUCCEEDED
    log.rows_read = counts.read
    if log.status == ImportLog.Status.FAILED:
        # Everything was rolled back: a failed import wrote nothing, whatever it had counted.
        counts.created = counts.updated = counts.unchanged = 0
        counts.notes, counts.new_territories = [], []
    log.rows_created, log.rows_updated = counts.created, counts.updated
    log.rows_unchanged = counts.unchanged
    log.new_territories = counts.new_territories
    log.notes = counts.notes
    log.dataset_codes = [d.code for d in counts.datasets]
    log.format = "+".join(sorted(counts.formats))
    log.progress = 100
    log.stage = "done"
    log.finished = timezone.now()
    log.save()
    # Territories created by a dry run or a failed import were rolled back with it.
    log.territories.set(Territory.objects.filter(pk__in=counts.territory_ids))
    if log.status == ImportLog.Status.SUCCEEDED:
        log.datasets.set([d for d in counts.datasets if d.pk])
    return log


def _reconnect_if_broken() -> None:
    """Drop a connection the database broke off, so the log's update opens a new one."""
    opened = connection.connection is not None
    if opened and not connection.in_atomic_block and not connection.is_usable():
        connection.close()


def _digest(source: bytes | Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    if isinstance(source, Path):
        with source.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
        return digest.hexdigest(), source.stat().st_size
    digest.update(source)
    return digest.hexdigest(), len(source)


# --- one table ------------------------------------------------------------------------------


def _import_table(chunks, log, counts, authorise, report, position, table_code) -> None:
    number, total = position
    state: dict = {"own_code": table_code}
    measures: set[str] = set()
    for table in chunks:
        _import_chunk(table, state, log, counts, authorise)
        measures.update(state["measures"])
        report(40 + int(50 * number / total), "writing")
    indicators_compute(measures=measures)


def _import_chunk(table, state, log, counts, authorise) -> None:
    """One parsed table or chunk of a table; `state` carries what the chunks share."""
    frame = table.frame
    # The stored table's code: the importer's own, else the file's. A table under a code of
    # the importer's own is their own figures, even if they came from a statistical office.
    code = state["own_code"] or table.dataset_code
    official = not state["own_code"] and official_table(table.source, table.dataset_code)
    counts.formats.add(table.format)
    counts.read += len(frame)
    scheme = key_scheme(table.format, table.region_variable)
    default_key = "iso:AT" if table.format == "ogd_wien" else "iso:DE"

    # Territories: one lookup per distinct key, never per row.
    key_codes, key_uniques = pd.factorize(frame["region_key"], use_na_sentinel=True)
    if (key_codes < 0).any():
        key_uniques = np.append(np.asarray(key_uniques, dtype=object), "")
        key_codes = np.where(key_codes < 0, len(key_uniques) - 1, key_codes)
    labels = frame["region_label"].groupby(key_codes).first()
    keys = pd.DataFrame(
        {
            "region_key": [str(k) for k in key_uniques],
            "region_label": [
                labels.get(i, "") if not pd.isna(labels.get(i, "")) else ""
                for i in range(len(key_uniques))
            ],
        }
    )
    resolution = resolve_keys(keys, scheme=scheme, default_key=default_key)
    if resolution.malformed:
        raise ImportFailed(
            [
                {"line": None, "column": "region_key", "code": "invalid_region_key",
                 "message": f"Malformed regional key {key!r}."}
                for key in resolution.malformed
            ]
        )  # fmt: skip
    counts.territory_ids.update(resolution.ids.values())
    if authorise is not None:
        # The first chunk of a table decides whether the user may write into a stored table of
        # that code; later chunks write into what the first one made.
        existing = None
        if "dataset" not in state:
            existing = Dataset.objects.filter(code=code).first()
        denied = authorise(
            list(resolution.ids.values()), resolution.new, existing, official=official
        )
        if denied:
            raise ImportFailed(
                [{"line": None, "column": "", "code": "forbidden", "message": m} for m in denied]
            )
    created_ids = create_territories(resolution.new)
    counts.territory_ids.update(created_ids.values())
    counts.new_territories += [
        {"key": f"{i['scheme']}:{i['code']}", "source_key": i["_source_key"], "name": i["name_de"], "level": str(i["level"])}  # noqa: E501
        for i in resolution.new
    ]  # fmt: skip
    region_ids = {**resolution.ids, **created_ids}
    missing = [k for k in keys["region_key"] if k not in region_ids]
    if missing:
        raise ImportFailed([{"line": None, "column": "region_key", "code": "unknown_region", "message": f"Unknown regional key {k!r}."} for k in missing])  # noqa: E501  # fmt: skip
    territory_ids = np.array([region_ids[str(k)] for k in key_uniques], dtype=np.int64)[key_codes]

    if "dataset" not in state:
        state["dataset"] = _dataset_upsert(table, log, code=code, official=official)
        counts.datasets.append(state["dataset"])
        state["fresh"] = not Observation.objects.filter(dataset=state["dataset"]).exists()
        state["existing"] = None if state["fresh"] else _read_existing(state["dataset"].pk)
    dataset = state["dataset"]
    _regions_sync(dataset, {k: region_ids[k] for k in keys["region_key"]})
    m_codes, m_pairs = _measure_pairs(table, frame)
    measure_ids = _measures_sync(table, m_pairs)
    _variables_sync(table)
    dim_codes, dim_uniques = pd.factorize(frame["dimensions"].fillna(""))
    dim_ids = _dimension_keys(list(dim_uniques))
    period_codes, period_uniques = pd.factorize(frame["period"])
    # Every format's periods, whatever its parser let through: "abc" or "9999-99-99" is no
    # time to file a number under (the mapped parser already names the rows).
    wrong = [str(p) for p in period_uniques if not valid_period(str(p))]
    if wrong:
        raise ImportFailed(
            [{**failure("invalid_period", value=p).errors[0], "column": "period"} for p in wrong]
        )
    period_dates = np.array([period_date(p) for p in period_uniques], dtype="datetime64[D]")
    state["measures"] = {code for code, _unit in m_pairs}

    staged = pd.DataFrame(
        {
            "dataset_id": np.full(len(frame), dataset.pk, dtype=np.int64),
            "measure_id": np.array([measure_ids[m] for m in m_pairs], dtype=np.int64)[m_codes],
            "territory_id": territory_ids,
            "period": pd.Categorical.from_codes(period_codes, categories=list(period_uniques)),
            "period_date": period_dates[period_codes],
            "dimension_key_id": np.array([dim_ids[d] for d in dim_uniques], dtype=np.int64)[
                dim_codes
            ],
            "value": frame["value"].to_numpy(np.float64),
            "symbol": frame["symbol"].fillna("").astype(object).to_numpy(),
            "quality": frame["quality"].fillna("").astype(object).to_numpy(),
        }
    )
    duplicated = staged.duplicated(KEY, keep="first")
    if duplicated.any():
        counts.notes.append(
            f"{code}: {int(duplicated.sum())} rows repeat a cell already in the file "
            "(e.g. a county-free city listed as county and municipality); the first was kept."
        )
        staged = staged.loc[~duplicated].reset_index(drop=True)
    created, updated, unchanged = observations_sync(staged, log, existing=state["existing"])
    if (created or updated) and table.retrieved_at is None and not state.get("retrieved"):
        Dataset.objects.filter(pk=dataset.pk).update(retrieved_at=log.created)
        state["retrieved"] = True
    counts.created += created
    counts.updated += updated
    counts.unchanged += unchanged


def period_date(period: str) -> date:
    """A date for sorting a normalised period: key dates as they are, others at their end."""
    text = str(period)
    try:
        if len(text) == 10 and text[4] == "-":
            return date.fromisoformat(text)
        if len(text) == 4 and text.isdigit():
            return date(int(text), 12, 31)
        if "/" in text:  # school year 2014/15 ends in summer 2015
            start = int(text[:4])
            return date(start + 1, 7, 31)
        if "-Q" in text:
            year, quarter = int(text[:4]), int(text[-1])
            month = quarter * 3
            return (pd.Timestamp(year=year, month=month, day=1) + pd.offsets.MonthEnd(0)).date()
        if len(text) == 7 and text[4] == "-":
            return (pd.Timestamp(text + "-01") + pd.offsets.MonthEnd(0)).date()
    except ValueError:
        pass
    digits = "".join(c for c in text if c.isdigit())[:4]
    return date(int(digits), 12, 31) if len(digits) == 4 else date(1900, 1, 1)


def _dataset_upsert(table: ParsedTable, log: ImportLog, *, code: str, official: bool) -> Dataset:
    """The dataset `code` of a table with what its file says about it; what the file leaves
    open (a licence, a Stand) keeps what is stored, so an edit in the admin survives re-imports.
    An official table marks its dataset official; no import takes that mark away."""
    existing = Dataset.objects.filter(code=code).first()
    if table.source == "GENESIS" and (
        table.copyright or existing is None or existing.source in ("", *FORMER_GENESIS_SOURCES)
    ):
        # The © line names the rights holder; without one the table code tells the database,
        # and an editor's correction of that guess is kept on re-imports.
        found = genesis_provenance(table.dataset_code, table.copyright)
        source, publisher = found.source, found.publisher
    elif table.source and table.source != "GENESIS":
        source = publisher = table.source
    else:
        source = existing.source if existing else ""
        publisher = existing.publisher if existing else ""
    stand = table.stand
    if stand is not None and timezone.is_naive(stand):
        stand = timezone.make_aware(stand)
    values = {
        "title": (table.title or table.statistic_label or code)[:500],
        "source": source[:300],
        "publisher": publisher[:300],
        **_licence_fields(table, existing),
        "stand": stand or (existing.stand if existing else None),
        "notes": "\n\n".join(table.footnotes),
        "format": table.format,
        "region_variable": table.region_variable or "",
        "period_type": table.period_type,
    }
    if table.retrieved_at is not None:
        # The download time a GENESIS flat file's name carries: when it left the publisher.
        values["retrieved_at"] = table.retrieved_at
    elif existing is None or existing.retrieved_at is None:
        # Otherwise the day the data came in, never the table's Stand; a re-import that
        # changes values moves it on (see _import_chunk).
        values["retrieved_at"] = log.created
    if official:
        values["is_official"] = True
    dataset, _created, _changed = upsert(Dataset, {"code": code}, values)
    return dataset


def _licence_fields(table: ParsedTable, existing: Dataset | None) -> dict:
    """Licence name, deed URL and DCAT-AP.de IRI from the file's licence statement."""
    known = licence_from_text(table.licence, table.copyright)
    if known is not None:
        return {"licence": known.name, "licence_url": known.url, "licence_iri": known.dcat}
    if table.licence:  # a licence the registry does not know: its text, links left to an editor
        same = existing is not None and existing.licence == table.licence[:200]
        return {
            "licence": table.licence[:200],
            "licence_url": existing.licence_url if same else "",
            "licence_iri": existing.licence_iri if same else "",
        }
    if existing is not None:
        return {}
    fallback = GENESIS_LICENCE if table.source == "GENESIS" else None
    if fallback is None:
        return {}  # the model's defaults
    return {"licence": fallback.name, "licence_url": fallback.url, "licence_iri": fallback.dcat}


def _regions_sync(dataset: Dataset, keys: dict[str, int]) -> None:
    current = {r.key: r for r in DatasetRegion.objects.filter(dataset=dataset)}
    taken = {r.territory_id: r.key for r in current.values()}
    new = []
    for key, territory_id in keys.items():
        row = current.get(key)
        if row is None:
            if territory_id in taken:
                continue  # the same territory under a second key: the first key stays
            new.append(DatasetRegion(dataset=dataset, key=key, territory_id=territory_id))
            taken[territory_id] = key
        elif row.territory_id != territory_id:
            row.territory_id = territory_id
            row.save(update_fields=["territory"])
    DatasetRegion.objects.bulk_create(new, batch_size=1000)


def _measure_pairs(table: ParsedTable, frame: pd.DataFrame) -> tuple[np.ndarray, list]:
    """Per row an index into the distinct (measure code, unit) pairs of the frame.

    Flat files give each row its unit; other formats give it per measure.
    """
    if "unit" in frame.columns:
        units = frame["unit"].fillna("").astype(str)
    else:
        per_code = {c: (m.unit or "") for c, m in table.measures.items()}
        units = frame["measure"].map(lambda c: per_code.get(str(c), "")).astype(str)
    joined = frame["measure"].astype(str) + "\x1f" + units.str.slice(0, 60)
    codes, uniques = pd.factorize(joined)
    return codes, [tuple(u.split("\x1f", 1)) for u in uniques]


def _measures_sync(table: ParsedTable, pairs: list[tuple[str, str]]) -> dict[tuple, int]:
    """Ids of the measures (code, unit), created where missing."""
    if not pairs:
        pairs = [(c, (m.unit or "")[:60]) for c, m in table.measures.items()]
    codes = sorted({code for code, _unit in pairs})
    existing = set(Measure.objects.filter(code__in=codes).values_list("code", "unit"))
    new = []
    for code, unit in pairs:
        if (code, unit) in existing:
            continue
        info = table.measures.get(code)
        label = (info.label if info else code)[:300]
        new.append(Measure(code=code, label=label, unit=unit))
        existing.add((code, unit))
    Measure.objects.bulk_create(new, ignore_conflicts=True)
    return {
        (code, unit): pk
        for code, unit, pk in Measure.objects.filter(code__in=codes).values_list(
            "code", "unit", "pk"
        )
    }


def _variables_sync(table: ParsedTable) -> None:
    if not table.variables:
        return
    existing = dict(
        Variable.objects.filter(code__in=list(table.variables)).values_list("code", "pk")
    )
    Variable.objects.bulk_create(
        [
            Variable(code=c, label=v.label[:300] or c)
            for c, v in table.variables.items()
            if c not in existing
        ],
        ignore_conflicts=True,
    )
    ids = dict(Variable.objects.filter(code__in=list(table.variables)).values_list("code", "pk"))
    have = set(
        Attribute.objects.filter(variable_id__in=ids.values()).values_list("variable_id", "code")
    )
    Attribute.objects.bulk_create(
        [
            Attribute(variable_id=ids[c], code=a, label=(label or a)[:300])
            for c, v in table.variables.items()
            for a, label in v.attributes.items()
            if (ids[c], a) not in have
        ],
        ignore_conflicts=True,
    )


def _dimension_keys(keys: list[str]) -> dict[str, int]:
    keys = [str(k) for k in keys]
    DimensionKey.objects.bulk_create(
        [DimensionKey(key=k) for k in keys], ignore_conflicts=True, batch_size=1000
    )
    found: dict[str, int] = {}
    for start in range(0, len(keys), 500):
        found.update(
            DimensionKey.objects.filter(key__in=keys[start : start + 500]).values_list("key", "pk")
        )
    return found


# --- observations in bulk ---------------------------------------------------------------------


def observations_sync(
    staged: pd.DataFrame, log: ImportLog, *, existing: pd.DataFrame | None
) -> tuple[int, int, int]:
    """Write `staged` (COLUMNS, ids mapped) of one dataset given what it held before the import
    (`existing`, None for a dataset without observations); (created, updated, unchanged)."""
    if existing is None:
        insert_observations(staged)
        return len(staged), 0, 0
    staged = staged.copy()
    staged["period"] = staged["period"].astype(object)
    merged = staged.merge(existing, on=KEY, how="left", suffixes=("", "_old"))
    is_new = merged["id"].isna().to_numpy()
    old_value = merged["value_old"].to_numpy(np.float64)
    new_value = merged["value"].to_numpy(np.float64)
    same_value = (old_value == new_value) | (np.isnan(old_value) & np.isnan(new_value))
    changed = ~is_new & (
        ~same_value
        | (merged["symbol"].to_numpy() != merged["symbol_old"].to_numpy())
        | (merged["quality"].to_numpy() != merged["quality_old"].to_numpy())
    )
    insert_observations(merged.loc[is_new, COLUMNS])
    if changed.any():
        _update_observations(merged.loc[changed], log)
    n_new, n_changed = int(is_new.sum()), int(changed.sum())
    return n_new, n_changed, len(merged) - n_new - n_changed


def _read_existing(dataset_id: int) -> pd.DataFrame:
    frames = []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, measure_id, territory_id, period, dimension_key_id, value, symbol, quality "
            "FROM monitoring_observation WHERE dataset_id = %s",
            [dataset_id],
        )
        while rows := cursor.fetchmany(100_000):
            frames.append(
                pd.DataFrame.from_records(
                    rows,
                    columns=["id", *KEY, "value_old", "symbol_old", "quality_old"],
                    coerce_float=True,
                )
            )
    frame = pd.concat(frames, ignore_index=True)
    frame["value_old"] = frame["value_old"].astype(np.float64)
    return frame


def _plain_columns(frame: pd.DataFrame) -> list[list]:
    """Columns as Python lists for executemany (NaN → None, dates → ISO text)."""
    out = []
    for column in COLUMNS:
        series = frame[column]
        if column == "value":
            values = series.to_numpy(np.float64).astype(object)
            values[np.isnan(series.to_numpy(np.float64))] = None
            out.append(values.tolist())
        elif column == "period_date":
            out.append(np.datetime_as_string(series.to_numpy("datetime64[D]"), unit="D").tolist())
        elif column == "period":
            out.append(series.astype(str).tolist())
        else:
            out.append(series.tolist())
    return out


def insert_observations(frame: pd.DataFrame) -> None:
    if frame.empty:
        return
    # In key order the unique index grows at its end instead of at random places.
    frame = frame.sort_values(["measure_id", "territory_id", "period", "dimension_key_id"])
    if connection.vendor == "postgresql":
        _copy_observations(frame)
        return
    sql = (
        f"INSERT INTO monitoring_observation ({', '.join(COLUMNS)}) "  # noqa: S608
        f"VALUES ({', '.join(['%s'] * len(COLUMNS))})"
    )
    with connection.cursor() as cursor:
        for start in range(0, len(frame), BATCH):
            columns = _plain_columns(frame.iloc[start : start + BATCH])
            cursor.executemany(sql, list(zip(*columns, strict=True)))


def _copy_observations(frame: pd.DataFrame) -> None:
    """PostgreSQL COPY from CSV written by pyarrow: no per-row Python at all."""
    # heavy: only the PostgreSQL COPY path needs pyarrow
    import pyarrow as pa
    import pyarrow.csv as pv

    sql = f"COPY monitoring_observation ({', '.join(COLUMNS)}) FROM STDIN WITH (FORMAT csv)"
    with connection.cursor() as cursor, cursor.copy(sql) as copy:
        for start in range(0, len(frame), 200_000):
            part = frame.iloc[start : start + 200_000]
            value = part["value"].to_numpy(np.float64)
            arrays = [
                pa.array(part["dataset_id"].to_numpy(np.int64)),
                pa.array(part["measure_id"].to_numpy(np.int64)),
                pa.array(part["territory_id"].to_numpy(np.int64)),
                pa.array(part["period"].astype(str).to_numpy(object), pa.string()),
                pa.array(part["period_date"].to_numpy("datetime64[D]")),
                pa.array(part["dimension_key_id"].to_numpy(np.int64)),
                pa.array(value, mask=np.isnan(value)),
                pa.array(part["symbol"].to_numpy(object), pa.string()),
                pa.array(part["quality"].to_numpy(object), pa.string()),
            ]
            buffer = io.BytesIO()
            pv.write_csv(
                pa.Table.from_arrays(arrays, names=COLUMNS),
                buffer,
                write_options=pv.WriteOptions(include_header=False, quoting_style="needed"),
            )
            copy.write(buffer.getvalue())


def _update_observations(changed: pd.DataFrame, log: ImportLog) -> None:
    ids = changed["id"].astype(np.int64).tolist()

    def plain(column):
        values = changed[column].to_numpy(np.float64).astype(object)
        values[np.isnan(changed[column].to_numpy(np.float64))] = None
        return values.tolist()

    new_value, old_value = plain("value"), plain("value_old")
    symbol, quality = changed["symbol"].tolist(), changed["quality"].tolist()
    old_symbol, old_quality = changed["symbol_old"].tolist(), changed["quality_old"].tolist()
    with connection.cursor() as cursor:
        cursor.executemany(
            "UPDATE monitoring_observation SET value = %s, symbol = %s, quality = %s WHERE id = %s",
            list(zip(new_value, symbol, quality, ids, strict=True)),
        )
        if log.dry_run or log.pk is None:
            return
        cursor.executemany(
            "INSERT INTO monitoring_revision (observation_id, import_log_id, old_value, old_symbol, "  # noqa: E501
            "old_quality, new_value, new_symbol, new_quality) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",  # noqa: E501
            [
                (i, log.pk, ov, os_, oq, nv, ns, nq)
                for i, ov, os_, oq, nv, ns, nq in zip(
                    ids, old_value, old_symbol, old_quality, new_value, symbol, quality, strict=True
                )
            ],
        )
