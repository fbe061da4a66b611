"""Every page reachable from the home page passes axe-core (WCAG 2.1 A/AA): logged out in
German and in English, and logged in as each demo role.

The crawl walks same-origin links breadth-first from `/` and `/en/` with the test client
(GET only; downloads, exports, feeds, the API, Django's admin site and logout are left out)
and audits in Chromium one page per route: the first one met stands for its kind (one place
page for every place page; query strings are dropped, so sorting and paging variants count as
their page), at most `PAGES_PER_ROLE` per role; in English one page per app. The Berlin page
with its map of linked boroughs is audited in test_accessibility.py. The roles share one
test, so the demo data loads once; signed-in roles get the session a forced login makes (it
counts as having used the second factor, see `accounts.tests.sessions`).
"""

from __future__ import annotations

import html
import os
import re
from collections import deque
from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import Resolver404, resolve
from django.utils import translation

from .browser import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES_PER_ROLE = 120
ROLES = [
    None,  # logged out
    "admin@demo.bildungsnetz.example",
    "erfurt@demo.bildungsnetz.example",
    "wien@demo.bildungsnetz.example",
    "vhs@demo.bildungsnetz.example",
    "gast@demo.bildungsnetz.example",
]
# Not pages to audit: files, exports, feeds, machine interfaces, leaving the session.
SKIP = re.compile(
    r"^/(en/)?(api|admin|static|media)/|/logout/|/abmelden/|[?&]format=|"
    r"\.(csv|xlsx|json|ics|pdf|xml|rss|svg|png|jpe?g|zip)$|/(export|feed|ical|download)"
)


@pytest.fixture
def demo_site(transactional_db):
    call_command("demo", stdout=StringIO())


def _client(email: str | None) -> Client:
    """A client for a demo user whose session counts as having used the second factor
    (coordinators and admins need it): the one `accounts.tests.sessions` records."""
    from accounts.models import User
    from accounts.tests.sessions import record_second_factor

    client = Client()
    if email:
        user = User.objects.get(email=email)
        client.force_login(user)
        record_second_factor(client, user)
    return client


def _route(path: str, *, by_language: bool) -> str | None:
    """One key per page kind: the URL pattern (None: not a page of this site). With
    `by_language`, English pages are keys of their own, one per app (its URL namespace): they
    share the German pages' templates, so one English page per app checks what the language
    changes (the `lang` attribute, the language switch, translated labels), and the German
    crawl checks every route."""
    english = path == "/en/" or path.startswith("/en/")
    try:
        # In German, whatever language the client's last request left active.
        with translation.override(settings.LANGUAGE_CODE):
            match = resolve(path[3:] if english else path)
    except Resolver404:
        return None
    if english and by_language:
        return f"en {match.namespace or match.route}"
    return f" {match.route}"


HREF = re.compile(r'<a\b[^>]*?\shref="([^"]+)"')


def crawl(client, page, base_url: str, *, seen: set, by_language: bool, start: list[str]):
    """Walk breadth-first from `start` with the test client (fast: links only), one page per
    route, and audit in the browser the routes not in `seen` (which it extends); returns
    violations per URL and the URLs audited."""
    queue = deque(start)
    queued = {_route(url, by_language=by_language) for url in start}
    audited: list[str] = []
    failures: dict[str, list] = {}
    while queue and len(audited) < PAGES_PER_ROLE:
        url = queue.popleft()
        route = _route(url, by_language=by_language)
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        if route not in seen or url in start:
            seen.add(route)
            page.goto(url)
            audited.append(url)
            violations = axe_violations(page)
            if violations:
                failures[url] = violations
        for href in HREF.findall(response.content.decode()):
            # Sorting and paging variants show the same template: the path is the page.
            local = urlsplit(html.unescape(href))
            if local.netloc and f"{local.scheme}://{local.netloc}" != base_url:
                continue
            if not local.path.startswith("/") or SKIP.search(local.path):
                continue
            next_route = _route(local.path, by_language=by_language)
            if next_route is not None and next_route not in queued:
                queued.add(next_route)
                queue.append(local.path)
    return failures, audited


def test_every_page_reachable_from_home_passes_axe(demo_site, live_server, _browser):
    """All roles in one test: the demo data loads once (a transactional test flushes it).

    Logged out, every route is audited in German, and one page per app in English. The
    signed-in roles add the routes the roles before them did not reach (the first, the
    platform admin, sees most: about 100), each starting from its own home page.
    `A11Y_CRAWL_EVERY_ROLE=1` audits every route for every role (some minutes).
    """
    every_role = os.environ.get("A11Y_CRAWL_EVERY_ROLE") == "1"
    failures, counts = {}, {}
    signed_in_seen: set[str] = set()
    name = settings.SESSION_COOKIE_NAME
    for email in ROLES:
        role = (email or "anonymous").split("@")[0]
        context = _browser.new_context(base_url=live_server.url, locale="de-DE")
        client = _client(email)
        if email:
            cookie = {"name": settings.SESSION_COOKIE_NAME, "value": client.cookies[name].value}
            context.add_cookies([{**cookie, "url": live_server.url}])
        page = context.new_page()
        page.set_default_timeout(15_000)
        try:
            found, audited = crawl(
                client,
                page,
                live_server.url,
                seen=signed_in_seen if email and not every_role else set(),
                by_language=not email,
                start=["/"] if email else ["/", "/en/"],
            )
        finally:
            context.close()
        counts[role] = len(audited)
        print(f"\n{role}:", " ".join(audited))
        failures.update({f"{role} {url}": violations for url, violations in found.items()})
    print("\npages audited per role:", counts)
    for url, violations in failures.items():
        print(" ", url, [(v["id"], v["nodes"][:2]) for v in violations])
    assert counts["anonymous"] > 40 and counts["admin"] > 30 and counts["erfurt"] > 1, counts
    assert failures == {}
