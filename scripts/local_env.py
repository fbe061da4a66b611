"""Write the local development `.env` that `make run` needs, once: DEBUG on and a key of its own.

With it every `.venv/bin/bildungsnetz …` command works after `make run` as the README prints
it. The file is ignored by git; an existing one keeps its values and only gains what is
missing. Production sets its own environment and still refuses to start without a real key.
"""

from __future__ import annotations

import secrets
import sys
from pathlib import Path

TEMPLATE = """\
# Local development settings written by `make run` (scripts/local_env.py); not for production.
# Every setting is listed in .env.example.
DEBUG=true
SECRET_KEY={key}
"""


def main(path: str = ".env") -> int:
    target = Path(path)
    if not target.exists():
        target.write_text(TEMPLATE.format(key=secrets.token_urlsafe(50)), encoding="utf-8")
        target.chmod(0o600)
        print(f"wrote {target} (DEBUG=true and a generated SECRET_KEY for this checkout)")
        return 0
    # A .env of the developer's own (often a copy of .env.example, whose SECRET_KEY is empty):
    # keep every value they set, add only what the CLI cannot start without.
    lines = target.read_text(encoding="utf-8").splitlines()
    names = {line.partition("=")[0].strip(): line for line in lines if "=" in line}
    added = []
    if not names.get("SECRET_KEY", "").partition("=")[2].strip():
        lines = [line for line in lines if line.partition("=")[0].strip() != "SECRET_KEY"]
        lines.append(f"SECRET_KEY={secrets.token_urlsafe(50)}")
        added.append("a generated SECRET_KEY")
    if "DEBUG" not in names:
        lines.append("DEBUG=true")
        added.append("DEBUG=true")
    if added:
        target.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"added {' and '.join(added)} to {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:2]))
