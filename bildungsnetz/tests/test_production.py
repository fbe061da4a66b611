"""The production set-up (#19): readiness, request ids in JSON logs, the read-replica router,
settings from the environment (replicas, pooling, S3) and private files on S3."""

from __future__ import annotations

import io
import json
import logging
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connections
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from bildungsnetz import db_router, health
from bildungsnetz.logging import RequestContextFilter, accepted_request_id
from cooperation.tests.factories import AgreementFactory, PartnershipFactory, TerritoryFactory

# --- readiness -------------------------------------------------------------------------------


@pytest.fixture
def fresh_migration_check(monkeypatch):
    monkeypatch.setattr(health, "_migrations_current", False)


def test_readyz_reports_every_check_ok(client, db, fresh_migration_check):
    response = client.get(reverse("readyz"))
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {
        "database",
        "migrations",
        "cache",
        "page_cache",
        "media_storage",
        "task_queue",
    }
    assert all(check["ok"] for check in body["checks"].values())
    assert "no-cache" in response["Cache-Control"]


def test_readyz_is_503_when_the_cache_loses_what_it_stored(client, db, monkeypatch):
    monkeypatch.setattr(health.caches["default"], "get", lambda key, default=None: None)
    response = client.get(reverse("readyz"))
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["cache"] == {
        "ok": False,
        "error": "the cache did not return what was stored",
    }
    assert body["checks"]["database"] == {"ok": True}


def test_readyz_is_503_while_migrations_are_pending(client, db, monkeypatch, fresh_migration_check):
    monkeypatch.setattr(MigrationExecutor, "migration_plan", lambda self, targets: [("m", False)])
    response = client.get(reverse("readyz"))
    assert response.status_code == 503
    assert response.json()["checks"]["migrations"] == {
        "ok": False,
        "error": "1 migrations not applied",
    }


def test_readyz_is_503_when_media_storage_is_not_writable_and_hides_the_details(
    client, db, monkeypatch
):
    def full_disk(name, content, max_length=None):
        raise OSError(28, "No space left on device: /srv/secret/path")

    monkeypatch.setattr(default_storage, "save", full_disk)
    response = client.get(reverse("readyz"))
    assert response.status_code == 503
    assert response.json()["checks"]["media_storage"] == {"ok": False, "error": "OSError"}
    assert b"/srv/secret" not in response.content


def test_readyz_leaves_no_probe_file_in_media_storage(client, db):
    client.get(reverse("readyz"))
    directories, files = default_storage.listdir("readyz")
    assert files == []


def test_probes_are_not_redirected_to_https(client, db, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get(reverse("readyz")).status_code == 200
    assert client.get(reverse("healthz")).status_code == 200
    assert client.get(reverse("home")).status_code == 301


# --- request ids and logs --------------------------------------------------------------------


@pytest.fixture
def log_lines():
    """What the configured console handler (JSON with DEBUG off) writes, line by line."""
    handler = next(
        h
        for h in logging.getLogger().handlers
        if any(isinstance(f, RequestContextFilter) for f in h.filters)
    )
    stream = io.StringIO()
    previous = handler.setStream(stream)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines() if line]
    handler.setStream(previous)


def test_the_request_id_header_round_trips(client, db):
    response = client.get(reverse("healthz"), headers={"X-Request-ID": "nginx-3f2a9c"})
    assert response["X-Request-ID"] == "nginx-3f2a9c"


def test_a_request_without_an_id_gets_a_new_one(client, db):
    first = client.get(reverse("healthz"))["X-Request-ID"]
    second = client.get(reverse("healthz"))["X-Request-ID"]
    assert len(first) == 32 and first != second


@pytest.mark.parametrize(
    "forged",
    [
        "abc\nINFO forged log line",
        "a" * 129,
        "<script>",
        "",
        "id with spaces",
        '"quoted"',
    ],
)
def test_a_malformed_request_id_is_replaced(forged):
    replaced = accepted_request_id(forged)
    assert replaced != forged
    assert len(replaced) == 32 and replaced.isalnum()


def test_a_requests_log_records_carry_its_id_as_json(client, db, log_lines, monkeypatch):
    def failing():
        raise OSError("disk on fire")

    monkeypatch.setitem(health.CHECKS, "media_storage", failing)
    client.get(reverse("readyz"), headers={"X-Request-ID": "req-42"})
    lines = log_lines()
    warning = next(line for line in lines if line["logger"] == "bildungsnetz.health")
    assert warning["request_id"] == "req-42"
    assert warning["level"] == "WARNING"
    assert "timestamp" in warning
    access = next(line for line in lines if line["logger"] == "bildungsnetz.access")
    assert access["request_id"] == "req-42"
    assert access["method"] == "GET"
    assert access["path"] == reverse("readyz")
    assert access["status"] == 503
    assert isinstance(access["duration_ms"], float)


def test_djangos_own_log_line_of_a_404_carries_the_request_id(client, db, log_lines):
    client.get("/gibt-es-nicht/", headers={"X-Request-ID": "req-404"})
    line = next(line for line in log_lines() if line["logger"] == "django.request")
    assert line["request_id"] == "req-404"


def test_log_records_outside_requests_have_no_request_id(client, db, log_lines):
    client.get(reverse("healthz"))
    logging.getLogger("bildungsnetz.test").warning("outside")
    assert log_lines()[-1]["request_id"] == "-"


def test_json_log_timestamps_are_iso_8601_in_utc(log_lines):
    logging.getLogger("bildungsnetz.test").warning("when")
    assert log_lines()[-1]["timestamp"].endswith("+00:00")


# --- the read-replica router -----------------------------------------------------------------


@pytest.fixture
def replicas(settings):
    settings.DATABASE_REPLICAS = ["replica_1", "replica_2"]
    settings.REPLICA_PIN_SECONDS = 10
    return db_router.ReplicaRouter()


def _in_request(router_check, *, method="GET", cookies=None):
    """Runs `router_check(router)` inside PinToPrimaryMiddleware; (result, response)."""
    router = db_router.ReplicaRouter()
    seen = {}

    def view(request):
        seen["result"] = router_check(router)
        return HttpResponse()

    request = getattr(RequestFactory(), method.lower())("/")
    request.COOKIES.update(cookies or {})
    response = db_router.PinToPrimaryMiddleware(view)(request)
    return seen["result"], response


def test_reads_of_an_anonymous_get_go_to_a_replica(replicas):
    alias, response = _in_request(lambda router: router.db_for_read(None))
    assert alias in {"replica_1", "replica_2"}
    assert db_router.PIN_COOKIE not in response.cookies


def test_one_request_reads_from_one_replica(replicas):
    aliases, _ = _in_request(lambda router: {router.db_for_read(None) for _ in range(20)})
    assert len(aliases) == 1


def test_writes_go_to_the_primary_and_pin_the_requests_later_reads(replicas):
    def write_then_read(router):
        return router.db_for_read(None), router.db_for_write(None), router.db_for_read(None)

    (before, write, after), response = _in_request(write_then_read)
    assert before.startswith("replica_")
    assert (write, after) == ("default", "default")
    # The client's next requests read on the primary too.
    assert response.cookies[db_router.PIN_COOKIE]["max-age"] == 10


def test_a_post_reads_on_the_primary_and_pins_the_client(replicas):
    alias, response = _in_request(lambda router: router.db_for_read(None), method="POST")
    assert alias == "default"
    assert db_router.PIN_COOKIE in response.cookies


def test_reads_stay_on_the_primary_while_the_pin_cookie_is_fresh(replicas):
    fresh = {db_router.PIN_COOKIE: str(int(time.time()) + 5)}
    alias, _ = _in_request(lambda router: router.db_for_read(None), cookies=fresh)
    assert alias == "default"


def test_reads_return_to_the_replicas_when_the_pin_expired_or_is_garbage(replicas):
    for value in (str(int(time.time()) - 1), "not-a-time"):
        alias, _ = _in_request(
            lambda router: router.db_for_read(None), cookies={db_router.PIN_COOKIE: value}
        )
        assert alias.startswith("replica_")


def test_reads_inside_a_transaction_go_to_the_primary(replicas):
    connection = connections["default"]
    previous = connection.in_atomic_block
    connection.in_atomic_block = True
    try:
        alias, _ = _in_request(lambda router: router.db_for_read(None))
    finally:
        connection.in_atomic_block = previous
    assert alias == "default"


def test_outside_requests_reads_go_to_the_primary(replicas):
    # Commands, the task worker and the scheduler read what they just wrote.
    assert replicas.db_for_read(None) == "default"


def test_without_replicas_everything_goes_to_the_primary(settings):
    settings.DATABASE_REPLICAS = []
    alias, _ = _in_request(lambda router: router.db_for_read(None))
    assert alias == "default"


def test_migrations_run_only_on_the_primary(replicas):
    assert replicas.allow_migrate("default", "actors")
    assert not replicas.allow_migrate("replica_1", "actors")


# --- settings from the environment ----------------------------------------------------------

PRINT_SETTINGS = """
import json, django
django.setup()
from django.conf import settings
print(json.dumps({
    "aliases": sorted(settings.DATABASES),
    "replica_test": settings.DATABASES.get("replica_1", {}).get("TEST"),
    "replica_host": settings.DATABASES.get("replica_1", {}).get("HOST"),
    "routers": getattr(settings, "DATABASE_ROUTERS", []),
    "pin_middleware": "bildungsnetz.db_router.PinToPrimaryMiddleware" in settings.MIDDLEWARE,
    "health_checks": settings.DATABASES["default"]["CONN_HEALTH_CHECKS"],
    "media": settings.STORAGES["default"],
    "log_formatter": settings.LOGGING["handlers"]["console"]["formatter"],
}))
"""


def _settings_in_production(tmp_path, **variables: str) -> subprocess.CompletedProcess:
    env = {
        "PATH": os.environ.get("PATH", ""),
        "DJANGO_SETTINGS_MODULE": "bildungsnetz.settings",
        "SECRET_KEY": "x" * 50,
        "DEBUG": "false",
        "BILDUNGSNETZ_DOTENV": str(tmp_path / "none.env"),
        "BILDUNGSNETZ_VAR_DIR": str(tmp_path),
        **variables,
    }
    return subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_production_settings_add_replicas_the_router_s3_and_json_logs(tmp_path):
    result = _settings_in_production(
        tmp_path,
        DATABASE_URL="postgresql://app@db1:5432/bildungsnetz",
        DATABASE_REPLICA_URLS="postgresql://app@db2:5432/bildungsnetz, postgresql://app@db3/bn",
        AWS_STORAGE_BUCKET_NAME="bildungsnetz-media",
        AWS_S3_ENDPOINT_URL="https://s3.rechenzentrum.example",
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert found["aliases"] == ["default", "replica_1", "replica_2"]
    assert found["replica_host"] == "db2"
    assert found["replica_test"]["MIRROR"] == "default"
    assert found["routers"] == ["bildungsnetz.db_router.ReplicaRouter"]
    assert found["pin_middleware"]
    assert found["health_checks"] is True
    assert found["media"]["BACKEND"] == "storages.backends.s3.S3Storage"
    assert found["media"]["OPTIONS"]["default_acl"] == "private"
    assert found["media"]["OPTIONS"]["querystring_auth"] is True
    assert found["log_formatter"] == "json"


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"DATABASE_REPLICA_URLS": "postgresql://app@db2/bn"}, "needs a PostgreSQL"),
        ({"STORAGE_BACKEND": "s3"}, "needs AWS_STORAGE_BUCKET_NAME"),
        (
            {"AWS_STORAGE_BUCKET_NAME": "media", "MEDIA_SENDFILE": "x-sendfile"},
            "MEDIA_SENDFILE must be one of",
        ),
        ({"LOG_FORMAT": "xml"}, "LOG_FORMAT must be json or plain"),
    ],
)
def test_production_settings_refuse_inconsistent_variables(tmp_path, variables, message):
    result = _settings_in_production(tmp_path, **variables)
    assert result.returncode != 0
    assert message in result.stderr


# --- private files on S3 ---------------------------------------------------------------------


@pytest.fixture
def s3_redirect(settings, monkeypatch):
    """MEDIA_SENDFILE=redirect, with the storage's presigned URL stood in for."""
    settings.MEDIA_SENDFILE = "redirect"
    asked = []

    def presigned(name, parameters=None, expire=None):
        asked.append((name, parameters))
        return f"https://s3.example/bucket/{name}?X-Amz-Signature=abc&X-Amz-Expires=60"

    monkeypatch.setattr(default_storage, "url", presigned)
    return asked


def _agreement(*, is_public: bool):
    a, b = TerritoryFactory(), TerritoryFactory()
    partnership = PartnershipFactory(parties=[a, b])
    agreement = AgreementFactory(partnership=partnership, is_public=is_public)
    agreement.document.save("vertrag.pdf", ContentFile(b"%PDF-1.4"))
    return agreement


def _media_url(agreement) -> str:
    # Not document.url: that asks the (stood-in) storage for its URL.
    return reverse("media", kwargs={"name": agreement.document.name})


def test_a_permitted_file_redirects_to_a_short_lived_presigned_url(client, db, s3_redirect):
    agreement = _agreement(is_public=True)
    response = client.get(_media_url(agreement))
    assert response.status_code == 302
    assert "X-Amz-Signature" in response["Location"]
    name, parameters = s3_redirect[0]
    assert name == agreement.document.name
    assert parameters["ResponseContentDisposition"].startswith("attachment;")
    assert "private" in response["Cache-Control"]


def test_a_private_file_gets_no_presigned_url_without_permission(client, db, s3_redirect):
    agreement = _agreement(is_public=False)
    response = client.get(_media_url(agreement))
    assert response.status_code == 404
    assert s3_redirect == []


# --- the dependency audit of CI ---------------------------------------------------------------

sys.path.insert(0, str(Path(django_settings.BASE_DIR) / "scripts"))
import dependency_audit  # noqa: E402 - a script folder, not a package


def test_the_dependency_audit_fails_on_a_known_vulnerability(monkeypatch, capsys):
    report = {
        "dependencies": [
            {
                "name": "django",
                "version": "5.2.0",
                "vulns": [{"id": "PYSEC-1", "fix_versions": ["5.2.1"]}],
            },
            {"name": "bildungsnetz", "skip_reason": "not on PyPI"},
        ]
    }
    monkeypatch.setattr(
        dependency_audit.subprocess,
        "run",
        lambda *a, **k: subprocess.CompletedProcess(a, 1, json.dumps(report), ""),
    )
    assert dependency_audit.main([]) == 1
    assert "django 5.2.0: PYSEC-1 (fixed in 5.2.1)" in capsys.readouterr().out


def test_the_dependency_audit_only_warns_when_the_service_is_unreachable(monkeypatch, capsys):
    def unreachable(*args, **kwargs):
        raise subprocess.TimeoutExpired(args, 120)

    monkeypatch.setattr(dependency_audit.subprocess, "run", unreachable)
    assert dependency_audit.main([]) == 0
    assert capsys.readouterr().out.startswith("WARNING")
    skipped = {"dependencies": [{"name": "django", "skip_reason": "could not be audited"}]}
    monkeypatch.setattr(
        dependency_audit.subprocess,
        "run",
        lambda *a, **k: subprocess.CompletedProcess(a, 1, json.dumps(skipped), ""),
    )
    assert dependency_audit.main([]) == 0
    assert "WARNING" in capsys.readouterr().out


def test_every_variable_the_settings_read_is_listed_in_env_example():
    base = Path(django_settings.BASE_DIR)
    source = (base / "bildungsnetz" / "settings.py").read_text(encoding="utf-8")
    read = set(re.findall(r"\benv(?:bool|int|list)?\(\s*\"([A-Z0-9_]+)\"", source))
    read |= set(re.findall(r"os\.environ\.get\(\s*\"([A-Z0-9_]+)\"", source))
    example = (base / ".env.example").read_text(encoding="utf-8")
    listed = set(re.findall(r"^#?\s*([A-Z0-9_]+)=", example, flags=re.MULTILINE))
    assert "DATABASE_REPLICA_URLS" in read
    assert read - listed == set()
