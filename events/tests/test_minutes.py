"""Minutes (#15): draft → review → approved and frozen, amendments (also by a personal link
without an account), versions, concurrent edits, who may see and approve."""

import pytest
from django.core import mail, signing
from django.urls import reverse

from bildungsnetz.concurrency import TOKEN_FIELD, version_token
from events.models import Amendment, AmendmentStatus, Minutes, MinutesStatus
from events.services_minutes import amendment_propose, invitation_send, invitation_token

from .minutes_kit import approved, draft, in_review, meeting, with_action

pytestmark = pytest.mark.django_db


def _minutes_url(minutes, name="minutes_detail", **kwargs):
    return reverse(f"events:{name}", kwargs={"slug": minutes.event.slug, **kwargs})


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


def test_the_minute_taker_starts_a_draft_and_the_chair_approves_after_review(client):
    m = meeting()
    client.force_login(m.editor)
    client.post(reverse("events:minutes_start", kwargs={"slug": m.event.slug}))
    minutes = Minutes.objects.get(event=m.event)
    assert minutes.status == MinutesStatus.DRAFT and minutes.minute_taker == m.editor
    edit = client.get(_minutes_url(minutes, "minutes_edit"))
    response = client.post(
        _minutes_url(minutes, "minutes_edit"),
        {"attendees": "Clara Vorsitz", "body": "<p>Bericht<script>x()</script></p>",
         TOKEN_FIELD: edit.context["form"][TOKEN_FIELD].value()},
    )  # fmt: skip
    assert response.status_code == 302
    minutes.refresh_from_db()
    assert minutes.body == "<p>Bericht</p>"  # sanitised
    client.post(_minutes_url(minutes, "minutes_review"))
    assert Minutes.objects.get(pk=minutes.pk).status == MinutesStatus.REVIEW
    client.force_login(m.chair)
    client.post(_minutes_url(minutes, "minutes_approve"))
    minutes.refresh_from_db()
    assert minutes.status == MinutesStatus.APPROVED and minutes.approved_by == m.chair
    page = client.get(_minutes_url(minutes)).content.decode()
    assert f"Version {minutes.approved_version}, genehmigt am" in page
    assert "von Clara Vorsitz" in page


def test_approved_minutes_refuse_edits_with_a_clear_message(client):
    m = meeting()
    minutes = approved(m)
    client.force_login(m.editor)
    response = client.get(_minutes_url(minutes, "minutes_edit"), follow=True)
    assert "genehmigt und eingefroren" in " ".join(_messages(response))
    response = client.post(
        reverse("events:decision_add", kwargs={"slug": m.event.slug}),
        {"decision-text": "Noch ein Beschluss"}, follow=True,
    )  # fmt: skip
    assert "genehmigt und eingefroren" in " ".join(_messages(response))
    assert minutes.decisions.count() == 1
    # The version history stays as it was at approval.
    assert minutes.versions.count() == Minutes.objects.get(pk=minutes.pk).version


def test_every_saved_state_is_kept_as_a_version(client):
    m = meeting()
    minutes = draft(m)
    numbers = list(minutes.versions.order_by("number").values_list("number", "note"))
    assert [n for n, _ in numbers] == [1, 2, 3]
    third = minutes.versions.get(number=3)
    assert third.items["decisions"][0]["text"].startswith("Der Bildungsbericht")
    assert third.saved_by == m.editor and third.saved_by_name == "Eva Protokoll"


def test_an_invitee_proposes_an_amendment_by_personal_link_without_an_account(
    client, django_capture_on_commit_callbacks
):
    m = meeting()
    minutes = in_review(m)
    invitation = invitation_send(
        minutes=minutes, name="Paula Partner", email="paula@partner.example", actor=m.editor
    )
    assert mail.outbox[-1].subject.startswith("Zur Abstimmung des Protokolls")
    link = reverse("events:minutes_review_link", kwargs={"token": invitation_token(invitation)})
    assert link in mail.outbox[-1].body
    page = client.get(link)
    assert page.status_code == 200 and "Der Bildungsbericht 2024" in page.content.decode()
    decision = minutes.decisions.get()
    proposed = {"part": f"decision-{decision.pk}", "text": "Der Bildungsbericht 2025 wird erstellt"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(link, proposed)
    assert response.status_code == 302
    amendment = Amendment.objects.get(minutes=minutes)
    assert amendment.invitation == invitation and amendment.author_name == "Paula Partner"
    assert amendment.decision == decision and amendment.author_user is None
    # The minute-taker hears of it, with the link to decide.
    told = mail.outbox[-1]
    assert told.to == [m.editor.email] and "Paula Partner" in told.body
    assert _minutes_url(minutes, "amendment_decide", number=amendment.number) in told.body


def test_a_tampered_or_foreign_link_is_not_found(client):
    m = meeting()
    minutes = in_review(m)
    invitation = invitation_send(minutes=minutes, name="P", email="p@x.example", actor=m.editor)
    token = invitation_token(invitation)
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    foreign = signing.dumps(
        {"i": invitation.pk, "m": minutes.pk}, salt="events.registration.cancel"
    )
    other = signing.dumps(
        {"i": invitation.pk, "m": minutes.pk + 1}, salt="events.minutes.invitation"
    )
    for bad in (tampered, foreign, other):
        url = reverse("events:minutes_review_link", kwargs={"token": bad})
        assert client.get(url).status_code == 404
        assert client.post(url, {"part": "body", "text": "x"}).status_code == 404
    assert not Amendment.objects.exists()


def test_after_approval_the_personal_link_no_longer_accepts_amendments(client):
    m = meeting()
    minutes = in_review(m)
    invitation = invitation_send(minutes=minutes, name="P", email="p@x.example", actor=m.editor)
    link = reverse("events:minutes_review_link", kwargs={"token": invitation_token(invitation)})
    client.force_login(m.chair)
    client.post(_minutes_url(minutes, "minutes_approve"))
    client.logout()
    page = client.get(link).content.decode()
    assert "Änderungsanträge sind nicht mehr möglich" in page
    assert client.post(link, {"part": "body", "text": "Zu spät"}).status_code == 403
    assert not Amendment.objects.exists()


def _amend(minutes, m, text="Der Bildungsbericht 2025 wird erstellt."):
    decision = minutes.decisions.get()
    return amendment_propose(
        minutes=minutes, data={"part": "decision", "target": decision, "text": text},
        author_user=m.viewer,
    )  # fmt: skip


def test_accepting_an_amendment_applies_it_as_a_new_version(client):
    m = meeting()
    minutes = in_review(m)
    amendment = _amend(minutes, m)
    before = Minutes.objects.get(pk=minutes.pk).version
    client.force_login(m.editor)
    url = _minutes_url(minutes, "amendment_decide", number=amendment.number)
    assert client.get(url).status_code == 200
    client.post(
        url, {"decision": "accept", "accept-text": "Der Bildungsbericht 2025 wird erstellt."}
    )
    amendment.refresh_from_db()
    minutes.refresh_from_db()
    assert amendment.status == AmendmentStatus.ACCEPTED
    assert minutes.version == before + 1 == amendment.applied_version
    assert minutes.decisions.get().text == "Der Bildungsbericht 2025 wird erstellt."
    assert "angenommen" in minutes.versions.get(number=minutes.version).note


def test_rejecting_an_amendment_needs_a_reason_and_is_kept_as_a_version(client):
    m = meeting()
    minutes = in_review(m)
    amendment = _amend(minutes, m)
    before = Minutes.objects.get(pk=minutes.pk).version
    client.force_login(m.editor)
    url = _minutes_url(minutes, "amendment_decide", number=amendment.number)
    assert client.post(url, {"decision": "reject", "reject-response": ""}).status_code == 400
    client.post(url, {"decision": "reject", "reject-response": "So nicht beschlossen."})
    amendment.refresh_from_db()
    minutes.refresh_from_db()
    assert amendment.status == AmendmentStatus.REJECTED
    assert amendment.response == "So nicht beschlossen."
    assert minutes.version == before + 1
    assert minutes.decisions.get().text.startswith("Der Bildungsbericht 2024")


def test_approval_waits_for_open_amendments(client):
    m = meeting()
    minutes = in_review(m)
    _amend(minutes, m)
    client.force_login(m.chair)
    response = client.post(_minutes_url(minutes, "minutes_approve"), follow=True)
    assert "offenen Änderungsanträge" in " ".join(_messages(response))
    assert Minutes.objects.get(pk=minutes.pk).status == MinutesStatus.REVIEW


def test_a_member_proposes_an_amendment_while_in_review(client):
    m = meeting()
    minutes = in_review(m)
    client.force_login(m.viewer)
    url = _minutes_url(minutes, "amendment_create")
    assert client.get(url).status_code == 200
    client.post(url, {"part": "body", "text": "Im Text fehlt: Die AG tagt quartalsweise."})
    amendment = Amendment.objects.get(minutes=minutes)
    assert amendment.author_user == m.viewer and amendment.part == "body"


def test_two_editors_never_overwrite_each_other(client):
    m = meeting()
    minutes = draft(m)
    client.force_login(m.editor)
    token = version_token(minutes, ("attendees", "body"))
    first = client.post(
        _minutes_url(minutes, "minutes_edit"),
        {"attendees": "A", "body": "<p>Erste Fassung</p>", TOKEN_FIELD: token},
    )
    assert first.status_code == 302
    second = client.post(
        _minutes_url(minutes, "minutes_edit"),
        {"attendees": "B", "body": "<p>Zweite Fassung</p>", TOKEN_FIELD: token},
    )
    assert second.status_code == 409
    assert Minutes.objects.get(pk=minutes.pk).body == "<p>Erste Fassung</p>"


def test_a_viewer_or_the_minute_taker_cannot_approve(client):
    m = meeting()
    minutes = in_review(m)
    for user in (m.viewer, m.editor):
        client.force_login(user)
        assert client.post(_minutes_url(minutes, "minutes_approve")).status_code == 403
    client.force_login(m.coordinator)
    client.post(_minutes_url(minutes, "minutes_approve"))
    assert Minutes.objects.get(pk=minutes.pk).status == MinutesStatus.APPROVED


def test_the_public_sees_approved_minutes_of_public_meetings_only(client):
    public = meeting()
    hidden = meeting(public=False, title="Interne Sitzung")
    draft_minutes = draft(public)
    assert client.get(_minutes_url(draft_minutes)).status_code == 404
    client.force_login(public.viewer)
    assert client.get(_minutes_url(draft_minutes)).status_code == 200
    client.logout()
    approved_public = approved(meeting(title="Öffentliche Sitzung"))
    assert client.get(_minutes_url(approved_public)).status_code == 200
    approved_hidden = approved(hidden)
    assert client.get(_minutes_url(approved_hidden)).status_code == 404
    client.force_login(hidden.stranger)
    assert client.get(_minutes_url(approved_hidden)).status_code == 404
    client.force_login(hidden.viewer)
    assert client.get(_minutes_url(approved_hidden)).status_code == 200


def test_the_meeting_page_links_its_minutes(client):
    m = meeting()
    minutes = approved(m)
    page = client.get(m.event.get_absolute_url()).content.decode()
    assert _minutes_url(minutes) in page


def test_a_meeting_without_minutes_offers_the_start_to_those_who_write_them(client):
    m = meeting()
    url = reverse("events:minutes_detail", kwargs={"slug": m.event.slug})
    client.force_login(m.viewer)
    assert "Protokoll beginnen" not in client.get(m.event.get_absolute_url()).content.decode()
    assert client.get(url).status_code == 403
    client.force_login(m.editor)
    assert "Protokoll beginnen" in client.get(m.event.get_absolute_url()).content.decode()
    assert client.get(url).status_code == 200


def test_a_decision_edited_by_two_never_loses_the_first_edit(client):
    m = meeting()
    minutes = draft(m)
    decision = minutes.decisions.get()
    url = _minutes_url(minutes, "decision_edit", number=decision.number)
    client.force_login(m.editor)
    token = client.get(url).context["form"][TOKEN_FIELD].value()
    assert client.post(url, {"text": "Erste Fassung", TOKEN_FIELD: token}).status_code == 302
    second = client.post(url, {"text": "Zweite Fassung", TOKEN_FIELD: token})
    assert second.status_code == 409
    decision.refresh_from_db()
    assert decision.text == "Erste Fassung"
    assert minutes.versions.filter(note="Beschluss 1 gespeichert").count() == 2


def test_an_action_item_edited_by_two_never_loses_the_first_edit(client):
    m = meeting()
    minutes = draft(m)
    item = with_action(minutes, m.editor)
    url = _minutes_url(minutes, "action_edit", number=item.number)
    client.force_login(m.editor)
    token = client.get(url).context["form"][TOKEN_FIELD].value()
    first = client.post(url, {"text": "Erste Fassung", "due": "2030-01-31", TOKEN_FIELD: token})
    assert first.status_code == 302
    second = client.post(url, {"text": "Zweite Fassung", TOKEN_FIELD: token})
    assert second.status_code == 409
    item.refresh_from_db()
    assert item.text == "Erste Fassung" and item.due.isoformat() == "2030-01-31"
