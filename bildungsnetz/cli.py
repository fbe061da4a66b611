"""The `bildungsnetz` console command: one entry point for every management command.

`bildungsnetz serve` runs the web server and the background worker together;
`bildungsnetz demo`, `bildungsnetz import genesis FILE`, `bildungsnetz indices FILE …` and every
other Django management command are passed through unchanged.
"""

from __future__ import annotations

import os
import sys

from django.core.management import execute_from_command_line

ALIASES = {
    # `bildungsnetz import genesis FILE` reads better than the command module name.
    "import": "import_data",
    "export": "export_data",
}


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bildungsnetz.settings")
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in ALIASES:
        args[0] = ALIASES[args[0]]
    execute_from_command_line(["bildungsnetz", *args])


if __name__ == "__main__":
    main()
