"""The public pages kept for anonymous visitors (bildungsnetz/pagecache.py): who gets a kept
page, what is never kept, and that a withdrawal shows at once while an edit may wait."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.tests.factories import UserFactory
from bildungsnetz import pagecache
from offers.tests.factories import OfferFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def kept(settings):
    settings.PAGE_CACHE_SECONDS = 60
    caches[pagecache.CACHE].clear()
    yield
    caches[pagecache.CACHE].clear()


@pytest.fixture
def offer(reference_territories):
    return OfferFactory(title_de="Lesewerkstatt für Kinder")


def _get(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200
    return response


def test_the_second_anonymous_visitor_gets_the_page_without_a_query(client, kept, offer):
    url = reverse("offers:offer_list")
    first = _get(client, url)
    assert first[pagecache.HEADER] == "miss"
    with CaptureQueriesContext(connection) as queries:
        second = _get(client, url)
    assert second[pagecache.HEADER] == "hit"
    assert second.content == first.content and "Lesewerkstatt" in second.content.decode()
    assert second["Content-Type"] == first["Content-Type"]
    assert "Cookie" in second["Vary"]
    assert len(queries) == 0


def test_a_withdrawn_offer_leaves_the_kept_pages_at_once(
    client, kept, offer, django_capture_on_commit_callbacks
):
    detail = reverse("offers:offer_detail", args=[offer.slug])
    _get(client, reverse("offers:offer_list"))
    _get(client, detail)
    with django_capture_on_commit_callbacks(execute=True):
        offer.is_public = False
        offer.save()
    page = _get(client, reverse("offers:offer_list"))
    assert page[pagecache.HEADER] == "miss"
    assert "Lesewerkstatt" not in page.content.decode()
    assert client.get(detail).status_code == 404


def test_a_deleted_organisation_leaves_the_kept_pages_at_once(
    client, kept, offer, django_capture_on_commit_callbacks
):
    url = reverse("actors:organisation_list")
    name = offer.provider.name
    assert name in _get(client, url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        offer.provider.delete()
    assert name not in _get(client, url).content.decode()


def test_an_edit_that_keeps_the_offer_public_reaches_visitors_when_the_page_expires(
    client, kept, offer, django_capture_on_commit_callbacks
):
    detail = reverse("offers:offer_detail", args=[offer.slug])
    _get(client, detail)
    with django_capture_on_commit_callbacks(execute=True):
        offer.title_de = "Schreibwerkstatt für Kinder"
        offer.save()
    assert "Lesewerkstatt" in _get(client, detail).content.decode()  # kept: at most a minute
    caches[pagecache.CACHE].clear()  # what the expiry does
    assert "Schreibwerkstatt" in _get(client, detail).content.decode()


def test_signed_in_users_never_get_nor_fill_a_kept_page(client, kept, offer):
    url = reverse("offers:offer_list")
    client.force_login(UserFactory())
    response = _get(client, url)
    assert pagecache.HEADER not in response
    client.logout()
    assert _get(client, url)[pagecache.HEADER] == "miss"  # the signed-in page was not kept


def test_a_visitor_with_a_session_or_a_token_gets_a_fresh_page(client, kept, offer):
    url = reverse("offers:offer_list")
    _get(client, url)
    client.cookies["sessionid"] = "anything"
    assert pagecache.HEADER not in _get(client, url)
    del client.cookies["sessionid"]
    assert pagecache.HEADER not in _get(client, url, HTTP_AUTHORIZATION="Bearer x")


def test_pages_with_a_csrf_token_are_not_kept(rf, kept):
    @pagecache.public_page
    def form_page(request):
        return HttpResponse(f"<input name=csrfmiddlewaretoken value={get_token(request)}>")

    assert form_page(rf.get("/form/"))[pagecache.HEADER] == "bypass"
    assert form_page(rf.get("/form/"))[pagecache.HEADER] == "bypass"  # nothing was kept


def test_the_offers_page_holds_no_csrf_token_for_anonymous_visitors(client, kept, offer):
    """The saved-search form used to put a token on the page: no visitor could share it."""
    page = _get(client, reverse("offers:offer_list"))
    assert "csrfmiddlewaretoken" not in page.content.decode()
    assert page[pagecache.HEADER] == "miss" and "csrftoken" not in page.cookies


def test_languages_hosts_and_htmx_partials_are_kept_apart(client, kept, offer, settings):
    settings.ALLOWED_HOSTS = ["testserver", "other.example"]
    url = reverse("offers:offer_list")
    german = _get(client, url)
    english = _get(client, "/en" + url)
    partial = _get(client, url, HTTP_HX_REQUEST="true")
    assert english[pagecache.HEADER] == "miss" and partial[pagecache.HEADER] == "miss"
    assert german.content != english.content and b"<html" not in partial.content
    assert _get(client, url, HTTP_HOST="other.example")[pagecache.HEADER] == "miss"


def test_only_successful_pages_are_kept(client, kept, reference_territories):
    url = reverse("offers:offer_detail", args=["gibt-es-nicht"])
    assert client.get(url).status_code == 404
    assert client.get(url).status_code == 404
    assert pagecache.HEADER not in client.get(url)


def test_off_with_zero_seconds(client, settings, offer):
    settings.PAGE_CACHE_SECONDS = 0
    assert pagecache.HEADER not in _get(client, reverse("offers:offer_list"))


def test_readiness_fails_when_the_page_cache_cannot_be_written(client, settings, tmp_path):
    (tmp_path / "a-file").write_text("not a directory")
    settings.PAGE_CACHE_SECONDS = 60
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "a-file" / "pages"),
        },
    }
    response = client.get(reverse("readyz"))
    assert response.status_code == 503
    assert response.json()["checks"]["page_cache"]["ok"] is False
    settings.PAGE_CACHE_SECONDS = 0  # off: nothing to check
    assert client.get(reverse("readyz")).json()["checks"]["page_cache"] == {"ok": True}


def test_a_process_that_keeps_no_pages_still_withdraws_from_the_shared_cache(
    client, kept, offer, settings, django_capture_on_commit_callbacks
):
    """A withdrawal made in a shell or by the worker, where the cache is off, used to leave
    the servers' kept pages in place."""
    detail = reverse("offers:offer_detail", args=[offer.slug])
    _get(client, detail)
    settings.PAGE_CACHE_SECONDS = 0  # the other process
    with django_capture_on_commit_callbacks(execute=True):
        offer.is_public = False
        offer.save()
    settings.PAGE_CACHE_SECONDS = 60
    assert client.get(detail).status_code == 404
