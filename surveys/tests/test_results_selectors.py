"""Results of waves read from the database: complete answers only, suppressed, no free text."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from surveys import selectors_results as sel
from surveys.stats import PRIMARY
from surveys.tests.factories import WaveFactory
from surveys.tests.results_data import build_version, filled_wave, wien

pytestmark = pytest.mark.django_db


def _by_code(results):
    return {r.variable.code: r for r in results}


def test_results_count_only_complete_responses():
    wave, _ = filled_wave(parents=20, pupils=6)
    results = _by_code(sel.wave_results(wave))
    assert results["GRP"].total.value == 26
    assert sel.wave_respondents(wave).value == 26


def test_results_hide_a_group_of_four_and_the_next_smallest_cell():
    wave, _ = filled_wave(parents=20, pupils=4)
    grp = {row["code"]: row["cell"] for row in _by_code(sel.wave_results(wave))["GRP"].rows}
    assert grp["2"].value is None and grp["2"].reason == PRIMARY
    assert grp["1"].value is None  # else 24 − 20 would give the 4 away


def test_results_give_scale_means_without_missing_codes():
    wave, questions = filled_wave(parents=10, pupils=10)
    results = _by_code(sel.wave_results(wave))
    assert results["TH01"].summary.mean == pytest.approx(3.0)
    assert results["TH05a"].summary.mean == pytest.approx(2.0)
    assert results["AGE"].summary.n == 20


def test_results_of_free_text_show_only_how_many_answered():
    wave, _ = filled_wave(parents=20, pupils=6)
    text = _by_code(sel.wave_results(wave))["TXT"]
    assert text.answered.value == 10
    assert text.rows == [] and text.summary is None


def test_multiple_choice_counts_respondents_per_option():
    wave, _ = filled_wave(parents=20, pupils=6)
    rows = {row["code"]: row["cell"] for row in _by_code(sel.wave_results(wave))["HLP"].rows}
    assert rows["1"].value == 20
    assert rows["2"].value == 26
    assert rows["3"].value == 0


def test_breakdown_of_a_question_by_another_with_4_respondents_hides_the_group():
    wave, _ = filled_wave(parents=20, pupils=4)
    rows, groups = sel.breakdown_choices(wave)
    th01 = next(v for v in rows if v.code == "TH01")
    grp = next(v for v in groups if v.code == "GRP")
    result = sel.wave_breakdown(wave, th01, grp)
    pupils = [g["code"] for g in result.groups].index("2")
    assert result.groups[pupils]["total"].value is None
    assert all(row["cells"][pupils].value is None for row in result.rows)
    parents = 1 - pupils
    # the parents' total would give the pupils' away (grand total − parents)
    assert result.groups[parents]["total"].value is None or result.total.value is None
    assert result.summaries[pupils].mean is None


def test_comparison_matches_questions_by_code_and_says_when_one_is_missing():
    first, _ = filled_wave(parents=10, pupils=10, slug="erfurt-2026")
    version, questions = build_version(first.version.instrument, with_text=False, number=2)
    second = WaveFactory(version=version, territory=wien(), slug="wien-2026")
    compared = {c.code: c for c in sel.waves_comparison([first, second])}
    assert compared["TXT"].missing_in == [1]
    assert compared["TH01"].missing_in == []
    rows = {row["code"]: row["cells"] for row in compared["TH01"].rows}
    assert rows["4"][0].value == 10
    assert rows["4"][1].value == 0


def test_waves_for_comparison_leave_out_draft_waves_for_outsiders():
    shown, _ = filled_wave(slug="offen")
    filled_wave(slug="entwurf", status="draft")
    waves = sel.waves_for_comparison(user=AnonymousUser(), slugs=["entwurf", "offen"])
    assert waves == [shown]


def test_breakdown_of_a_number_gives_means_per_group_and_hides_small_groups():
    wave, _ = filled_wave(parents=20, pupils=4)
    rows, groups = sel.breakdown_choices(wave)
    age = next(v for v in rows if v.code == "AGE")
    grp = next(v for v in groups if v.code == "GRP")
    result = sel.wave_breakdown(wave, age, grp)
    assert result.rows == []
    assert result.summaries[1].mean is None  # the four pupils
    assert result.summaries[0].mean is None  # else the overall mean would give it away
    assert result.overall.n == 24


def test_breakdown_offers_no_text_and_no_multiple_choice():
    wave, _ = filled_wave()
    rows, groups = sel.breakdown_choices(wave)
    assert {"TXT", "HLP"}.isdisjoint(v.code for v in rows)
    assert [v.code for v in groups] == ["GRP", "TH01"]
