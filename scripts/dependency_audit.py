"""The dependency audit of CI: pip-audit over the locked environment (.venv is built from
uv.lock with `uv sync --frozen`), against the PyPI/OSV vulnerability data.

A known vulnerability in any installed package fails the run. A vulnerability service that
cannot be reached (no network, a mirror without the vulnerability data, a timeout) is a
warning, not a failure: CI must neither hang nor fail for someone else's outage. The audit is
bounded by --timeout seconds.

    .venv/bin/python scripts/dependency_audit.py [--timeout 120]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PIP_AUDIT = Path(sys.executable).parent / "pip-audit"
# Vulnerability ids accepted on purpose, each with its reason (none at present).
ACCEPTED: dict[str, str] = {}


def summarise(report: dict) -> tuple[list[str], int, int]:
    """(findings as lines, packages audited, packages that could not be audited)."""
    findings, audited, skipped = [], 0, 0
    for dependency in report.get("dependencies", []):
        if "skip_reason" in dependency:
            skipped += 1
            continue
        audited += 1
        for vuln in dependency.get("vulns", []):
            if vuln["id"] in ACCEPTED:
                continue
            fixed = ", ".join(vuln.get("fix_versions", [])) or "no fixed version yet"
            findings.append(
                f"{dependency['name']} {dependency['version']}: {vuln['id']} (fixed in {fixed})"
            )
    return findings, audited, skipped


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--timeout", type=float, default=120.0)
    options = parser.parse_args(argv)
    command = [str(PIP_AUDIT), "--local", "--format", "json", "--progress-spinner", "off"]
    try:
        result = subprocess.run(  # noqa: S603 - the venv's pip-audit, fixed arguments
            command, cwd=ROOT, capture_output=True, text=True, timeout=options.timeout, check=False
        )
    except subprocess.TimeoutExpired:
        print(f"WARNING: dependency audit skipped: no answer within {options.timeout:.0f} s")
        return 0
    try:
        report = json.loads(result.stdout)
    except ValueError:
        reason = (result.stderr.strip().splitlines() or ["no output"])[-1]
        print(f"WARNING: dependency audit skipped: the vulnerability service failed: {reason}")
        return 0
    findings, audited, skipped = summarise(report)
    for line in findings:
        print(f"VULNERABLE: {line}")
    if findings:
        print(f"dependency audit: {len(findings)} known vulnerabilities; update the lock.")
        return 1
    if not audited:
        print(
            f"WARNING: dependency audit skipped: none of {skipped} packages could be looked up "
            "(is the vulnerability service reachable?)"
        )
        return 0
    print(f"dependency audit: {audited} packages, no known vulnerability ({skipped} not on PyPI)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
