"""`bildungsnetz serve` with DEBUG off: collected static files and gunicorn (#11, finding 8).

Under the test runner DEBUG is off, so `serve` takes its production path here; the server
process is replaced by a stub that records its command line instead of binding a port.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from django.core.management import call_command
from django.urls import get_resolver, reverse

from bildungsnetz import serving

MANIFEST_STORAGE = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # The production storage without whitenoise's compression, which only costs time here:
    # the manifest, whose absence made every page a 500, is the same.
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}


class FakeProcess:
    started: list[list[str]] = []

    def __init__(self, argv, *args, **kwargs):
        self.argv = list(argv)
        FakeProcess.started.append(self.argv)
        self.returncode = None

    def wait(self, timeout=None):
        self.returncode = 0
        return 0

    def poll(self):
        return self.returncode

    def terminate(self):
        self.returncode = -15


@pytest.fixture
def no_processes(monkeypatch):
    """Record the processes `serve` starts, and the development server, instead of running them."""
    from django.core.management.commands import runserver

    # Load every URL module first, with the real subprocess: a library imported on the way
    # (WeasyPrint, for the reports' and surveys' PDFs) may start a process when it loads.
    get_resolver().url_patterns  # noqa: B018 - loading is the point
    FakeProcess.started = []
    monkeypatch.setattr(subprocess, "Popen", FakeProcess)
    monkeypatch.setattr(
        runserver.Command,
        "handle",
        lambda self, *args, **options: FakeProcess.started.append(
            ["runserver", options["addrport"]]
        ),
    )
    return FakeProcess.started


@pytest.fixture
def production_static(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = MANIFEST_STORAGE
    return settings.STATIC_ROOT


@pytest.fixture
def small_static(settings, tmp_path, production_static):
    """A static tree of two files, so that collecting takes no time."""
    source = tmp_path / "source"
    source.mkdir()
    (source / "site.css").write_text('body { background: url("logo.svg"); }\n')
    (source / "logo.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>\n")
    settings.STATICFILES_DIRS = [source]
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    return source


def test_serve_without_debug_collects_static_files_so_pages_answer_200(
    client, db, production_static, no_processes
):
    with pytest.raises(ValueError, match="Missing staticfiles manifest entry"):
        client.get("/")  # what every page did before collectstatic had run
    call_command("serve", "127.0.0.1:8765", "--no-worker")
    assert (production_static / "staticfiles.json").is_file()
    for url in (
        "/",
        reverse("actors:organisation_list"),
        reverse("cooperation:partnership_list"),
        reverse("offers:offer_list"),
        reverse("places:territory_list"),
    ):
        assert client.get(url).status_code == 200, url


def test_serve_runs_gunicorn_with_several_workers_without_debug_and_runserver_with_debug(
    db, settings, small_static, no_processes, monkeypatch
):
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    call_command("serve", "127.0.0.1:8765")
    server = next(argv for argv in no_processes if "gunicorn" in argv)
    assert server[:4] == [sys.executable, "-m", "gunicorn", "bildungsnetz.wsgi:application"]
    assert server[server.index("--bind") + 1] == "127.0.0.1:8765"
    assert int(server[server.index("--workers") + 1]) >= 3
    assert "--no-control-socket" in server
    helpers = [argv[-1] for argv in no_processes if "bildungsnetz.cli" in argv]
    assert helpers == ["db_worker", "scheduler"]
    assert ["runserver", "127.0.0.1:8765"] not in no_processes

    no_processes.clear()
    settings.DEBUG = True
    call_command("serve", "127.0.0.1:8000", "--no-worker")
    assert no_processes == [["runserver", "127.0.0.1:8000"]]


def test_serve_takes_the_worker_count_from_the_option_or_web_concurrency(
    db, small_static, no_processes, monkeypatch
):
    monkeypatch.setenv("WEB_CONCURRENCY", "4")
    call_command("serve", "8000", "--no-worker")
    call_command("serve", "8000", "--no-worker", "--workers", "2")
    first, second = no_processes
    assert first[first.index("--workers") + 1] == "4"
    assert first[first.index("--bind") + 1] == "127.0.0.1:8000"
    assert second[second.index("--workers") + 1] == "2"


def test_collecting_static_files_is_done_once_until_a_source_changes(small_static):
    assert serving.prepare_static() is True
    assert serving.prepare_static() is False
    css = small_static / "site.css"
    css.write_text("body { color: black; }\n")
    assert serving.prepare_static() is True
    assert serving.prepare_static() is False


def test_collecting_again_after_the_manifest_was_lost(small_static, production_static):
    serving.prepare_static()
    (production_static / "staticfiles.json").unlink()
    assert serving.prepare_static() is True
    assert (production_static / "staticfiles.json").is_file()
