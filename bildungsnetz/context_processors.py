"""Context every page's layout needs: navigation, language switch, footer and account links."""

from __future__ import annotations

from django.conf import settings
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from pages.models import Page

# (label, url name) of the main navigation; parts whose app is not installed yet are skipped.
# The search is in the header, beside the language switch (`search_url`).
NAVIGATION = [
    (_("Organisations"), "actors:organisation_list"),
    (_("Learning offers"), "offers:offer_list"),
    (_("Cooperation"), "cooperation:partnership_list"),
    (_("Events"), "events:event_list"),
    (_("Work programme"), "programme:programme_list"),
    (_("Knowledge"), "knowledge:entry_list"),
    (_("Partner finding"), "partners:home"),
    (_("Monitoring"), "monitoring:indicator_list"),
    (_("Reports"), "reports:report_list"),
    (_("Surveys"), "surveys:home"),
]
# (label, url name) of the site's own links in the footer, before its pages: places are
# reached from every organisation, offer and indicator; the main navigation keeps one row.
FOOTER_NAVIGATION = [
    (_("Places"), "places:territory_list"),
]


NATIVE_LANGUAGE_NAMES = {"de": "Deutsch", "en": "English"}


def _reverse_or_none(name: str) -> str | None:
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def layout(request) -> dict:
    path = request.path
    nav_items = []
    for label, name in NAVIGATION:
        url = _reverse_or_none(name)
        if url:
            nav_items.append({"label": label, "url": url, "active": path.startswith(url)})
    current = get_language()
    language_links = [
        {
            "code": code,
            # Each language is offered in its own name, whatever the page language is.
            "label": NATIVE_LANGUAGE_NAMES.get(code, code),
            "url": translate_url(request.get_full_path(), code),
            "active": code == current,
        }
        for code, _label in settings.LANGUAGES
    ]
    footer_links = [
        {"label": label, "url": url}
        for label, url in ((label, _reverse_or_none(name)) for label, name in FOOTER_NAVIGATION)
        if url
    ] + [
        {"label": page.title, "url": page.get_absolute_url()}
        for page in Page.objects.filter(in_footer=True).only("slug", "title_de", "title_en")
    ]
    if request.user.is_authenticated:
        account_links = [
            {
                "label": _("My account"),
                "url": _reverse_or_none("accounts:profile"),
                "method": "get",
            },
            {"label": _("Log out"), "url": _reverse_or_none("account_logout"), "method": "post"},
        ]
    else:
        account_links = [
            {"label": _("Log in"), "url": _reverse_or_none("account_login"), "method": "get"}
        ]
    return {
        "nav_items": nav_items,
        "language_links": language_links,
        "footer_links": footer_links,
        "account_links": [link for link in account_links if link["url"]],
        "search_url": _reverse_or_none("search:global")
        or _reverse_or_none("actors:organisation_list"),
    }
