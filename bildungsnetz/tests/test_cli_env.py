"""After `make run`, the README's commands work as printed, without extra variables."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

sys.path.insert(0, str(Path(settings.BASE_DIR) / "scripts"))
import local_env  # noqa: E402 - a script folder, not a package

CLI = Path(sys.executable).parent / "bildungsnetz"


def _run_cli(tmp_path: Path, *args: str, **extra: str) -> subprocess.CompletedProcess:
    """The console command as a user's shell runs it: no DEBUG, no key, not under pytest."""
    env = {
        **extra,
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "BILDUNGSNETZ_DOTENV": str(tmp_path / ".env"),
        "BILDUNGSNETZ_VAR_DIR": str(tmp_path / "var"),
    }
    (tmp_path / "var").mkdir(exist_ok=True)
    return subprocess.run(
        [str(CLI), *args], env=env, capture_output=True, text=True, timeout=120, check=False
    )


def test_the_cli_works_after_make_run_wrote_the_local_env(tmp_path):
    local_env.main(str(tmp_path / ".env"))
    result = _run_cli(tmp_path, "check")
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_empty_debug_and_key_variables_count_as_unset(tmp_path):
    # A shell that exports them empty (`export DEBUG= SECRET_KEY=`) still gets the local .env.
    local_env.main(str(tmp_path / ".env"))
    result = _run_cli(tmp_path, "check", DEBUG="", SECRET_KEY="")
    assert result.returncode == 0, result.stderr


def test_the_cli_still_refuses_to_start_without_a_key_and_without_the_local_env(tmp_path):
    result = _run_cli(tmp_path, "check")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_the_local_env_is_written_once_with_a_key_of_its_own(tmp_path):
    first, second = tmp_path / "a.env", tmp_path / "b.env"
    local_env.main(str(first))
    local_env.main(str(second))
    text = first.read_text()
    assert "DEBUG=true" in text
    assert text != second.read_text()  # a generated key, not a shared one
    first.write_text("DEBUG=true\nSECRET_KEY=kept\n")
    local_env.main(str(first))
    assert first.read_text() == "DEBUG=true\nSECRET_KEY=kept\n"


def test_an_own_env_without_a_key_gains_one_and_keeps_its_values(tmp_path):
    # A user who wrote a .env before `make run` (an empty SECRET_KEY, as in .env.example):
    # make run must still leave the CLI working, without overwriting what they set.
    (tmp_path / ".env").write_text("SITE_URL=http://127.0.0.1:8000\nSECRET_KEY=\n", "utf-8")
    local_env.main(str(tmp_path / ".env"))
    lines = (tmp_path / ".env").read_text("utf-8").splitlines()
    assert lines[0] == "SITE_URL=http://127.0.0.1:8000"
    keys = [line for line in lines if line.startswith("SECRET_KEY=")]
    assert len(keys) == 1 and len(keys[0]) > 40
    assert "DEBUG=true" in lines
    result = _run_cli(tmp_path, "check")
    assert result.returncode == 0, result.stderr
