"""The review workflow: a draft by its author, reviewed by a second person, then published;
comments per section; every step recorded."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import RoleLevel
from accounts.tests.factories import member
from actors.tests.factories import OrganisationFactory
from events.tests.factories import EventFactory
from knowledge.forms import EntryForm
from knowledge.models import Entry, EntryStatus, ReviewComment, Section
from knowledge.services import comment_add, entry_approve, entry_return, entry_submit

from .factories import EntryFactory


def _url(name, *args):
    return reverse(f"knowledge:{name}", args=args)


@pytest.fixture
def draft(org, author):
    return EntryFactory(owner=author, organisations=[org], status=EntryStatus.DRAFT)


def test_an_editor_adds_an_entry_as_a_draft_owned_by_them(client, author, org):
    client.force_login(author)
    with translation.override("en"):
        response = client.post(
            _url("entry_create"),
            {"kind": "practice", "title_de": "Lernpaten im Stadtteil", "organisations": [org.pk],
             "review_due": "2030-01-01", "context": "Zu wenig Unterstützung.", "is_public": "on"},
        )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = Entry.objects.get(title_de="Lernpaten im Stadtteil")
    assert entry.status == EntryStatus.DRAFT
    assert entry.owner == author
    assert entry.state_changes.get().to_state == EntryStatus.DRAFT


def test_a_new_entry_is_due_for_review_in_two_years(author, org):
    entry = Entry(title="Neu", slug="neu")
    today = timezone.localdate()
    assert (entry.review_due - today).days == 730


def test_it_refuses_an_entry_for_an_organisation_the_author_does_not_edit(client, author):
    other = OrganisationFactory()
    client.force_login(author)
    with translation.override("en"):
        response = client.post(
            _url("entry_create"),
            {"kind": "practice", "title_de": "Fremd", "review_due": "2030-01-01",
             "organisations": [other.pk]},
        )  # fmt: skip
    assert response.status_code == 200
    assert "you are an editor of" in response.content.decode()
    assert not Entry.objects.filter(title_de="Fremd").exists()


def test_a_draft_is_not_public(client, draft):
    with translation.override("en"):
        assert client.get(draft.get_absolute_url()).status_code == 404


def test_the_author_cannot_approve_their_own_entry(draft, author):
    entry_submit(entry=draft, actor=author)
    with pytest.raises(PermissionDenied):
        entry_approve(entry=draft, actor=author)
    assert Entry.objects.get(pk=draft.pk).status == EntryStatus.REVIEW


def test_a_second_person_approves_and_the_steps_are_recorded(draft, author, reviewer):
    entry_submit(entry=draft, actor=author, note="Bitte prüfen")
    entry = entry_approve(entry=draft, actor=reviewer)
    assert entry.status == EntryStatus.PUBLISHED
    assert entry.reviewer == reviewer and entry.published_at is not None
    steps = [(s.from_state, s.to_state, s.user) for s in entry.state_changes.order_by("pk")]
    assert steps == [("draft", "review", author), ("review", "published", reviewer)]


def test_an_editor_elsewhere_cannot_approve(draft, author):
    entry_submit(entry=draft, actor=author)
    outsider = member(role=RoleLevel.EDITOR, organisation=OrganisationFactory())
    with pytest.raises(PermissionDenied):
        entry_approve(entry=draft, actor=outsider)


def test_returning_an_entry_asks_why_and_makes_it_a_draft_again(draft, author, reviewer):
    entry_submit(entry=draft, actor=author)
    with pytest.raises(ValidationError):
        entry_return(entry=draft, actor=reviewer, note=" ")
    entry = entry_return(entry=draft, actor=reviewer, note="Ergebnisse belegen")
    assert entry.status == EntryStatus.DRAFT
    assert entry.state_changes.last().note == "Ergebnisse belegen"


def test_the_pages_take_the_entry_through_review(client, draft, author, reviewer):
    client.force_login(author)
    with translation.override("en"):
        client.post(_url("entry_submit", draft.slug))
        assert Entry.objects.get(pk=draft.pk).status == EntryStatus.REVIEW
        # The author sees no approve button and cannot approve by posting.
        assert "Approve and publish" not in client.get(draft.get_absolute_url()).content.decode()
        assert client.post(_url("entry_approve", draft.slug)).status_code == 403
        client.force_login(reviewer)
        queue = client.get(_url("review_list")).content.decode()
        assert draft.title in queue
        assert "Approve and publish" in client.get(draft.get_absolute_url()).content.decode()
        client.post(_url("entry_approve", draft.slug), {"note": "Gut"})
    assert Entry.objects.get(pk=draft.pk).status == EntryStatus.PUBLISHED


def test_comments_belong_to_a_section_and_the_author_reads_them(client, draft, author, reviewer):
    entry_submit(entry=draft, actor=author)
    client.force_login(reviewer)
    with translation.override("en"):
        client.post(
            _url("comment_create", draft.slug),
            {"section": Section.RESULTS, "text": "Welche Umfrage belegt das?"},
        )
    comment = ReviewComment.objects.get()
    assert comment.section == Section.RESULTS and comment.author == reviewer
    client.force_login(author)
    with translation.override("en"):
        page = client.get(draft.get_absolute_url()).content.decode()
    assert "Welche Umfrage belegt das?" in page
    assert page.index("Welche Umfrage") > page.index("Review comments")


def test_a_stranger_cannot_comment(draft, author, stranger):
    with pytest.raises(PermissionDenied):
        comment_add(entry=draft, section=Section.GENERAL, text="Hallo", actor=stranger)


def test_the_owner_edits_a_draft_but_not_a_published_entry(client, draft, author, coordinator):
    client.force_login(author)
    org = draft.organisations.get()
    data = {"kind": "practice", "title_de": "Neuer Titel", "organisations": [org.pk],
            "review_due": "2030-01-01", "is_public": "on"}  # fmt: skip
    with translation.override("en"):
        assert client.post(_url("entry_edit", draft.slug), data).status_code == 302
        Entry.objects.filter(pk=draft.pk).update(status=EntryStatus.PUBLISHED)
        assert client.post(_url("entry_edit", draft.slug), data).status_code == 403
        client.force_login(coordinator)
        data["title_de"] = "Vom Koordinator"
        assert client.post(_url("entry_edit", draft.slug), data).status_code == 302
    assert Entry.objects.get(pk=draft.pk).title_de == "Vom Koordinator"


def test_the_form_links_only_to_events_the_author_may_see(author):
    public = EventFactory(title="Öffentliche Werkstatt")
    internal = EventFactory(title="Interne Werkstatt", is_public=False)
    form = EntryForm(user=author)
    offered = set(form.fields["events"].queryset)
    assert public in offered and internal not in offered


def test_an_entry_links_to_an_event_through_the_form(client, author, org):
    event = EventFactory(title="Werkstatt Lernpaten")
    client.force_login(author)
    with translation.override("en"):
        client.post(
            _url("entry_create"),
            {"kind": "practice", "title_de": "Mit Veranstaltung", "organisations": [org.pk],
             "events": [event.pk], "review_due": "2030-01-01"},
        )  # fmt: skip
    entry = Entry.objects.get(title_de="Mit Veranstaltung")
    assert list(entry.events.all()) == [event]
    with translation.override("en"):
        page = client.get(entry.get_absolute_url()).content.decode()
    assert "Werkstatt Lernpaten" in page


def test_the_form_sets_the_evidence_of_the_results(client, draft, author, org):
    client.force_login(author)
    data = {
        "kind": "practice", "title_de": draft.title_de, "organisations": [org.pk],
        "review_due": "2030-01-01", "evidence-TOTAL_FORMS": "2", "evidence-INITIAL_FORMS": "0",
        "evidence-0-kind": "survey", "evidence-0-label": "Elternbefragung 2024",
        "evidence-0-url": "https://example.org/befragung", "evidence-1-kind": "link",
        "evidence-1-label": "",
    }  # fmt: skip
    with translation.override("en"):
        assert client.post(_url("entry_edit", draft.slug), data).status_code == 302
    rows = list(draft.evidence.values_list("kind", "label", "url"))
    assert rows == [("survey", "Elternbefragung 2024", "https://example.org/befragung")]
    # Shown to the reader, and the evidence facet counts it.
    with translation.override("en"):
        page = client.get(draft.get_absolute_url()).content.decode()
    assert "Elternbefragung 2024" in page
    assert Entry.objects.with_evidence().get(pk=draft.pk).has_evidence
