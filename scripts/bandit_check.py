"""Bandit over the project's packages; every finding must be justified where it is.

Ruff's S rules are bandit's checks under other names (B608 is S608, B703 is S308, …), and the
code already justifies each accepted finding for ruff: `# noqa: S608 - fixed column list` on
the statement, or a per-file ignore with its reason in pyproject.toml. Bandit does not read
those, so this script runs bandit and accepts a finding if
- one of the statement's lines says `# noqa: S<n>` or `# nosec B<n>` for it, or
- pyproject.toml's ruff configuration ignores S<n> for that file (per-file or project-wide).
Anything else fails the run, with bandit's description of it. Tests and migrations are not
scanned (test data holds fake secrets and asserts by design).

    .venv/bin/python scripts/bandit_check.py
"""

from __future__ import annotations

import fnmatch
import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Every package the project ships (pyproject's wheel list, one place for it) and the scripts.
PACKAGES = [
    *tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["hatch"]["build"]["targets"][
        "wheel"
    ]["packages"],
    "scripts",
]
EXCLUDE = "*/tests/*,*/migrations/*"
# Not findings in themselves: importing subprocess (every call of it is checked as B603/B607).
SKIP = "B404"
# Bandit codes whose ruff rule has another number.
RUFF_CODE = {"B703": "S308"}


def ruff_code(test_id: str) -> str:
    return RUFF_CODE.get(test_id, "S" + test_id[1:])


def ruff_ignores() -> tuple[set[str], dict[str, set[str]]]:
    lint = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["ruff"]["lint"]
    per_file = {pattern: set(codes) for pattern, codes in lint.get("per-file-ignores", {}).items()}
    return set(lint.get("ignore", [])), per_file


def justified(finding: dict, lines: list[str], ignored: set[str], per_file: dict) -> bool:
    test_id = finding["test_id"]
    code = ruff_code(test_id)
    if code in ignored:
        return True
    path = Path(finding["filename"]).as_posix()
    if any(fnmatch.fnmatch(path, pattern) and code in codes for pattern, codes in per_file.items()):
        return True
    noqa = re.compile(rf"#\s*(noqa:[^#]*\b{code}\b|nosec\b[^#]*\b{test_id}\b)")
    return any(noqa.search(lines[number - 1]) for number in finding["line_range"])


def main() -> int:
    result = subprocess.run(  # noqa: S603 - our own interpreter and fixed arguments
        [sys.executable, "-m", "bandit", "-q", "-r", *PACKAGES, "-x", EXCLUDE, "-s", SKIP]
        + ["-f", "json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        report = json.loads(result.stdout)
    except ValueError:
        sys.stderr.write(result.stdout + result.stderr)
        return 2
    if report.get("errors"):
        sys.stderr.write(json.dumps(report["errors"], indent=2) + "\n")
        return 2
    ignored, per_file = ruff_ignores()
    unjustified = []
    accepted = 0
    for finding in report["results"]:
        lines = (ROOT / finding["filename"]).read_text(encoding="utf-8").splitlines()
        if justified(finding, lines, ignored, per_file):
            accepted += 1
        else:
            unjustified.append(finding)
    for finding in unjustified:
        print(
            f"{finding['filename']}:{finding['line_number']}: {finding['test_id']} "
            f"({finding['issue_severity'].lower()}) {finding['issue_text']}"
        )
    scanned = report["metrics"]["_totals"]["loc"]
    print(
        f"bandit: {scanned} lines, {accepted} findings justified in the code, "
        f"{len(unjustified)} not"
    )
    if unjustified:
        print("Fix them, or justify each on its line: `# nosec BXXX - why it is safe`.")
    return 1 if unjustified else 0


if __name__ == "__main__":
    sys.exit(main())
