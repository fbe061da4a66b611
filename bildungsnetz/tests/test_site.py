import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_home_answers_in_german(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response["Content-Language"] == "de"
    assert '<html lang="de"' in response.content.decode()


def test_english_switch_answers_in_english(client):
    response = client.get("/en/")  # the literal is the thing tested: English lives under /en/
    assert response.status_code == 200
    assert response["Content-Language"] == "en"
    assert '<html lang="en"' in response.content.decode()


def test_healthz(client):
    # The literal is the thing tested: load balancers and probes ask this exact path.
    assert client.get("/healthz").json() == {"status": "ok"}


def test_loading_the_demo_twice_leaves_the_same_rows(django_db_blocker):
    from django.apps import apps

    call_command("demo")
    counts = {m._meta.label: m._default_manager.count() for m in apps.get_models()}
    call_command("demo")
    again = {m._meta.label: m._default_manager.count() for m in apps.get_models()}
    assert {k: v for k, v in again.items() if counts[k] != v} == {}


def test_security_headers_are_sent(client):
    response = client.get("/")
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
