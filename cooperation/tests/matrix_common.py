"""Helpers the cooperation matrix specs share (matrix_partnerships.py, matrix_exchanges.py)."""

from __future__ import annotations

import functools
import itertools

from django.contrib import admin as django_admin
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.urls import reverse

from bildungsnetz.testing.permissions import (
    history_revert_url,
    history_url,
    reload,
)

_seq = itertools.count(1)


def _url(name, *args):
    return reverse(f"cooperation:{name}", args=args)


def _api_url(name, obj):
    return reverse(f"api-v1:{name}", kwargs={"slug": obj.slug})


def _unindexed(make):
    """Make objects without indexing them for search: no cell searches, and indexing every
    save (a partnership once more for each party) would be most of a cell's time."""

    @functools.wraps(make)
    def wrapper(*args, **kwargs):
        from search.indexing import suspended

        with suspended():
            return make(*args, **kwargs)

    return wrapper


def _partner_city():
    """The other side of the tenant's partnerships: a city nobody in the world holds a role in."""
    from places.models import Territory
    from places.tests.factories import TerritoryFactory

    return Territory.objects.filter(scheme="ags", code="14612000").first() or TerritoryFactory(
        scheme="ags", code="14612000", name_de="Dresden"
    )


def _partner_org():
    from actors.models import Organisation
    from actors.tests.factories import OrganisationFactory

    return Organisation.objects.filter(slug="verein-dresden").first() or OrganisationFactory(
        seat=_partner_city(), slug="verein-dresden", name_de="Verein Dresden"
    )


def _other_tenant(world, tenant):
    return world.foreign if tenant is world.own else world.own


def _export(list_name, column, label=str):
    """A probe: does the list page's JSON export name the object?"""

    def probe(call, obj):
        response = call.get(_url(list_name), {"format": "json"})
        if not response["Content-Type"].startswith("application/json"):
            return False  # the login page
        return any(row[column] == label(obj) for row in response.json())

    return probe


def _revert(field):
    """Change `field` after the object was created, then try to restore the creation record."""

    def attempt(call, obj):
        fresh = reload(obj)
        record = fresh.history.order_by("-history_date", "-history_id").first()
        setattr(fresh, field, "Zwischenstand")
        fresh.save()
        return call.post(history_revert_url(obj, record.history_id))

    return attempt


def _reverted(field):
    return lambda obj: getattr(reload(obj), field) != "Zwischenstand"


def _history(call, obj):
    return call.get(history_url(obj))


def _admin_add(build):
    """The admin's add form: may the role add at all, and does saving check the new object?"""

    def probe(call, obj):
        new = build(obj)
        model_admin = django_admin.site._registry[type(new)]
        request = RequestFactory().post(reverse("admin:index"))
        request.user = call.user
        if not model_admin.has_add_permission(request):
            return False
        try:
            model_admin.save_model(request, new, form=None, change=False)
        except PermissionDenied:
            return False
        return type(new).objects.filter(pk=new.pk).exists()

    return probe
