"""Write the local development `.env` that `make run` needs, once: DEBUG on and a key of its own.

With it every `.venv/bin/bildungsnetz …` command works after `make run` as the README prints
it. The file is ignored by git and never overwritten; production sets its own environment and
still refuses to start without a real SECRET_KEY.
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
    if target.exists():
        return 0
    target.write_text(TEMPLATE.format(key=secrets.token_urlsafe(50)), encoding="utf-8")
    target.chmod(0o600)
    print(f"wrote {target} (DEBUG=true and a generated SECRET_KEY for this checkout)")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:2]))
