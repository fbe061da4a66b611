"""Review dates: an entry past its review date is marked on the list and its page, can be
filtered, and its owner is reminded once per review date."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from bildungsnetz.schedule import periodic_tasks
from knowledge.models import Entry
from knowledge.reminders import entries_remind_review
from knowledge.services import entry_confirm_current

from .factories import EntryFactory


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def overdue(org, author, today):
    return EntryFactory(
        title="Alte Praxis", owner=author, organisations=[org],
        review_due=today - dt.timedelta(days=1),
    )  # fmt: skip


@pytest.fixture
def current(org, author, today):
    return EntryFactory(
        title="Frische Praxis", owner=author, organisations=[org],
        review_due=today + dt.timedelta(days=30),
    )  # fmt: skip


def test_an_overdue_entry_is_marked_on_the_list_and_its_page(client, overdue, current):
    with translation.override("en"):
        page = client.get(reverse("knowledge:entry_list")).content.decode()
        detail = client.get(overdue.get_absolute_url()).content.decode()
        fresh = client.get(current.get_absolute_url()).content.decode()
    assert page.count("Review overdue") == 1
    assert page.index("Review overdue") > page.index("Alte Praxis")
    assert "Review overdue" in detail and "may be out of date" in detail
    assert "Review overdue" not in fresh


def test_the_list_filters_entries_past_their_review_date(client, overdue, current):
    with translation.override("en"):
        response = client.get(reverse("knowledge:entry_list"), {"overdue": "on"})
    assert list(response.context["page_obj"].object_list) == [overdue]


def test_the_owner_is_reminded_once_per_review_date(overdue, current, author, today):
    assert entries_remind_review(today=today).mails == 1
    assert mail.outbox[0].to == [author.email]
    assert overdue.get_absolute_url() in mail.outbox[0].body
    assert current.get_absolute_url() not in mail.outbox[0].body
    assert entries_remind_review(today=today + dt.timedelta(days=1)).mails == 0
    assert len(mail.outbox) == 1
    # Confirmed as current, then overdue again: a new review date is reminded again.
    entry_confirm_current(entry=overdue, actor=author)
    later = Entry.objects.get(pk=overdue.pk).review_due + dt.timedelta(days=1)
    assert entries_remind_review(today=later).mails == 1


def test_confirming_moves_the_review_date_two_years_on(overdue, author, today):
    entry = entry_confirm_current(entry=overdue, actor=author)
    assert entry.review_due == today + dt.timedelta(days=730)
    assert not entry.is_review_overdue()


def test_the_reminder_runs_daily():
    tasks = {p.name: p.every for p in periodic_tasks()}
    assert tasks["knowledge.tasks.remind_review_due"] == dt.timedelta(days=1)
