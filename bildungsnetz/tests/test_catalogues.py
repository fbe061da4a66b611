"""The German catalogues say what users read (#12, finding 7).

Django merges every catalogue into one: the project's `locale/` first, then the installed apps
in order (Django's admin and allauth before ours). A msgid translated in two places is shown
with one translation only, so an app's own entry can silently lose ("Speichern" in the offers
catalogue, "Sichern" from the admin on the page). These tests read each of our catalogues and
ask Django what a German page really shows for each entry.
"""

from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext, pgettext

ROOT = Path(settings.BASE_DIR)
CATALOGUES = sorted(ROOT.glob("*/locale/de/LC_MESSAGES/django.po")) + [
    ROOT / "locale/de/LC_MESSAGES/django.po"
]


def _ids(path: Path) -> str:
    return str(path.relative_to(ROOT).parts[0])


@pytest.mark.parametrize("path", CATALOGUES, ids=_ids)
def test_every_translation_in_a_catalogue_is_the_one_a_german_page_shows(path):
    shadowed = []
    with translation.override("de"):
        for entry in polib.pofile(str(path)).translated_entries():
            if entry.msgid_plural:
                continue
            context = entry.msgctxt
            shown = pgettext(context, entry.msgid) if context else gettext(entry.msgid)
            if shown != entry.msgstr:
                shadowed.append(f"{entry.msgid!r}: {entry.msgstr!r} is shown as {shown!r}")
    assert not shadowed, (
        "Another catalogue translates these msgids differently and wins. Use one word "
        "everywhere (the project catalogue wins over Django's), or pgettext where the "
        "meaning differs:\n" + "\n".join(shadowed)
    )


@pytest.mark.parametrize("path", CATALOGUES, ids=_ids)
def test_no_catalogue_holds_guesses_that_are_never_shown(path):
    fuzzy = [entry.msgid for entry in polib.pofile(str(path)).fuzzy_entries()]
    assert not fuzzy, f"fuzzy entries are left out of the compiled catalogue: {fuzzy}"
