import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from cooperation.models import AgreementStatus, PlacementState
from cooperation.services import agreement_transition, agreements_expire, placement_transition

from .factories import AgreementFactory, OrganisationFactory, PlacementFactory, UserFactory

S = PlacementState


@pytest.fixture
def placement(db):
    return PlacementFactory()


def walk(placement, user):
    host = OrganisationFactory(seat=placement.wished_city)
    steps = [
        (S.MATCHED, {"host_organisation": host, "host_unit": "Bildungsbüro"}),
        (S.AGREED, {"start": dt.date(2024, 3, 1), "end": dt.date(2024, 6, 30)}),
        (S.STARTED, {}),
        (S.INTERIM_REPORTED, {"interim_report": "Halbzeit"}),
        (S.FINAL_REPORTED, {"final_report": "Abschluss"}),
        (S.EVALUATED, {"evaluation": "Sehr gut"}),
    ]
    for state, changes in steps:
        placement_transition(placement=placement, to_state=state, user=user, changes=changes)
        placement.refresh_from_db()


def test_a_placement_walks_from_application_to_evaluation_and_records_every_step(placement):
    user = UserFactory()
    walk(placement, user)
    assert placement.state == S.EVALUATED
    records = list(placement.transitions.values_list("from_state", "to_state"))
    assert records == [
        (S.APPLIED, S.MATCHED), (S.MATCHED, S.AGREED), (S.AGREED, S.STARTED),
        (S.STARTED, S.INTERIM_REPORTED), (S.INTERIM_REPORTED, S.FINAL_REPORTED),
        (S.FINAL_REPORTED, S.EVALUATED),
    ]  # fmt: skip
    assert all(t.user == user for t in placement.transitions.all())


def test_it_refuses_a_final_report_before_the_placement_has_started(placement):
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        placement_transition(
            placement=placement, to_state=S.FINAL_REPORTED, changes={"final_report": "x"}
        )
    assert exc.value.messages == [
        "A final report cannot be filed before the placement has started."
    ]
    placement.refresh_from_db()
    assert placement.state == S.APPLIED
    assert not placement.transitions.exists()


def test_the_refusal_is_translated_into_german(placement):
    with translation.override("de"), pytest.raises(ValidationError) as exc:
        placement_transition(placement=placement, to_state=S.FINAL_REPORTED)
    assert "Abschlussbericht" in exc.value.messages[0]


def test_it_refuses_matching_without_a_host(placement):
    with pytest.raises(ValidationError) as exc:
        placement_transition(placement=placement, to_state=S.MATCHED)
    assert "host_organisation" in exc.value.error_dict


def test_it_refuses_any_move_out_of_a_closed_placement(placement):
    placement_transition(placement=placement, to_state=S.WITHDRAWN)
    with pytest.raises(ValidationError):
        placement_transition(placement=placement, to_state=S.APPLIED)


def test_it_refuses_evaluation_before_the_final_report(placement):
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        placement_transition(placement=placement, to_state=S.EVALUATED, changes={"evaluation": "x"})
    assert "final report" in exc.value.messages[0]


def test_an_agreement_goes_through_committee_approval_into_force(db):
    agreement = AgreementFactory(signed_on=dt.date(2022, 10, 4))
    agreement_transition(agreement=agreement, to_state=AgreementStatus.PENDING_APPROVAL)
    agreement_transition(agreement=agreement, to_state=AgreementStatus.IN_FORCE, note="Beschluss")
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.IN_FORCE
    assert agreement.transitions.count() == 2
    assert agreement.transitions.last().note == "Beschluss"


def test_it_refuses_to_bring_an_unsigned_agreement_into_force(db):
    agreement = AgreementFactory(signed_on=None)
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        agreement_transition(agreement=agreement, to_state=AgreementStatus.IN_FORCE)
    assert "date of signing" in exc.value.messages[0]


def test_it_refuses_to_terminate_a_draft(db):
    agreement = AgreementFactory()
    with pytest.raises(ValidationError):
        agreement_transition(agreement=agreement, to_state=AgreementStatus.TERMINATED)
    assert not agreement.transitions.exists()


def test_it_refuses_expiry_before_the_end_of_the_term(db):
    agreement = AgreementFactory(signed_on=dt.date(2022, 1, 1), valid_until=dt.date(2099, 1, 1))
    agreement_transition(agreement=agreement, to_state=AgreementStatus.IN_FORCE)
    with pytest.raises(ValidationError):
        agreement_transition(agreement=agreement, to_state=AgreementStatus.EXPIRED)


def test_agreements_past_their_term_expire_once(db):
    agreement = AgreementFactory(signed_on=dt.date(2020, 1, 1), valid_until=dt.date(2021, 1, 1))
    agreement_transition(agreement=agreement, to_state=AgreementStatus.IN_FORCE)
    assert agreements_expire() == 1
    assert agreements_expire() == 0
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.EXPIRED


def test_agreements_ending_within_90_days_are_flagged_as_expiring_soon(db):
    from cooperation.models import Agreement

    today = dt.date(2024, 1, 1)
    soon = AgreementFactory(signed_on=today, valid_until=today + dt.timedelta(days=30))
    later = AgreementFactory(signed_on=today, valid_until=today + dt.timedelta(days=300))
    open_ended = AgreementFactory(signed_on=today)
    for agreement in (soon, later, open_ended):
        agreement_transition(agreement=agreement, to_state=AgreementStatus.IN_FORCE)
    assert list(Agreement.objects.expiring_soon(today=today)) == [soon]
    soon.refresh_from_db()
    open_ended.refresh_from_db()
    assert soon.expires_soon(today=today) and not open_ended.expires_soon(today=today)
