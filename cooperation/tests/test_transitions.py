import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from cooperation.models import AgreementStatus, PlacementState
from cooperation.services import (
    agreement_transition,
    agreements_expire,
    placement_decide,
    placement_transition,
)

from .factories import AgreementFactory, OrganisationFactory, PlacementFactory, UserFactory

S = PlacementState


@pytest.fixture
def placement(db):
    return PlacementFactory()


def walk(placement, user):
    host = OrganisationFactory(seat=placement.wished_city)
    placement_decide(placement=placement, side="home", approve=True, user=user)
    placement_decide(placement=placement, side="host", approve=True, user=user)
    steps = [
        (S.MATCHED, {"host_organisation": host, "host_unit": "Bildungsbüro"}),
        (S.AGREED, {"start": dt.date(2024, 3, 1), "end": dt.date(2024, 6, 30)}),
        (S.STARTED, {}),
        (
            S.INTERIM_REPORTED,
            {"interim_report": "Halbzeit", "interim_report_date": dt.date(2024, 4, 15)},
        ),
        (S.FINAL_REPORTED, {"final_report": "Abschluss", "final_report_date": dt.date(2024, 7, 5)}),
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
        (S.APPLIED, S.APPLIED), (S.APPLIED, S.APPROVED),
        (S.APPROVED, S.MATCHED), (S.MATCHED, S.AGREED), (S.AGREED, S.STARTED),
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
    for side in ("home", "host"):
        placement_decide(placement=placement, side=side, approve=True)
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


# --- Decisions of both sides on an application (#12, finding 11) ----------------------------


def test_an_application_is_approved_only_once_both_sides_have_approved(placement):
    home, host = UserFactory(), UserFactory()
    first = placement_decide(placement=placement, side="home", approve=True, user=home)
    placement.refresh_from_db()
    assert placement.state == S.APPLIED
    assert (first.side, first.decision, first.user) == ("home", "approve", home)
    placement_decide(placement=placement, side="host", approve=True, user=host, reason="Passt")
    placement.refresh_from_db()
    assert placement.state == S.APPROVED
    decisions = placement.decisions()
    assert decisions["home"].user == home and decisions["host"].user == host
    assert decisions["host"].note == "Passt" and decisions["host"].at is not None


def test_one_rejection_rejects_the_application(placement):
    placement_decide(placement=placement, side="home", approve=True)
    placement_decide(placement=placement, side="host", approve=False, reason="Keine Stelle frei")
    placement.refresh_from_db()
    assert placement.state == S.REJECTED
    assert placement.transitions.last().note == "Keine Stelle frei"


def test_a_rejection_needs_a_reason(placement):
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        placement_decide(placement=placement, side="home", approve=False, reason="  ")
    assert exc.value.message_dict == {"reason": ["Give the reason for the rejection."]}
    assert not placement.transitions.exists()


def test_a_side_decides_only_once(placement):
    placement_decide(placement=placement, side="home", approve=True)
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        placement_decide(placement=placement, side="home", approve=True)
    assert "sending side has already decided" in exc.value.messages[0]


def test_a_plain_step_cannot_approve_reject_or_skip_the_decisions(placement):
    for to_state in (S.APPROVED, S.REJECTED):
        with translation.override("en"), pytest.raises(ValidationError) as exc:
            placement_transition(placement=placement, to_state=to_state)
        assert "decide on an application" in exc.value.messages[0]
    host = OrganisationFactory(seat=placement.wished_city)
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        placement_transition(
            placement=placement, to_state=S.MATCHED, changes={"host_organisation": host}
        )
    assert "both sides have approved" in exc.value.messages[0]
    placement.refresh_from_db()
    assert placement.state == S.APPLIED


def _started(placement, start=dt.date(2024, 3, 1)):
    placement_decide(placement=placement, side="home", approve=True)
    placement_decide(placement=placement, side="host", approve=True)
    host = OrganisationFactory(seat=placement.wished_city)
    placement_transition(placement=placement, to_state=S.MATCHED,
                         changes={"host_organisation": host})  # fmt: skip
    placement_transition(placement=placement, to_state=S.AGREED,
                         changes={"start": start, "end": dt.date(2024, 6, 30)})  # fmt: skip
    placement_transition(placement=placement, to_state=S.STARTED)
    placement.refresh_from_db()
    return placement


@pytest.mark.parametrize(
    ("to_state", "changes", "field"),
    [
        (S.INTERIM_REPORTED, {"interim_report": "x", "interim_report_date": dt.date(2024, 2, 28)},
         "interim_report_date"),
        (S.FINAL_REPORTED, {"final_report": "x", "final_report_date": dt.date(2024, 2, 1)},
         "final_report_date"),
    ],
)  # fmt: skip
def test_a_report_cannot_be_dated_before_the_placement_starts(placement, to_state, changes, field):
    placement = _started(placement)
    with translation.override("de"), pytest.raises(ValidationError) as exc:
        placement_transition(placement=placement, to_state=to_state, changes=changes)
    assert list(exc.value.message_dict) == [field]
    assert "vor dem Beginn der Hospitation" in exc.value.message_dict[field][0]
    assert "01.03.2024" in exc.value.message_dict[field][0]
    placement.refresh_from_db()
    assert placement.state == S.STARTED


def test_a_report_dated_on_the_first_day_is_accepted(placement):
    placement = _started(placement)
    placement_transition(placement=placement, to_state=S.INTERIM_REPORTED,
                         changes={"interim_report": "x",
                                  "interim_report_date": dt.date(2024, 3, 1)})  # fmt: skip
    placement.refresh_from_db()
    assert placement.state == S.INTERIM_REPORTED


def test_only_a_return_to_an_earlier_state_counts_as_a_step_back():
    from cooperation.models.exchanges import is_step_back

    assert is_step_back(S.MATCHED, S.APPROVED)
    assert not is_step_back(S.APPROVED, S.MATCHED)
    assert not is_step_back(S.APPLIED, S.WITHDRAWN)
