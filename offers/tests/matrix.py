"""Matrix specs of the offers app: learning offers (listed, not public, provider not public,
stale, gone stale since indexed, new, held in another city, moved to another provider) and
saved searches.

See bildungsnetz/testing/permissions.py for the framework. Visibility is asked through every way
an offer is seen (detail page and API, offers list and API, RSS feed, global search page and
API, exports, the provider's page); writes through every way an offer is written (edit page and
API, confirm button and API, new-offer page and API, CSV/XLSX/JSON import, admin) and judged by
what happened in the database.
"""

from __future__ import annotations

import io
import itertools
import json
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import F
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from bildungsnetz.testing.permissions import (
    COORDINATORS,
    EDITORS,
    EVERYONE,
    HIDDEN,
    NOBODY,
    ORG_MEMBERS,
    SUPERUSER,
    Action,
    Spec,
    UnexpectedResponse,
    reload,
)

_seq = itertools.count(1)


def _word(n: int) -> str:
    """A made-up search word per offer ("matrixbcd"), so each cell finds only its own offer."""
    return "matrix" + "".join(chr(ord("a") + int(digit)) for digit in str(n))


def _url(name, *args):
    return reverse(f"offers:{name}", args=args)


def _api_url(name, offer=None):
    return reverse(f"api-v1:{name}", kwargs={"slug": offer.slug} if offer else {})


def _ok(response):
    if response.status_code >= 500:
        raise UnexpectedResponse(f"status {response.status_code}: {response.content[:300]!r}")
    return response


def _content(response) -> str:
    _ok(response)
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


# --- making offers --------------------------------------------------------------------------
def make_offer(world, tenant, *, provider=None, district=None, **fields):
    """An offer of the tenant's organisation (its viewer and editor hold their roles there)."""
    from offers.tests.factories import OfferFactory

    n = next(_seq)
    return OfferFactory(
        provider=provider or tenant.org, district=district or tenant.city,
        title_de=f"Lernwerkstatt {_word(n)}", slug=f"matrix-angebot-{n}", **fields,
    )  # fmt: skip


def make_hidden_provider_offer(world, tenant):
    """A public offer whose provider is not public (set before the offer is indexed)."""
    from actors.models import Organisation

    Organisation.objects.filter(pk=tenant.org.pk).update(is_public=False)
    return make_offer(world, tenant, provider=Organisation.objects.get(pk=tenant.org.pk))


def make_stale_offer(world, tenant):
    return make_offer(world, tenant, confirmed_at=timezone.now() - timedelta(days=400))


def make_offer_gone_stale(world, tenant):
    """Current when it was saved (and indexed), stale a year later. Time passing writes
    nothing, so no signal updates the search index: the entry's own expiry must hide it."""
    from offers.models import Offer
    from search.models import SearchEntry

    offer = make_offer(world, tenant)
    # A year passing: every stored time moves a year back relative to now.
    year = timedelta(days=366)
    Offer.objects.filter(pk=offer.pk).update(confirmed_at=F("confirmed_at") - year)
    SearchEntry.objects.filter(kind="offer", object_id=offer.pk).update(
        public_until=F("public_until") - year
    )
    return reload(offer)


def make_offer_elsewhere(world, tenant):
    """An offer of the tenant's organisation held in the *other* tenant's city: the district
    gives nobody a role on it, the provider does."""
    other = world.foreign if tenant is world.own else world.own
    return make_offer(world, tenant, district=other.city)


def third_organisation(world):
    """An organisation seated in the third city (coordinated by `other_city`)."""
    from actors.models import Organisation
    from actors.tests.factories import OrganisationFactory

    found = Organisation.objects.filter(slug="verein-berlin").first()
    return found or OrganisationFactory(
        seat=world.third_city, slug="verein-berlin", name_de="Verein Berlin"
    )


# --- seeing an offer ------------------------------------------------------------------------
def _word_of(offer) -> str:
    return offer.title_de.split()[-1]


def _listed_in_offer_list(call, offer):
    """With search words and no sort, the offers list ranks from the search index alone."""
    response = call.get(_url("offer_list"), {"q": _word_of(offer)})
    return offer.get_absolute_url() in _content(response)


def _listed_in_sorted_offer_list(call, offer):
    """Sorted by title, the offers list filters the offer rows (Offer.objects.listed())."""
    response = call.get(_url("offer_list"), {"q": _word_of(offer), "sort": "title"})
    return offer.get_absolute_url() in _content(response)


def _in_feed(call, offer):
    response = call.get(_url("feed_rss"), {"q": _word_of(offer)})
    return offer.get_absolute_url() in _content(response)


def _in_global_search(call, offer):
    response = call.get(reverse("search:global"), {"q": _word_of(offer)})
    return offer.get_absolute_url() in _content(response)


def _in_search_api(call, offer):
    response = _ok(call.api_get(_api_url("search"), {"q": _word_of(offer), "kind": "offer"}))
    url = offer.get_absolute_url()
    return any(hit["url"].endswith(url) for hit in response.json()["results"])


def _in_offers_api(call, offer):
    response = _ok(call.api_get(_api_url("list_offers"), {"q": _word_of(offer)}))
    return any(row["slug"] == offer.slug for row in response.json()["items"])


def _in_sorted_offers_api(call, offer):
    response = _ok(
        call.api_get(_api_url("list_offers"), {"q": _word_of(offer), "ordering": "title"})
    )
    return any(row["slug"] == offer.slug for row in response.json()["items"])


def _in_json_export(call, offer):
    rows = json.loads(_content(call.get(_url("offer_list"), {"format": "json"})))
    return any(row["title"] == offer.title_de for row in rows)


def _in_csv_export(call, offer):
    return offer.title_de in _content(call.get(_url("offer_list"), {"format": "csv"}))


def _on_provider_page(call, offer):
    response = call.get(offer.provider.get_absolute_url())
    return response.status_code == 200 and offer.get_absolute_url() in _content(response)


def _seeing(allowed, *, view=None, every_listing=False) -> list[Action]:
    """View (detail page, rules, admin) and the listings an offer can show up in.

    The offers list (two paths: ranked from the search index, or sorted over the offer rows)
    and the global search (the index) are asked for every variant; the feed, the exports and
    the provider's page share the offer-row query and are asked where `every_listing`.
    """
    actions = [
        Action(
            "view", view if view is not None else allowed, perm="offers.view_offer",
            admin="view", not_found=HIDDEN,
            page=lambda call, obj: call.get(obj.get_absolute_url()),
            api=lambda call, obj: call.api_get(_api_url("get_offer", obj)),
        ),
        Action("find in the offers list", allowed, page=_listed_in_offer_list,
               probe=_listed_in_sorted_offer_list, api=_in_offers_api),
        Action("find in the sorted offers list (API)", allowed, api=_in_sorted_offers_api),
        Action("find in the global search", allowed, page=_in_global_search, api=_in_search_api),
        Action("export", allowed, probe=_in_json_export,
               **({"page": _in_csv_export} if every_listing else {})),
    ]  # fmt: skip
    if every_listing:
        actions += [
            Action("find in the feed", allowed, probe=_in_feed),
            Action("see on the provider's page", allowed, probe=_on_provider_page),
        ]
    return actions


# --- writing an offer -----------------------------------------------------------------------
def _offer_form(offer, **changes):
    data = {
        "provider": offer.provider_id, "title_de": offer.title_de, "kind": offer.kind,
        "format": offer.format, "stage": offer.stage, "cost": offer.cost,
        "district": offer.district_id or "", "is_public": "on" if offer.is_public else "",
    }  # fmt: skip
    data.update(changes)
    return {k: v for k, v in data.items() if v != ""}


def _edit(call, offer):
    return call.post(_url("offer_edit", offer.slug), _offer_form(offer, title_de="Neu"))


def _edit_api(call, offer):
    return call.api_patch(_api_url("patch_offer", offer), {"title": "Neu"})


def _retitled(offer):
    return reload(offer).title_de == "Neu"


def _admin_request(call):
    request = RequestFactory().post(reverse("admin:index"))
    request.user = call.user
    return request


def _offer_admin():
    from django.contrib import admin

    from offers.models import Offer

    return admin.site._registry[Offer]


def _move_page(call, offer):
    target = third_organisation(call.world)
    return call.post(_url("offer_edit", offer.slug), _offer_form(offer, provider=target.pk))


def _move_api(call, offer):
    target = third_organisation(call.world)
    return call.api_patch(_api_url("patch_offer", offer), {"provider": target.slug})


def _moved(offer):
    return reload(offer).provider.slug == "verein-berlin"


def _move_admin(call, offer):
    """Through the admin: may change the offer, then save it with another provider."""
    from django.core.exceptions import PermissionDenied

    request = _admin_request(call)
    if not _offer_admin().has_change_permission(request, offer):
        return False
    offer.provider = third_organisation(call.world)
    try:
        _offer_admin().save_model(request, offer, form=None, change=True)
    except PermissionDenied:
        return False
    return _moved(offer)


def _confirm(call, offer):
    return call.post(_url("offer_confirm", offer.slug))


def _confirm_api(call, offer):
    return call.api_post(_api_url("confirm_offer", offer), {})


def _confirmed(offer):
    return reload(offer).confirmed_at > timezone.now() - timedelta(days=1)


# --- adding offers (the object is the tenant's organisation, the would-be provider) ---------
def _new_title() -> str:
    return f"Neues Angebot {_word(next(_seq))}"


def _exists(title) -> bool:
    from offers.models import Offer

    return Offer.objects.filter(title_de=title).exists()


def _add_page(call, org):
    title = _new_title()
    data = {"provider": org.pk, "title_de": title, "kind": "formal", "format": "course",
            "stage": "school", "cost": "free", "is_public": "on"}  # fmt: skip
    _ok(call.post(_url("offer_create"), data))
    return _exists(title)


def _add_api(call, org):
    title = _new_title()
    payload = {"provider": org.slug, "title": title, "kind": "formal", "format": "course",
               "stage": "school"}  # fmt: skip
    _ok(call.api_post(_api_url("create_offer"), payload))
    return _exists(title)


def _add_admin(call, org):
    from django.core.exceptions import PermissionDenied

    from offers.models import Offer

    request = _admin_request(call)
    if not _offer_admin().has_add_permission(request):
        return False
    title = _new_title()
    offer = Offer(provider=org, title_de=title, slug=f"admin-{next(_seq)}", kind="formal",
                  format="course", stage="school")  # fmt: skip
    try:
        _offer_admin().save_model(request, offer, form=None, change=False)
    except PermissionDenied:
        return False
    return _exists(title)


IMPORT_HEADER = ["title", "provider", "kind", "format", "stage"]


def _import_file(fmt: str, row: list[str]) -> bytes:
    if fmt == "csv":
        return (";".join(IMPORT_HEADER) + "\n" + ";".join(row) + "\n").encode()
    if fmt == "json":
        return json.dumps([dict(zip(IMPORT_HEADER, row, strict=True))]).encode()
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(IMPORT_HEADER)
    workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _importer(fmt: str):
    def import_(call, org):
        title = _new_title()
        content = _import_file(fmt, [title, org.slug, "non_formal", "course", "adult"])
        upload = SimpleUploadedFile(f"angebote.{fmt}", content)
        _ok(call.post(_url("offer_import"), {"file": upload}))
        return _exists(title)

    return import_


# --- the specs ------------------------------------------------------------------------------
OFFER = Spec(
    "offers.offer",
    make=make_offer,
    actions=[
        *_seeing(EVERYONE, every_listing=True),
        Action(
            "change", EDITORS, perm="offers.change_offer", admin="change", page=_edit,
            api=_edit_api, effect=_retitled,
        ),
        Action("delete", EDITORS, perm="offers.delete_offer", admin="delete"),
        # Nobody but the superuser edits both this offer and the third city's organisation.
        Action(
            "move to another city's organisation", SUPERUSER, page=_move_page, api=_move_api,
            effect=_moved, probe=_move_admin,
        ),
    ],
)  # fmt: skip

HIDDEN_OFFER = Spec(
    "offers.offer (not public)",
    make=lambda world, tenant: make_offer(world, tenant, is_public=False),
    actions=[
        *_seeing(NOBODY, view=ORG_MEMBERS, every_listing=True),
        Action(
            "change", EDITORS, perm="offers.change_offer", page=_edit, api=_edit_api,
            effect=_retitled, not_found="view",
        ),
    ],
)  # fmt: skip

HIDDEN_PROVIDER_OFFER = Spec(
    "offers.offer (provider not public)",
    make=make_hidden_provider_offer,
    actions=[a for a in _seeing(NOBODY, view=ORG_MEMBERS) if a.name != "export"],
)

STALE_OFFER = Spec(
    "offers.offer (stale: not confirmed for a year)",
    make=make_stale_offer,
    actions=[
        *_seeing(NOBODY, view=ORG_MEMBERS),
        Action(
            "confirm current", EDITORS, perm="offers.change_offer", page=_confirm,
            api=_confirm_api, effect=_confirmed, not_found="view",
        ),
    ],
)  # fmt: skip


# The index entry carries the last day the offer is current (SearchEntry.public_until), so an
# offer that goes stale by the calendar leaves the list and the global search that day, before
# the daily stale task re-indexes it.
GONE_STALE_OFFER = Spec(
    "offers.offer (gone stale since it was indexed)",
    make=make_offer_gone_stale,
    # Viewing it asks the offer itself, as for STALE_OFFER; the listings are what differ.
    actions=[action for action in _seeing(NOBODY) if action.name != "view"],
)

NEW_OFFER = Spec(
    "offers.offer (new, offered by the tenant's organisation)",
    make=lambda world, tenant: tenant.org,
    actions=[
        Action(
            "add", EDITORS, perm="offers.offer_for_organisation", page=_add_page, api=_add_api,
            probe=_add_admin,
        ),
        Action("import (CSV)", EDITORS, page=_importer("csv")),
        Action("import (XLSX)", EDITORS, page=_importer("xlsx")),
        Action("import (JSON)", EDITORS, page=_importer("json")),
    ],
)  # fmt: skip

OFFER_ELSEWHERE = Spec(
    "offers.offer (held in the other tenant's city)",
    make=make_offer_elsewhere,
    actions=[
        Action(
            "change", EDITORS, perm="offers.change_offer", page=_edit, api=_edit_api,
            effect=_retitled,
        ),
        # History and revert ask for the role on the object: the provider's, not the place's.
        Action("revert history", COORDINATORS, perm="accounts.revert_history"),
    ],
)  # fmt: skip


# --- offers.savedsearch ---------------------------------------------------------------------
def make_saved_search(world, tenant):
    """Someone else's saved search, not yet confirmed: only its token opens it."""
    from offers.models import SavedSearch

    n = next(_seq)
    return SavedSearch.objects.create(email=f"abonnentin{n}@example.org", query="q=deutsch")


def _subscribe_for(call, saved):
    """Subscribe the other person's address: must wait for their confirmation."""
    from offers.models import SavedSearch

    _ok(call.post(_url("saved_search_create"), {"email": saved.email, "query": "q=kunst"}))
    return SavedSearch.objects.active().filter(email=saved.email).exists()


def _unsubscribed(saved):
    return reload(saved).unsubscribed_at is not None


def _confirmed_search(saved):
    return reload(saved).confirmed_at is not None


SAVED_SEARCH = Spec(
    "offers.savedsearch (someone else's)",
    make=make_saved_search,
    tenanted=False,
    actions=[
        Action("view", SUPERUSER, perm="offers.view_savedsearch", admin="view"),
        Action("change", SUPERUSER, perm="offers.change_savedsearch", admin="change"),
        Action("delete", SUPERUSER, perm="offers.delete_savedsearch", admin="delete"),
        # Its number instead of its token is not found; the twin: the same page with the token.
        Action(
            "view without the token", NOBODY, not_found=HIDDEN,
            page=lambda call, obj: call.get(_url("saved_search_unsubscribe", obj.pk)),
            twin=lambda call, obj: call.get(_url("saved_search_unsubscribe", obj.token)),
        ),
        Action(
            "cancel without the token", NOBODY, not_found=HIDDEN,
            page=lambda call, obj: call.post(_url("saved_search_unsubscribe", obj.pk)),
            effect=_unsubscribed,
            twin=lambda call, obj: call.post(_url("saved_search_unsubscribe", obj.token)),
        ),
        Action(
            "confirm without the token", NOBODY, not_found=HIDDEN,
            page=lambda call, obj: call.get(_url("saved_search_confirm", obj.pk)),
            effect=_confirmed_search,
            twin=lambda call, obj: call.get(_url("saved_search_confirm", obj.token)),
        ),
        Action(
            "cancel with the token", EVERYONE,
            page=lambda call, obj: call.post(_url("saved_search_unsubscribe", obj.token)),
            effect=_unsubscribed,
        ),
        Action(
            "confirm with the token", EVERYONE,
            page=lambda call, obj: call.get(_url("saved_search_confirm", obj.token)),
            effect=_confirmed_search,
        ),
        Action("subscribe the address without its consent", NOBODY, probe=_subscribe_for),
    ],
)  # fmt: skip

SPECS = [
    OFFER, HIDDEN_OFFER, HIDDEN_PROVIDER_OFFER, STALE_OFFER, GONE_STALE_OFFER, NEW_OFFER,
    OFFER_ELSEWHERE, SAVED_SEARCH,
]  # fmt: skip
