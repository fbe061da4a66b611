"""The German interface addresses people formally, also where django-allauth speaks.

django-allauth's own German catalogue says "du"/"dein"/"kannst" …; the project's catalogue
(locale/de, in LOCALE_PATHS, so it wins over allauth's) carries a formal translation for every
such allauth message. These tests read allauth's .po, pick the informal messages, and check
that what Django actually serves in German for each of them is formal.

bildungsnetz/allauth_formal.py lists those msgids so `make messages` keeps them; should they
ever turn into obsolete "#~" entries all the same, these tests fail.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import allauth
import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from accounts.tests.factories import UserFactory

ALLAUTH_DE_PO = Path(allauth.__file__).parent / "locale" / "de" / "LC_MESSAGES" / "django.po"

# What counts as informal address. Every alternative is matched on word boundaries.
# Case-insensitive (none of these is a normal word in formal German, capitalised or not):
#   pronouns:  du, dich, dir, dein, deine, deinen, deinem, deiner, deines
#   verbs:     bist, kannst, musst, willst, möchtest, brauchst, solltest, wirst,
#              and those allauth uses besides: erhältst, sendest, siehst, verwendest, ausgibst
#   imperatives allauth uses without a pronoun: "gib", "lass", and "bitte" followed by
#              versuche, wähle, bestätige, kontaktiere, klick(e), folge, überprüfe, habe, melde
# Case-sensitive: "hast" only in lower case ("Hast" is also the noun, "in aller Hast").
INFORMAL = re.compile(
    r"\b(?:"
    r"du|dich|dir|dein|deine|deinen|deinem|deiner|deines"
    r"|bist|kannst|musst|willst|möchtest|brauchst|solltest|wirst"
    r"|erhältst|sendest|siehst|verwendest|ausgibst"
    r"|gib|lass"
    r"|bitte\s+(?:versuche|wähle|bestätige|kontaktiere|klicke?|folge|überprüfe|habe|melde)"
    r")\b",
    re.IGNORECASE,
)
INFORMAL_CASE_SENSITIVE = re.compile(r"\bhast\b")


def informal_words(text: str) -> list[str]:
    return [m.group(0) for m in INFORMAL.finditer(text)] + [
        m.group(0) for m in INFORMAL_CASE_SENSITIVE.finditer(text)
    ]


_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}


def _unquote(quoted: str) -> str:
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), "\\" + m.group(1)), quoted)


def read_po(path: Path) -> list[dict]:
    """Entries of a .po file as dicts with msgctxt, msgid, msgid_plural, msgstr, msgstr[n].

    Obsolete entries ("#~") are skipped, as msgfmt skips them; so is the header. A "fuzzy" flag
    is kept in entry["fuzzy"].
    """
    entries: list[dict] = []
    entry: dict = {}
    key = None

    def finish():
        nonlocal entry, key
        if "msgid" in entry and entry["msgid"] != "":
            entries.append(entry)
        entry, key = {}, None

    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#~"):
            finish()
            continue
        if line.startswith("#"):
            if any(k.startswith("msgstr") for k in entry):
                finish()
            if line.startswith("#,") and "fuzzy" in line:
                entry["fuzzy"] = True
            continue
        keyword = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+"(.*)"$', line)
        if keyword:
            key = keyword.group(1)
            if key in ("msgctxt", "msgid") and any(k.startswith("msgstr") for k in entry):
                finish()
                key = keyword.group(1)
            entry[key] = _unquote(keyword.group(2))
            continue
        continuation = re.match(r'^"(.*)"$', line)
        if continuation and key:
            entry[key] += _unquote(continuation.group(1))
            continue
        raise ValueError(f"{path}: cannot read line {line!r}")
    finish()
    return entries


def translations(entry: dict) -> list[str]:
    return [value for name, value in entry.items() if name.startswith("msgstr")]


ALLAUTH_ENTRIES = read_po(ALLAUTH_DE_PO)
ALLAUTH_INFORMAL = [
    entry
    for entry in ALLAUTH_ENTRIES
    if not entry.get("fuzzy") and any(informal_words(text) for text in translations(entry))
]


def served_in_german(entry: dict) -> list[str]:
    """What Django serves in German for an entry's msgid: each plural form, if it has any."""
    context, msgid, plural = entry.get("msgctxt"), entry["msgid"], entry.get("msgid_plural")
    with translation.override("de"):
        if plural is not None and context is not None:
            return [translation.npgettext(context, msgid, plural, n) for n in (1, 2)]
        if plural is not None:
            return [translation.ngettext(msgid, plural, n) for n in (1, 2)]
        if context is not None:
            return [translation.pgettext(context, msgid)]
        return [translation.gettext(msgid)]


def test_the_check_finds_allauths_informal_messages():
    """Guards the parametrised test below against passing because it found nothing."""
    assert len(ALLAUTH_ENTRIES) > 300
    assert len(ALLAUTH_INFORMAL) >= 50
    assert informal_words("Du kannst deine primäre E-Mail-Adresse nicht löschen.")
    assert informal_words("Bitte versuche es später erneut.")
    assert not informal_words("Sie haben es in aller Hast bestätigt. Bitte versuchen Sie es.")


@pytest.mark.parametrize(
    "entry",
    ALLAUTH_INFORMAL,
    ids=[entry["msgid"][:60] for entry in ALLAUTH_INFORMAL],
)
def test_allauths_informal_messages_are_served_formally(entry):
    for text in served_in_german(entry):
        assert text != entry["msgid"], "no German translation is served"
        assert not informal_words(text), f"informal {informal_words(text)} in {text!r}"


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        for name, value in attrs:  # text people read or hear: titles, labels, placeholders
            if name in ("title", "aria-label", "placeholder", "alt") and value:
                self.parts.append(value)

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def page_text(response) -> str:
    """The words of an HTML page, without markup (so that dir="ltr" is no "dir")."""
    parser = _Text()
    parser.feed(response.content.decode())
    return " ".join(" ".join(parser.parts).split())


@pytest.fixture
def _fresh_rate_limits():
    """allauth counts failed logins per IP and per address in the cache."""
    cache.clear()
    yield
    cache.clear()


@pytest.mark.django_db
@pytest.mark.usefixtures("_fresh_rate_limits")
def test_a_failed_login_answers_formally(client):
    user = UserFactory()
    wrong = {"login": user.email, "password": "falsches-passwort"}

    response = client.post(reverse("account_login"), wrong)
    body = page_text(response)
    assert response.status_code == 200
    assert "Die E-Mail-Adresse und/oder das Passwort sind leider falsch." in body
    assert "Bitte prüfen Sie Ihre Angaben" in body
    assert not informal_words(body)

    # ACCOUNT_RATE_LIMITS allows 5 failed logins per address: the next one is refused with
    # a message that allauth's catalogue words informally ("Bitte versuche es später erneut").
    for _ in range(5):
        response = client.post(reverse("account_login"), wrong)
    body = page_text(response)
    assert "Bitte versuchen Sie es später erneut." in body
    assert not informal_words(body)
