import pytest
from django.core.exceptions import ValidationError

from places.keys import InvalidKey, normalise_key
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
