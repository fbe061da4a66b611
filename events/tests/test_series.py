"""Series: every first Tuesday at 10:00 in Berlin across the change of summer time,
exceptions (cancelled dates) and moved dates, materialised idempotently."""

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from events.models import Event, EventStatus, ExceptionAction
from events.services import event_cancel
from events.services_series import series_exception_save, series_materialise

from .factories import SeriesFactory

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2027, 1, 1, 8, 0, tzinfo=UTC)


def _meetings(series):
    return list(Event.objects.filter(series=series).order_by("series_date"))


def test_every_first_tuesday_at_ten_stays_at_ten_across_summer_time():
    series = SeriesFactory(first_date=date(2027, 1, 1), horizon_days=150)
    series_materialise(series=series, now=NOW)
    meetings = _meetings(series)
    assert [m.series_date for m in meetings] == [
        date(2027, 1, 5), date(2027, 2, 2), date(2027, 3, 2), date(2027, 4, 6),
        date(2027, 5, 4),
    ]  # fmt: skip
    march, april = meetings[2], meetings[3]
    # 10:00 CET is 09:00 UTC; after the change on 28 March 2027, 10:00 CEST is 08:00 UTC.
    assert march.starts_at.astimezone(UTC).time() == time(9, 0)
    assert april.starts_at.astimezone(UTC).time() == time(8, 0)
    assert {m.local_start.time() for m in meetings} == {time(10, 0)}
    assert {m.local_end.time() for m in meetings} == {time(11, 30)}


def test_materialising_twice_changes_nothing():
    series = SeriesFactory(horizon_days=90)
    first = series_materialise(series=series, now=NOW)
    second = series_materialise(series=series, now=NOW)
    assert first.created == 3 and second.changed == 0
    assert len(_meetings(series)) == 3


def test_a_cancelled_date_is_kept_as_cancelled_and_a_moved_date_moves():
    series = SeriesFactory(horizon_days=90)
    series_materialise(series=series, now=NOW)
    february = _meetings(series)[1]
    sequence = february.sequence
    series_exception_save(series=series, date=date(2027, 2, 2), action=ExceptionAction.CANCELLED)
    series_exception_save(
        series=series,
        date=date(2027, 3, 2),
        action=ExceptionAction.MOVED,
        moved_start=datetime(2027, 3, 4, 14, 0, tzinfo=BERLIN),
        moved_end=datetime(2027, 3, 4, 15, 0, tzinfo=BERLIN),
    )
    series_materialise(series=series, now=NOW)
    jan, feb, mar = _meetings(series)
    assert (jan.status, feb.status, mar.status) == (
        EventStatus.SCHEDULED, EventStatus.CANCELLED, EventStatus.RESCHEDULED,
    )  # fmt: skip
    assert feb.sequence == sequence + 1
    assert mar.local_start == datetime(2027, 3, 4, 14, 0, tzinfo=BERLIN)
    assert mar.series_date == date(2027, 3, 2)


def test_cancelling_a_meeting_on_its_page_survives_the_next_materialisation():
    series = SeriesFactory(horizon_days=40)
    series_materialise(series=series, now=NOW)
    meeting = _meetings(series)[0]
    event_cancel(event=meeting, note="Ferien")
    series_materialise(series=series, now=NOW)
    meeting.refresh_from_db()
    assert meeting.status == EventStatus.CANCELLED
    assert series.exceptions.get().action == ExceptionAction.CANCELLED


def test_past_meetings_are_not_changed():
    series = SeriesFactory(horizon_days=40)
    series_materialise(series=series, now=NOW)
    series.start_time = time(9, 0)
    series.save()
    later = datetime(2027, 1, 20, tzinfo=UTC)
    series_materialise(series=series, now=later)
    january, february = _meetings(series)[:2]
    assert january.local_start.time() == time(10, 0)
    assert february.local_start.time() == time(9, 0)


def test_the_series_page_lists_past_and_upcoming_meetings(client):
    series = SeriesFactory(first_date=date(2020, 1, 1), last_date=date(2020, 3, 31))
    series_materialise(series=series, now=NOW)
    response = client.get(reverse("events:series_detail", args=[series.slug]))
    assert response.status_code == 200
    meetings = response.context["meetings"]
    assert len(meetings["past"]) == 3 and meetings["upcoming"] == []
    assert "Offene Punkte" in response.content.decode()


def test_an_unreadable_rule_is_refused():
    series = SeriesFactory.build(rule="jeden ersten Dienstag")
    with pytest.raises(Exception, match="FREQ"):
        series.full_clean(exclude=["slug"])
