import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse_lazy
from django.utils import timezone

from accounts.tests.factories import UserFactory
from actors.tests.factories import OrganisationFactory
from offers.models import Offer, SavedSearch
from offers.services import saved_searches_notify
from offers.tests.factories import OfferFactory

pytestmark = pytest.mark.django_db

SAVE_URL = reverse_lazy("offers:saved_search_create")


def _link(message, name):
    return re.search(rf"https?://\S+/angebote/{name}/\S+/", message.body).group(0)


def test_anonymous_saved_search_needs_confirmation_by_email(client, taxonomies):
    response = client.post(SAVE_URL, {"email": "Eltern@Example.org", "query": "q=Lesen"})
    assert response.status_code == 200
    saved = SavedSearch.objects.get()
    assert saved.email == "eltern@example.org" and saved.confirmed_at is None
    assert len(mail.outbox) == 1
    # Not confirmed: no notification.
    OfferFactory(title_de="Lesen für Kinder")
    assert saved_searches_notify() == 0
    confirm = _link(mail.outbox[0], "suche-bestaetigen")
    assert client.get(confirm.replace("http://127.0.0.1:8000", "")).status_code == 200
    saved.refresh_from_db()
    assert saved.confirmed_at is not None


def test_confirmed_search_gets_new_matches_once_with_an_unsubscribe_link(client, taxonomies):
    saved = SavedSearch.objects.create(
        email="a@example.org", query="q=Lesen", confirmed_at=timezone.now()
    )
    OfferFactory(title_de="Lesen für Kinder")
    OfferFactory(title_de="Kochen")
    assert saved_searches_notify() == 1
    message = mail.outbox[-1]
    assert "Lesen für Kinder" in message.body and "Kochen" not in message.body
    assert saved_searches_notify() == 0  # nothing new since
    unsubscribe = _link(message, "suche-abbestellen").replace("http://127.0.0.1:8000", "")
    assert client.get(unsubscribe).status_code == 200
    client.post(unsubscribe)
    saved.refresh_from_db()
    assert saved.unsubscribed_at is not None
    OfferFactory(title_de="Lesen am Abend")
    assert saved_searches_notify() == 0


def test_a_logged_in_user_with_the_own_address_needs_no_confirmation(client, taxonomies):
    user = UserFactory(email="me@example.org")
    client.force_login(user)
    client.post(SAVE_URL, {"email": "me@example.org", "query": "q=x"})
    saved = SavedSearch.objects.get()
    assert saved.user == user and saved.confirmed_at is not None
    assert mail.outbox == []


def test_an_invalid_address_is_rejected(client, taxonomies):
    response = client.post(SAVE_URL, {"email": "nope", "query": ""})
    assert response.status_code == 400
    assert not SavedSearch.objects.exists()


def test_stale_providers_are_told_once(reference_territories):
    provider = OrganisationFactory(email="info@verein.example")
    old = timezone.now() - timezone.timedelta(days=400)
    OfferFactory(provider=provider, title_de="Alt 1", confirmed_at=old)
    OfferFactory(
        provider=provider,
        title_de="Alt 2",
        end_date=timezone.localdate() - timezone.timedelta(days=1),
    )
    OfferFactory(provider=provider, title_de="Aktuell")
    call_command("offers_stale", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["info@verein.example"]
    assert "Alt 1" in mail.outbox[0].body and "Alt 2" in mail.outbox[0].body
    assert "Aktuell" not in mail.outbox[0].body
    call_command("offers_stale", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(mail.outbox) == 1
    assert set(Offer.objects.listed().values_list("title_de", flat=True)) == {"Aktuell"}


def test_confirming_lists_the_offer_again_and_rearms_the_notice(reference_territories):
    from offers.services import offer_confirm, offers_notify_stale

    offer = OfferFactory(confirmed_at=timezone.now() - timezone.timedelta(days=400))
    offers_notify_stale()
    offer_confirm(offer=offer)
    offer.refresh_from_db()
    assert offer.stale_notified_at is None
    assert Offer.objects.listed().filter(pk=offer.pk).exists()


def test_the_stale_task_runs_through_django_tasks(reference_territories, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    from offers.tasks import notify_stale_offers

    OfferFactory(confirmed_at=timezone.now() - timezone.timedelta(days=400))
    result = notify_stale_offers.enqueue()
    assert result.return_value == 1


def test_saved_search_confirmations_cannot_flood_a_mailbox(client, taxonomies):
    """#11 finding 12: 15 anonymous requests for one address sent 15 mails."""
    statuses = [
        client.post(SAVE_URL, {"email": "opfer@example.org", "query": f"q=L{n}"}).status_code
        for n in range(15)
    ]
    assert statuses[:3] == [200, 200, 200] and set(statuses[3:]) == {429}
    assert len(mail.outbox) == 3
    assert SavedSearch.objects.count() == 3  # a refused request writes nothing either
    refused = client.post(SAVE_URL, {"email": "opfer@example.org"})
    assert "Zu viele Bestätigungs-E-Mails" in refused.content.decode()


def test_one_client_cannot_mail_many_addresses(client, taxonomies):
    statuses = [
        client.post(SAVE_URL, {"email": f"p{n}@example.org"}).status_code for n in range(12)
    ]
    assert statuses.count(200) == 10 and statuses[10:] == [429, 429]
    assert len(mail.outbox) == 10


def test_a_user_saving_for_the_own_address_is_not_limited(client, taxonomies):
    user = UserFactory(email="ich@example.org")
    client.force_login(user)
    for n in range(5):
        response = client.post(SAVE_URL, {"email": "ich@example.org", "query": f"q={n}"})
        assert response.status_code == 200
    assert len(mail.outbox) == 0


def test_an_anonymous_visitor_reaches_the_subscription_form_from_the_offers_page(
    client, taxonomies
):
    """The offers page asks no address of a visitor who is not signed in (it holds no CSRF
    token, so it can be kept for the next one): its button opens the form on its own page."""
    page = client.get(reverse_lazy("offers:offer_list"), {"q": "Lesen"}).content.decode()
    assert 'id="saved-search-form" method="get"' in page and 'name="email"' not in page
    form = client.get(SAVE_URL, {"query": "q=Lesen&unknown=1"})
    html = form.content.decode()
    assert form.status_code == 200 and "csrfmiddlewaretoken" in html
    assert 'name="query" value="q=Lesen"' in html and "„Lesen“" in html
    assert not SavedSearch.objects.exists()


def test_a_mistyped_address_keeps_what_was_typed_and_saves_nothing(client, taxonomies):
    response = client.post(SAVE_URL, {"email": "eltern@", "query": "q=Lesen"})
    html = response.content.decode()
    assert response.status_code == 400
    assert 'value="eltern@"' in html and 'aria-invalid="true"' in html
    assert 'name="query" value="q=Lesen"' in html
    assert not SavedSearch.objects.exists() and not mail.outbox


def test_a_signed_in_user_subscribes_right_on_the_offers_page(client, taxonomies):
    client.force_login(UserFactory(email="ich@example.org"))
    page = client.get(reverse_lazy("offers:offer_list"), {"q": "Lesen"}).content.decode()
    assert 'id="saved-search-form" method="post"' in page
    assert 'name="email"' in page and 'value="ich@example.org"' in page
