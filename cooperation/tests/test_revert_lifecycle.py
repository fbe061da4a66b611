"""Restoring an earlier version never moves an agreement or a placement past its status log
(#12, finding 5), and the history reads as sentences: no literal "None", labels not codes."""

from datetime import date

from django.urls import reverse

from cooperation.models import AgreementStatus, AgreementTransition
from cooperation.services import agreement_transition, agreement_update

from .factories import AgreementFactory


def _in_force_then_edited(world):
    agreement = AgreementFactory(
        partnership=world.partnership, status=AgreementStatus.DRAFT, signed_on=date(2025, 3, 1)
    )
    draft = agreement.history.order_by("-history_date", "-history_id").first()
    agreement_transition(agreement=agreement, to_state=AgreementStatus.IN_FORCE)
    agreement.refresh_from_db()
    agreement_update(agreement=agreement, data={"title_de": "Neuer Titel"})
    return agreement, draft


def _revert_url(agreement, record):
    return reverse(
        "accounts:history_revert",
        args=["cooperation", "agreement", agreement.pk, record.history_id],
    )


def test_a_revert_leaves_the_status_of_an_agreement_to_its_lifecycle(world, client):
    agreement, draft = _in_force_then_edited(world)
    title_before = draft.title_de
    client.force_login(world.users["coordinator_a"])

    response = client.post(_revert_url(agreement, draft), follow=True)

    agreement.refresh_from_db()
    assert agreement.title_de == title_before
    assert agreement.status == AgreementStatus.IN_FORCE
    last = AgreementTransition.objects.filter(agreement=agreement).order_by("-at", "-pk").first()
    assert last.to_state == agreement.status
    page = response.content.decode()
    assert "Status bleibt „In Kraft“" in page


def test_the_history_labels_a_revert_and_shows_no_literal_none(world, client):
    agreement, draft = _in_force_then_edited(world)
    client.force_login(world.users["coordinator_a"])
    client.post(_revert_url(agreement, draft))

    page = client.get(
        reverse("accounts:history", args=["cooperation", "agreement", agreement.pk])
    ).content.decode()

    assert "Version vom" in page
    assert "revert to" not in page
    assert ">None<" not in page


def test_the_history_shows_the_label_of_a_status_not_its_code(world, client):
    agreement, _draft = _in_force_then_edited(world)
    client.force_login(world.users["coordinator_a"])

    page = client.get(
        reverse("accounts:history", args=["cooperation", "agreement", agreement.pk])
    ).content.decode()

    assert "In Kraft" in page
    assert "in_force" not in page


def test_the_admins_history_pages_lead_to_the_platform_history(world, client):
    agreement, draft = _in_force_then_edited(world)
    client.force_login(world.users["superuser"])
    platform = reverse("accounts:history", args=["cooperation", "agreement", agreement.pk])

    history = reverse("admin:cooperation_agreement_history", args=[agreement.pk])
    version_url = reverse(
        "admin:cooperation_agreement_simple_history", args=[agreement.pk, draft.history_id]
    )
    listing = client.get(history)
    version = client.get(version_url)
    posted = client.post(version_url, {"title_de": "Aus dem Admin"})

    assert listing.status_code == version.status_code == posted.status_code == 302
    assert listing["Location"] == version["Location"] == platform
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.IN_FORCE
    assert agreement.title_de == "Neuer Titel"
