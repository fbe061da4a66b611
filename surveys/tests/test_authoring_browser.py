"""The authoring pages in a browser: axe-core (WCAG 2.1 AA) finds no violation on the public
home page and wave page, nor on the pages an editor works with (instruments, a version, the
question form with its error summary, a wave with progress and quotas)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from accounts.models import RoleLevel
from accounts.tests.factories import member
from bildungsnetz.tests.browser import axe_violations
from surveys import services
from surveys.models import Choice, QuestionKind, WaveStatus

from .factories import ChoiceFactory, QuestionFactory, WaveFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _signed_in(page, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )


def test_authoring_pages_pass_axe(axe_page, live_server):
    first = QuestionFactory(code="TH01", text="Fühlen Sie sich beteiligt?")
    ChoiceFactory(question=first, code="1", label="ja")
    ChoiceFactory(question=first, code="2", label="nein")
    matrix = QuestionFactory(
        section=first.section, code="TH05", kind=QuestionKind.MATRIX, text="Wie gut …",
        condition_question=first, condition_operator="equals", condition_values=["1"],
    )  # fmt: skip
    ChoiceFactory(question=matrix, role=Choice.Role.ITEM, code="TH05a", label="Schule")
    version = first.version
    instrument = version.instrument
    running = WaveFactory(version=version, territory=instrument.territory, title="Welle Erfurt",
                          status=WaveStatus.DRAFT, population_size=100)  # fmt: skip
    services.wave_open(wave=running)
    draft = WaveFactory(version=version, territory=instrument.territory, status=WaveStatus.DRAFT)
    services.quota_add(wave=draft, choice=first.choices.get(code="1"), limit=50)
    page = axe_page

    page.goto(reverse("surveys:home"))
    assert page.get_by_text("Welle Erfurt").first.is_visible()
    assert axe_violations(page) == []
    page.goto(running.get_absolute_url())
    assert axe_violations(page) == []

    _signed_in(page, live_server, member(instrument.territory, RoleLevel.EDITOR))
    for url in (
        reverse("surveys:instrument_list"),
        instrument.get_absolute_url(),
        reverse("surveys:version_detail", args=[instrument.code, version.number]),
        reverse("surveys:instrument_edit", args=[instrument.code]),
        draft.get_absolute_url(),
        reverse("surveys:wave_create", args=[instrument.code]),
    ):
        page.goto(url)
        assert axe_violations(page) == [], url

    copy = services.version_copy(version=version, note="neu")
    page.goto(reverse("surveys:question_create", args=[instrument.code, copy.number]))
    page.locator("#id_code").fill("TH01")
    page.locator("#id_text_de").fill("Doppelt?")
    page.locator("#id_text_de").press("Enter")
    assert page.locator(".bn-error-summary").is_visible()
    assert axe_violations(page) == []
