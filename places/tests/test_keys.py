"""Territory keys (`ags:16051000`) are parsed in one place, places.models.split_key
(#13, finding 4)."""

import re
from pathlib import Path

import pytest

from places.models import split_key

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


def test_territory_keys_are_parsed_only_by_places_models():
    by_hand = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in ROOT.glob("*/**/*.py")
        if not {".venv", "tests", "migrations", "node_modules"} & set(path.parts)
        and path != ROOT / "places" / "models.py"
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if BY_HAND.search(line)
    ]
    assert not by_hand, f"use places.models.split_key: {by_hand}"
