"""Official territorial keys: which schemes exist and what a well-formed key looks like.

Pure Python (no Django models) so importers and validators share one definition.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class KeyScheme:
    code: str
    label: str
    pattern: re.Pattern[str]
    expected: str  # human description of the format, used in error messages


SCHEMES: dict[str, KeyScheme] = {
    s.code: s
    for s in [
        KeyScheme(
            "ags",
            _("Amtlicher Gemeindeschlüssel (DE)"),
            re.compile(r"\d{2}|\d{3}|\d{5}|\d{8}"),
            _("2 digits (state), 3 (government region), 5 (county) or 8 digits (municipality)"),
        ),
        KeyScheme(
            "ars",
            _("Amtlicher Regionalschlüssel (DE)"),
            re.compile(r"\d{2}|\d{3}|\d{5}|\d{9}|\d{12}"),
            _("2, 3, 5, 9 or 12 digits"),
        ),
        KeyScheme(
            "gkz",
            _("Gemeindekennziffer (AT)"),
            re.compile(r"\d|\d{3}|\d{5}"),
            _("1 digit (federal state), 3 digits (political district) or 5 digits"),
        ),
        KeyScheme(
            "lor",
            _("Lebensweltlich orientierte Räume (Berlin)"),
            re.compile(r"\d{2}|\d{4}|\d{6}|\d{8}"),
            _("2 digits (borough), 4 (forecast area), 6 (district region) or 8 (planning area)"),
        ),
        KeyScheme(
            "nuts",
            _("NUTS (EU)"),
            re.compile(r"[A-Z]{2}[A-Z0-9]{0,3}"),
            _("two capital letters followed by up to three letters or digits, e.g. DEG01"),
        ),
        KeyScheme(
            "lau",
            _("Local administrative unit (EU)"),
            re.compile(r"[A-Z]{2}:[A-Z0-9]{1,12}"),
            _("country code, colon and local code, e.g. FR:75056"),
        ),
        KeyScheme(
            "iso",
            _("ISO 3166 country code"),
            re.compile(r"[A-Z]{2}"),
            _("two capital letters, e.g. DE"),
        ),
        KeyScheme(
            "local",
            _("Local identifier (no official key exists)"),
            re.compile(r"[A-Z]{2}:[a-z0-9-]{1,60}"),
            _("country code, colon and a lower-case slug, e.g. RU:wolgograd"),
        ),
    ]
}


class InvalidKey(ValueError):
    """A key that does not match its scheme's official format."""


def normalise_key(scheme: str, code: str) -> str:
    """Return the code stripped; raise InvalidKey naming the expected format."""
    try:
        spec = SCHEMES[scheme]
    except KeyError as exc:
        raise InvalidKey(_("Unknown key scheme “%(scheme)s”.") % {"scheme": scheme}) from exc
    value = (code or "").strip()
    if not spec.pattern.fullmatch(value):
        raise InvalidKey(
            _("“%(code)s” is not a valid %(label)s: expected %(expected)s.")
            % {"code": value, "label": spec.label, "expected": spec.expected}
        )
    return value


def ags_level(code: str) -> str:
    """The administrative level an AGS of this length denotes."""
    return {2: "state", 3: "region", 5: "county", 8: "municipality"}[len(code)]


def split_key(key: str) -> tuple[str, str]:
    """A territory key as (scheme, code): `ags:16051000` → ("ags", "16051000"). The one place
    that parses keys; a key without a colon has no code ("")."""
    scheme, _sep, code = key.partition(":")
    return scheme, code
