"""Refresh one app's German catalogue and fill in translations from a JSON file, then compile.

    flock /tmp/bildungsnetz-po.lock .venv/bin/python scripts/i18n_fill.py APP [TRANSLATIONS.json]

`APP` is an app folder with a `locale/` (or `.` for the project catalogue under `locale/`).
The JSON maps English msgids to German msgstrs; entries for msgids that no source uses any more
are ignored. Run under flock when several people work in one tree: makemessages rewrites the
whole catalogue, so two runs at once would lose each other's work.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
DJANGO_ADMIN = ROOT / ".venv" / "bin" / "django-admin"
IGNORE = ["--ignore=.venv", "--ignore=static/vendor", "--ignore=var", "--ignore=node_modules"]
# Templates an app owns that live in the project's templates/ folder: allauth's screens, which
# only the project's template folder can override (allauth comes before accounts in
# INSTALLED_APPS, so its own templates would win over accounts/templates/):
# linked into the app folder while makemessages runs, so their strings stay in its catalogue.
LINKED_TEMPLATES = {
    "accounts": {
        "_tpl_account": "templates/account",
        "_tpl_mfa": "templates/mfa",
    },
}


def main(app: str, translations_file: str | None = None) -> int:
    folder = (ROOT / app).resolve()
    links = [folder / name for name in LINKED_TEMPLATES.get(folder.name, {})]
    for link, target in zip(links, LINKED_TEMPLATES.get(folder.name, {}).values(), strict=True):
        if not link.exists():
            link.symlink_to(ROOT / target, target_is_directory=True)
    try:
        subprocess.run(  # noqa: S603 - fixed command, arguments from the developer
            [str(DJANGO_ADMIN), "makemessages", "-l", "de", "--symlinks", *IGNORE],
            cwd=folder,
            check=True,
        )
    finally:
        for link in links:
            if link.is_symlink():
                link.unlink()
    po_path = folder / "locale" / "de" / "LC_MESSAGES" / "django.po"
    catalogue = polib.pofile(str(po_path), wrapwidth=79)
    wanted = json.loads(Path(translations_file).read_text("utf-8")) if translations_file else {}
    filled = 0
    for entry in catalogue:
        if entry.msgid in wanted and (not entry.msgstr or "fuzzy" in entry.flags):
            entry.msgstr = wanted[entry.msgid]
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
            filled += 1
    for entry in catalogue.fuzzy_entries():
        # msgmerge's guesses from similar msgids are never compiled, yet read like translations
        # ("Deactivate" guessed as "Aktivieren"): leave them empty, and so visibly missing.
        entry.msgstr = ""
        entry.msgstr_plural = dict.fromkeys(entry.msgstr_plural, "")
        entry.flags.remove("fuzzy")
        entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
    catalogue.save()
    missing = [e.msgid for e in catalogue if not e.obsolete and not e.msgid_plural and not e.msgstr]
    subprocess.run(  # noqa: S603
        [str(DJANGO_ADMIN), "compilemessages", "-l", "de"], cwd=folder, check=True
    )
    print(f"{po_path.relative_to(ROOT)}: {filled} filled, {len(missing)} without German")
    for msgid in missing[:40]:
        print(f"  missing: {msgid!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
