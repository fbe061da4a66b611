"""Reusable browser fixtures: Debian's Chromium driven by Playwright (never a downloaded one).

Registered once for the whole suite in the root conftest (pytest_plugins), so every app's browser
tests share one Playwright per worker: two sync Playwright instances cannot live in one process."""

from pathlib import Path

import pytest
from django.urls import reverse

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip
AXE_URL = "/static/vendor/axe-core/axe.min.js"


@pytest.fixture(scope="session")
def _browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed (apt-get install chromium)")
    import os

    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread; the ORM calls the tests make
    # next to it are still synchronous.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _page(browser, live_server, **options):
    context = browser.new_context(base_url=live_server.url, locale="de-DE", **options)
    page = context.new_page()
    page.set_default_timeout(10_000)
    return context, page


@pytest.fixture
def browser_page(_browser, live_server):
    """A fresh page (own cookies) whose relative URLs go to the live server; the site's
    Content-Security-Policy applies, so a journey also proves no inline script is needed."""
    context, page = _page(_browser, live_server)
    yield page
    context.close()


@pytest.fixture
def axe_page(browser_page):
    """A page for the audits: the site's own Content-Security-Policy applies, and axe-core is
    loaded from the site's static files (same origin), which that policy allows."""
    return browser_page


def axe_violations(page) -> list[dict]:
    """Run axe-core with the WCAG 2.1 A/AA rules on the current page."""
    page.add_script_tag(url=AXE_URL)
    # resultTypes: only the violations are collected with their nodes (axe's option for
    # speed; passes and inapplicable rules are counted, not listed).
    result = page.evaluate(
        """() => axe.run(document, {runOnly: {type: 'tag',
             values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
             resultTypes: ['violations']})"""
    )
    return [
        {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


def tab_to(page, selector: str, *, limit: int = 300) -> None:
    """Press Tab until the element matching `selector` has focus (keyboard only)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = "(s) => document.activeElement && document.activeElement.matches(s)"
        if page.evaluate(focused, selector):
            return
    raise AssertionError(f"{selector} is not reachable by keyboard")


def log_in_with_second_factor(page, email: str) -> None:
    """Log a demo account in through the real screens: password, then the TOTP code."""
    import re

    from accounts.demo import DEMO_PASSWORD, totp_code

    page.goto(reverse("account_login"))
    page.locator('input[name="login"]').fill(email)
    password = page.locator('input[name="password"]')
    password.fill(DEMO_PASSWORD)
    password.press("Enter")
    page.wait_for_url(re.compile(reverse("mfa_authenticate")))
    code = page.locator('input[name="code"]')
    code.fill(totp_code())
    code.press("Enter")
    page.wait_for_url(
        lambda url: reverse("mfa_index") not in url and reverse("account_login") not in url
    )
