"""Import periods that are no periods (`abc`, `9999-99-99`) are refused with an error per row or
field, in the user's language, and nothing is written (#11, finding 13)."""

from __future__ import annotations

import pytest
from django.utils import translation

from monitoring.forms import MappingForm
from monitoring.models import Observation
from monitoring.services import observations_import

from .factories import ffcsv
from .test_upload_limits import MAPPING

pytestmark = pytest.mark.django_db


def test_a_period_column_with_no_periods_is_refused_per_row(reference_territories):
    data = b"AGS;Jahr;Wert\n16051;2024;1\n16051;abc;2\n16051;9999-99-99;3\n"
    log = observations_import(data=data, filename="perioden.csv", mapping=MAPPING)
    assert log.status == "failed"
    assert [(e["line"], e["column"], e["code"]) for e in log.errors] == [
        (3, "Jahr", "invalid_period"),
        (4, "Jahr", "invalid_period"),
    ]
    assert not Observation.objects.exists()


@pytest.mark.parametrize("period", ["abc", "9999-99-99", "2024-02-30"])
def test_a_fixed_period_that_is_no_period_is_refused(reference_territories, period):
    mapping = {**MAPPING, "period": None, "fixed_period": period}
    log = observations_import(data=b"AGS;Wert\n16051;1\n", filename="fest.csv", mapping=mapping)
    assert [e["code"] for e in log.errors] == ["invalid_period"]


def test_a_flat_file_with_a_date_that_is_none_is_refused(reference_territories):
    data, name = ffcsv([("9999-99-99", "16051", "Erfurt, kreisfreie Stadt", "", "7")])
    log = observations_import(data=data, filename=name)
    assert [(e["column"], e["code"]) for e in log.errors] == [("period", "invalid_period")]


def test_the_mapping_form_names_a_wrong_fixed_period_in_german():
    form = MappingForm(
        data={"name": "x", "region_key": "AGS", "fixed_period": "abc", "measures": "Wert",
              "sep": ";", "decimal": ",", "dataset_code": "x", "title": "x", "source": "x"}
    )  # fmt: skip
    with translation.override("de"):
        assert not form.is_valid()
        assert "Zeitraum" in str(form.errors["__all__"])
