"""Symbols and words as the statistical offices use them: "x" where no figure can be said (a
question a wave's version does not ask), never "–", which means a true zero; the kind of
answer "Number" reads "Zahl", not the work programme's "Nummer"."""

import pytest
from django.urls import reverse
from django.utils import translation

from surveys.models import QuestionKind
from surveys.tests.factories import WaveFactory
from surveys.tests.results_data import answer, build_version, filled_wave, wien

pytestmark = pytest.mark.django_db


def test_a_question_not_asked_in_a_wave_shows_x_not_a_dash(client):
    first, _ = filled_wave(slug="erfurt-2026", parents=10, pupils=10)
    version, questions = build_version(first.version.instrument, number=2, with_text=False)
    second = WaveFactory(version=version, territory=wien(), slug="wien-2026", period="2025")
    for _ in range(7):
        answer(second, questions, grp="1", th01="5")
    page = client.get(
        reverse("surveys:results_compare"), {"wellen": "erfurt-2026,wien-2026"}
    ).content.decode()
    assert '<span aria-hidden="true">x</span><span class="kern-sr-only">' in page
    assert '<span aria-hidden="true">–</span>' not in page


def test_the_kind_of_answer_number_reads_zahl():
    with translation.override("de"):
        assert str(QuestionKind.NUMBER.label) == "Zahl"
