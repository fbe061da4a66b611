"""Uploaded files go only to those the owning object's rules allow (issue #11, finding 8)."""

from __future__ import annotations

import importlib
import time

import pytest
from django.core.files.base import ContentFile
from django.urls import clear_url_caches

from accounts.models import RoleLevel
from cooperation.tests.factories import (
    AgreementFactory,
    PartnershipFactory,
    TerritoryFactory,
    UserFactory,
    member,
)
from monitoring.models import ImportLog

DRAFT = b"%PDF-1.4 draft of a non-public agreement"
SIGNED = b"%PDF-1.4 the signed text"
RAW = b"ags;jahr;wert\n16051000;2024;12\n"


def _sign_in(client, user) -> None:
    """Signed in as `user`, with the second factor used in this session if the user has one
    (coordinators must; the MFA middleware checks the session, not the device)."""
    from allauth.account.internal.flows.login import (
        _AUTHENTICATION_METHODS_USER_SESSION_KEY,
        AUTHENTICATION_METHODS_SESSION_KEY,
    )

    client.force_login(user)
    session = client.session
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "mfa", "at": time.time(), "type": "totp"}
    ]
    session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = str(user.pk)
    session.save()


def _get(client, user, url):
    client.logout()
    if user is not None:
        _sign_in(client, user)
    return client.get(url)


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def _reload_urls() -> None:
    import bildungsnetz.urls

    importlib.reload(bildungsnetz.urls)
    clear_url_caches()


@pytest.fixture(params=["production", "development"])
def mode(request, settings):
    """The URLs as production (DEBUG off) and the development server (DEBUG on) build them:
    the development server used to serve all of MEDIA_ROOT to anyone."""
    settings.DEBUG = request.param == "development"
    _reload_urls()
    yield request.param
    settings.DEBUG = False
    _reload_urls()


@pytest.fixture
def cities(db):
    return TerritoryFactory(name="Astadt"), TerritoryFactory(name="Bstadt"), TerritoryFactory()


@pytest.fixture
def private_agreement(cities):
    a, b, _c = cities
    agreement = AgreementFactory(partnership=PartnershipFactory(parties=[a, b]), is_public=False)
    agreement.document.save("entwurf.pdf", ContentFile(DRAFT))
    return agreement


@pytest.fixture
def public_agreement(cities):
    a, b, _c = cities
    agreement = AgreementFactory(partnership=PartnershipFactory(parties=[a, b]))
    agreement.document.save("unterzeichnet.pdf", ContentFile(SIGNED))
    return agreement


@pytest.fixture
def import_log(cities):
    a, _b, _c = cities
    importer = UserFactory()
    log = ImportLog.objects.create(user=importer, filename="schulen.csv", size=len(RAW))
    log.territories.add(a)
    log.upload.save("schulen.csv", ContentFile(RAW))
    return log


def test_it_hides_a_non_public_agreements_draft_from_anonymous_and_foreign_users(
    client, mode, cities, private_agreement
):
    _a, _b, c = cities
    url = private_agreement.document.url
    assert url.startswith("/media/cooperation/agreements/")  # literal: the public file layout
    for user in (None, UserFactory(), member(c, RoleLevel.COORDINATOR)):
        assert _get(client, user, url).status_code == 404


def test_it_serves_a_non_public_agreements_draft_to_its_parties(client, cities, private_agreement):
    a, b, _c = cities
    url = private_agreement.document.url
    for user in (member(a, RoleLevel.VIEWER), member(b, RoleLevel.COORDINATOR)):
        response = _get(client, user, url)
        assert response.status_code == 200
        assert _body(response) == DRAFT
        assert response["Content-Disposition"].startswith("attachment")
        assert "no-store" in response["Cache-Control"]


def test_it_serves_a_public_agreements_signed_document_to_anyone(client, public_agreement):
    response = _get(client, None, public_agreement.document.url)
    assert response.status_code == 200
    assert _body(response) == SIGNED
    assert "public" not in response["Cache-Control"]  # never kept by a shared cache


def test_the_agreement_page_links_to_the_checked_download(client, cities, private_agreement):
    a, _b, _c = cities
    party = member(a, RoleLevel.VIEWER)
    _sign_in(client, party)
    page = client.get(private_agreement.get_absolute_url())
    assert private_agreement.document.url in page.content.decode()
    assert client.get(private_agreement.document.url).status_code == 200


def test_it_serves_a_raw_import_file_only_to_the_importer_and_coordinators(
    client, mode, cities, import_log
):
    a, b, _c = cities
    url = import_log.upload.url
    assert url.startswith("/media/monitoring/imports/")  # literal: the public file layout
    allowed = [import_log.user, member(a, RoleLevel.COORDINATOR)]
    refused = [None, UserFactory(), member(a, RoleLevel.EDITOR), member(b, RoleLevel.COORDINATOR)]
    for user in allowed:
        response = _get(client, user, url)
        assert response.status_code == 200, user
        assert _body(response) == RAW
    for user in refused:
        assert _get(client, user, url).status_code == 404, user


def test_it_serves_no_file_that_no_object_claims(client, mode, settings, cities, private_agreement):
    (settings.MEDIA_ROOT / "loose").mkdir(exist_ok=True)
    (settings.MEDIA_ROOT / "loose" / "geheim.txt").write_bytes(b"secret")
    superuser = UserFactory(is_superuser=True)
    name = private_agreement.document.name
    # Literal paths are the thing tested: hand-made requests no object links to.
    for path in (
        "/media/loose/geheim.txt",
        "/media/cooperation/agreements/",
        "/media/cooperation/agreements/x/../" + name.split("/", 2)[2],
        "/media/" + name.replace("/", "//", 1),
    ):
        assert _get(client, superuser, path).status_code == 404, path


def test_it_hands_the_file_to_nginx_with_x_accel_redirect(client, settings, public_agreement):
    settings.MEDIA_SENDFILE = "x-accel-redirect"
    response = client.get(public_agreement.document.url)
    assert response.status_code == 200
    assert response.content == b""
    assert response["X-Accel-Redirect"] == "/internal-media/" + public_agreement.document.name
    assert response["Content-Type"] == "application/pdf"


def test_it_hands_the_file_to_apache_with_x_sendfile(client, settings, public_agreement):
    settings.MEDIA_SENDFILE = "x-sendfile"
    response = client.get(public_agreement.document.url)
    assert response.status_code == 200
    assert response.content == b""
    assert response["X-Sendfile"] == public_agreement.document.path


def test_it_checks_the_rules_before_handing_a_file_to_the_proxy(
    client, mode, settings, private_agreement
):
    settings.MEDIA_SENDFILE = "x-accel-redirect"
    response = client.get(private_agreement.document.url)
    assert response.status_code == 404
    assert "X-Accel-Redirect" not in response
