import re
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from places.keys import InvalidKey, normalise_key, split_key
from places.models import Level, Territory


@pytest.mark.parametrize(
    ("scheme", "code"),
    [("ags", "16051000"), ("ags", "16"), ("ags", "16051"), ("gkz", "90001"), ("lor", "01100101"),
     ("nuts", "DEG01"), ("lau", "FR:75056"), ("ars", "160510000000"), ("iso", "AT")],
)  # fmt: skip
def test_it_accepts_official_keys(scheme, code):
    assert normalise_key(scheme, f" {code} ") == code


@pytest.mark.parametrize(
    ("scheme", "code", "expected"),
    [("ags", "1605100", "8 Ziffern"), ("gkz", "9000A", "5 Ziffern"), ("nuts", "deg01", "DEG01")],
)
def test_it_names_the_expected_format_for_malformed_keys(scheme, code, expected):
    with pytest.raises(InvalidKey) as info:
        normalise_key(scheme, code)
    assert code in str(info.value)
    assert expected in str(info.value)


@pytest.mark.django_db
def test_model_validation_rejects_a_malformed_ags():
    territory = Territory(scheme="ags", code="123", name_de="X", level=Level.CITY, country="DE")
    territory.code = "12345678x"
    with pytest.raises(ValidationError) as info:
        territory.full_clean()
    assert "code" in info.value.message_dict


# Keys are parsed in one place, places.keys.split_key (#13, finding 4).

ROOT = Path(__file__).resolve().parents[2]
# A key split by hand: `key.partition(":")` or `key.split(":", 1)`.
BY_HAND = re.compile(r"""\.(partition|split)\(\s*["']:["']""")


@pytest.mark.parametrize(
    ("key", "parts"),
    [
        ("ags:16051000", ("ags", "16051000")),
        ("gkz:90001", ("gkz", "90001")),
        ("lau:FR:75056", ("lau", "FR:75056")),  # codes may hold colons themselves
        ("16051000", ("16051000", "")),
    ],
)
def test_a_key_splits_into_scheme_and_code(key, parts):
    assert split_key(key) == parts


def test_territory_keys_are_parsed_only_by_places_keys():
    by_hand = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in ROOT.glob("*/**/*.py")
        if not {".venv", "tests", "migrations", "node_modules"} & set(path.parts)
        and path != ROOT / "places" / "keys.py"
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if BY_HAND.search(line)
    ]
    assert not by_hand, f"use places.keys.split_key: {by_hand}"
