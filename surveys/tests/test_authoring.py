"""Authoring instruments: versions that freeze, copies that keep codes and conditions,
conditions checked, codes unique, pages for editors of the instrument's territory only."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from accounts.models import RoleLevel
from accounts.tests.factories import UserFactory, member
from places.tests.factories import TerritoryFactory
from surveys import services
from surveys.models import Choice, Instrument, QuestionKind, Version

from .factories import (
    ChoiceFactory,
    InstrumentFactory,
    QuestionFactory,
    SurveySectionFactory,
    VersionFactory,
    WaveFactory,
)

pytestmark = pytest.mark.django_db


def _questionnaire():
    """A version with a single-choice TH01 (1 yes, 2 no, 99 don't know), a number TH02 and a
    matrix TH05 shown only if TH01 is 1."""
    version = VersionFactory()
    section = SurveySectionFactory(version=version, order=0)
    first = QuestionFactory(section=section, code="TH01", order=0)
    for code, label in (("1", "ja"), ("2", "nein"), ("99", "weiß nicht")):
        ChoiceFactory(question=first, code=code, label=label, is_missing=code == "99")
    number = QuestionFactory(section=section, code="TH02", kind=QuestionKind.NUMBER, order=1)
    matrix = QuestionFactory(
        section=section,
        code="TH05",
        kind=QuestionKind.MATRIX,
        order=2,
        condition_question=first,
        condition_operator="equals",
        condition_values=["1"],
    )
    ChoiceFactory(question=matrix, role=Choice.Role.ITEM, code="TH05a", label="Schule")
    ChoiceFactory(question=matrix, code="1", label="gut")
    return version, first, number, matrix


def _data(section, code, **extra):
    return {"section": section, "code": code, "kind": QuestionKind.SINGLE, "text": "?", **extra}


def test_editing_a_frozen_version_is_refused():
    version, first, _number, _matrix = _questionnaire()
    WaveFactory(version=version, status="draft")
    services.wave_open(wave=version.waves.get())
    version.refresh_from_db()
    assert version.is_frozen
    with pytest.raises(services.FrozenVersion, match="eingefroren"):
        services.question_save(version=version, data={"text": "Neu?"}, question=first)


def test_new_version_keeps_codes_options_and_conditions():
    version, _first, _number, _matrix = _questionnaire()
    copy = services.version_copy(version=version, note="TH02 neu formuliert")
    assert copy.number == 2 and not copy.is_frozen and copy.note == "TH02 neu formuliert"
    codes = list(copy.questions.order_by("order").values_list("code", flat=True))
    assert codes == ["TH01", "TH02", "TH05"]
    matrix = copy.questions.get(code="TH05")
    assert matrix.condition_question == copy.questions.get(code="TH01")
    assert matrix.condition_values == ["1"]
    assert set(matrix.choices.values_list("role", "code")) == {("item", "TH05a"), ("option", "1")}
    assert copy.questions.get(code="TH01").choices.get(code="99").is_missing
    assert version.questions.get(code="TH05").condition_question.version == version


def test_a_condition_on_a_later_question_is_rejected():
    version, first, number, matrix = _questionnaire()
    with pytest.raises(ValidationError) as info:
        services.question_save(
            version=version,
            data={"condition_question": matrix, "condition_operator": "answered"},
            question=first,
        )
    assert "vor dieser Frage" in str(info.value.message_dict["condition_question"])


def test_a_condition_value_must_be_a_code_of_the_options():
    version, first, _number, matrix = _questionnaire()
    with pytest.raises(ValidationError) as info:
        services.question_save(
            version=version,
            data={
                "condition_question": first,
                "condition_operator": "equals",
                "condition_values": ["7"],
            },
            question=matrix,
        )
    message = info.value.message_dict["condition_values"][0]
    assert "7" in message and "TH01" in message and "99" in message


def test_a_condition_on_a_text_question_is_rejected():
    version, _first, _number, _matrix = _questionnaire()
    section = version.sections.get()
    text = services.question_save(
        version=version, data=_data(section, "TH03", kind=QuestionKind.SHORT_TEXT)
    )
    with pytest.raises(ValidationError, match="Auswahlfrage oder einer Zahlenfrage"):
        services.question_save(
            version=version,
            data=_data(section, "TH04", condition_question=text, condition_operator="answered"),
        )


def test_a_condition_on_a_number_compares_with_a_number():
    version, _first, number, _matrix = _questionnaire()
    section = version.sections.get()
    saved = services.question_save(
        version=version,
        data=_data(
            section,
            "TH06",
            condition_question=number,
            condition_operator="greater",
            condition_values=["3"],
        ),
    )
    assert saved.condition_question == number
    with pytest.raises(ValidationError, match="eine Zahl"):
        services.question_save(
            version=version,
            data=_data(
                section,
                "TH07",
                condition_question=number,
                condition_operator="greater",
                condition_values=["viele"],
            ),
        )


def test_question_codes_are_unique_per_version():
    version, _first, _number, _matrix = _questionnaire()
    with pytest.raises(ValidationError) as info:
        services.question_save(version=version, data=_data(version.sections.get(), "TH01"))
    assert "TH01" in info.value.message_dict["code"][0]


def test_moving_a_question_above_its_condition_is_refused():
    version, first, number, matrix = _questionnaire()
    services.question_move(question=number, up=True)
    first.refresh_from_db()
    number.refresh_from_db()
    assert number.order < first.order
    with pytest.raises(ValidationError, match="hängt von"):
        services.question_move(question=matrix, up=True)


def _editor_client(client, territory, role=RoleLevel.EDITOR):
    user = member(territory, role)
    client.force_login(user)
    return user


def test_an_editor_creates_an_instrument_with_a_first_draft_version(client):
    city = TerritoryFactory()
    _editor_client(client, city)
    response = client.post(
        reverse("surveys:instrument_create"),
        {"code": "teilhabe", "title_de": "Teilhabe", "title_en": "Participation",
         "territory_key": city.key},
    )  # fmt: skip
    assert response.status_code == 302
    instrument = Instrument.objects.get(code="teilhabe")
    assert instrument.title_en == "Participation"
    assert list(instrument.versions.values_list("number", "frozen_at")) == [(1, None)]


def test_an_editor_cannot_create_an_instrument_in_another_city(client):
    _editor_client(client, TerritoryFactory())
    other = TerritoryFactory()
    response = client.post(
        reverse("surveys:instrument_create"),
        {"code": "fremd", "title_de": "Fremd", "territory_key": other.key},
    )
    assert response.status_code == 200
    assert not Instrument.objects.filter(code="fremd").exists()


def test_a_city_editor_of_another_city_may_not_edit_an_instrument(client):
    instrument = InstrumentFactory()
    _editor_client(client, TerritoryFactory())
    assert client.get(instrument.get_absolute_url()).status_code == 200
    response = client.post(
        reverse("surveys:instrument_edit", args=[instrument.code]), {"title_de": "Gekapert"}
    )
    assert response.status_code == 403
    version = VersionFactory(instrument=instrument)
    url = reverse("surveys:question_create", args=[instrument.code, version.number])
    assert client.get(url).status_code == 403


def test_instruments_are_hidden_from_visitors_without_a_role(client):
    instrument = InstrumentFactory()
    client.force_login(UserFactory())
    assert client.get(instrument.get_absolute_url()).status_code == 404
    assert client.get(reverse("surveys:instrument_list")).status_code == 403


def test_the_instrument_list_searches_filters_and_exports(client):
    city = TerritoryFactory()
    InstrumentFactory(code="teilhabe", title="Teilhabe", territory=city)
    InstrumentFactory(code="inklusion", title="Inklusion")
    _editor_client(client, city)
    url = reverse("surveys:instrument_list")
    page = client.get(url, {"q": "teil"}).content.decode()
    assert "Teilhabe" in page and "Inklusion" not in page
    page = client.get(url, {"territory": city.key}).content.decode()
    assert "Teilhabe" in page and "Inklusion" not in page
    export = client.get(url, {"format": "csv"})
    assert export.status_code == 200 and b"inklusion" in b"".join(export.streaming_content)


def test_the_instrument_texts_are_edited_in_german_and_english_side_by_side(client):
    instrument = InstrumentFactory()
    _editor_client(client, instrument.territory)
    url = reverse("surveys:instrument_edit", args=[instrument.code])
    page = client.get(url).content.decode()
    assert 'name="title_de"' in page and 'name="title_en"' in page
    client.post(url, {"title_de": "Teilhabe", "title_en": "Participation"})
    instrument.refresh_from_db()
    assert (instrument.title_de, instrument.title_en) == ("Teilhabe", "Participation")


def test_the_question_page_of_a_frozen_version_offers_a_new_version(client):
    version, first, _number, _matrix = _questionnaire()
    Version.objects.filter(pk=version.pk).update(frozen_at="2026-01-01T00:00Z")
    instrument = version.instrument
    _editor_client(client, instrument.territory)
    response = client.post(
        reverse("surveys:question_edit", args=[instrument.code, 1, first.pk]),
        {"text_de": "Geändert?"},
    )
    assert response.status_code == 409
    assert reverse("surveys:version_new", args=[instrument.code, 1]) in response.content.decode()
    first.refresh_from_db()
    assert first.text != "Geändert?"
    response = client.post(
        reverse("surveys:version_new", args=[instrument.code, 1]), {"note": "TH01 geändert"}
    )
    assert response.url == reverse("surveys:version_detail", args=[instrument.code, 2])


def test_the_question_form_shows_a_clear_error_for_a_taken_code(client):
    version, first, _number, _matrix = _questionnaire()
    instrument = version.instrument
    _editor_client(client, instrument.territory)
    response = client.post(
        reverse("surveys:question_create", args=[instrument.code, 1]),
        {"section": version.sections.get().pk, "code": "TH01", "kind": "single",
         "text_de": "Doppelt?"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "TH01" in str(response.context["form"].errors["code"])


def test_the_question_form_names_the_section_in_german(client):
    version, _first, _number, _matrix = _questionnaire()
    instrument = version.instrument
    _editor_client(client, instrument.territory)
    with translation.override("de"):
        response = client.get(reverse("surveys:question_create", args=[instrument.code, 1]))
    form = response.context["form"]
    assert str(form["section"].label) == "Abschnitt"


def test_an_editor_adds_a_question_and_its_options(client):
    version, _first, _number, _matrix = _questionnaire()
    instrument = version.instrument
    _editor_client(client, instrument.territory)
    response = client.post(
        reverse("surveys:question_create", args=[instrument.code, 1]),
        {"section": version.sections.get().pk, "code": "TH09", "kind": "single",
         "text_de": "Neu?", "text_en": "New?", "required": "on"},
    )  # fmt: skip
    question = version.questions.get(code="TH09")
    assert response.status_code == 302 and question.required and question.text_en == "New?"
    client.post(
        reverse("surveys:choice_create", args=[instrument.code, 1, question.pk]),
        {"role": "option", "code": "1", "label_de": "ja"},
    )
    assert list(question.choices.values_list("code", flat=True)) == ["1"]


def test_the_instrument_list_answers_htmx_with_its_results_only(client):
    city = TerritoryFactory()
    InstrumentFactory(code="teilhabe", title="Teilhabe", territory=city)
    _editor_client(client, city)
    response = client.get(reverse("surveys:instrument_list"), {"q": "teil"}, HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert "Teilhabe" in page and "<h1" not in page


def test_an_editor_adds_a_section_in_both_languages(client):
    version = VersionFactory()
    _editor_client(client, version.instrument.territory)
    url = reverse("surveys:section_create", args=[version.instrument.code, version.number])
    client.post(url, {"title_de": "Schule", "title_en": "School"})
    section = version.sections.get()
    assert (section.title_de, section.title_en) == ("Schule", "School")


def test_a_question_others_depend_on_is_not_deleted():
    version, first, _number, matrix = _questionnaire()
    with pytest.raises(ValidationError, match="TH01"):
        services.question_delete(question=first)
    services.question_delete(question=matrix)
    services.question_delete(question=first)
    assert list(version.questions.values_list("code", flat=True)) == ["TH02"]


def test_a_condition_question_keeps_a_kind_its_dependants_can_use():
    """TH05 is shown if TH01 is 1: TH01 cannot become a text question under it (nothing would
    compare), and nothing of the refused change is kept."""
    version, first, _number, matrix = _questionnaire()
    text = first.text
    data = _data(first.section, "TH01", kind=QuestionKind.SHORT_TEXT, text="Neu?")
    with pytest.raises(ValidationError, match="TH05") as info:
        services.question_save(version=version, data=data, question=first)
    assert "Auswahlfrage" in " ".join(info.value.messages)
    first.refresh_from_db()
    assert (first.kind, first.text) == (QuestionKind.SINGLE, text)
    matrix.refresh_from_db()
    assert matrix.condition_question == first


def test_a_condition_question_is_not_moved_behind_its_dependants():
    version, first, _number, _matrix = _questionnaire()
    later = SurveySectionFactory(version=version, order=1)
    data = _data(later, "TH01")
    with pytest.raises(ValidationError, match="TH05"):
        services.question_save(version=version, data=data, question=first)
    first.refresh_from_db()
    assert first.section == version.sections.get(order=0)


def test_an_option_a_condition_names_is_not_deleted(client):
    version, first, _number, matrix = _questionnaire()
    with pytest.raises(ValidationError, match="TH05"):
        services.choice_delete(choice=first.choices.get(code="1"))
    assert first.choices.filter(code="1").exists()
    services.choice_delete(choice=first.choices.get(code="2"))  # no condition names 2
    assert sorted(first.choices.values_list("code", flat=True)) == ["1", "99"]
    # The editor's page says why instead of failing.
    _editor_client(client, version.instrument.territory)
    url = reverse(
        "surveys:choice_delete",
        args=[version.instrument.code, version.number, first.pk, first.choices.get(code="1").pk],
    )
    response = client.post(url, follow=True)
    assert response.status_code == 200
    assert "TH05" in response.content.decode()
    assert first.choices.filter(code="1").exists()


def test_only_a_matrix_question_has_rows():
    _version, first, _number, matrix = _questionnaire()
    with pytest.raises(ValidationError):
        services.choice_add(question=first, data={"role": "item", "code": "a", "label": "x"})
    row = services.choice_add(question=matrix, data={"role": "item", "code": "TH05b", "label": "y"})
    first_row = matrix.choices.get(code="TH05a")
    assert row.role == "item" and row.order == first_row.order + 1
