"""Two cancellations at the same moment, each in its own transaction and connection: the event
row lock serialises them, so the waiting list moves up by exactly two people, nobody twice, and
the event never holds more confirmed places than it has. On PostgreSQL (real row locks between
connections); SQLite's in-memory test database is not shared between threads."""

import threading

import pytest
from django.db import connection, connections

from events.models import Registration, RegistrationStatus
from events.services_registration import registration_cancel

from .factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs row locks between connections")
def test_two_simultaneous_cancellations_promote_two_and_never_overfill():
    event = EventFactory(registration_enabled=True, capacity=2)
    confirmed = [RegistrationFactory(event=event) for _ in range(2)]
    waiting = [
        RegistrationFactory(event=event, status=RegistrationStatus.WAITING) for _ in range(3)
    ]
    barrier = threading.Barrier(2)
    errors = []

    def cancel(registration):
        try:
            barrier.wait(timeout=10)
            registration_cancel(registration=registration)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=cancel, args=(r,)) for r in confirmed]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == []
    states = dict(Registration.objects.filter(event=event).values_list("pk", "status"))
    assert [states[r.pk] for r in waiting] == ["confirmed", "confirmed", "waiting"]
    assert list(states.values()).count("confirmed") == 2
    assert Registration.objects.filter(event=event, promoted_at__isnull=False).count() == 2
