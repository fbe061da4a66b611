"""Matrix specs of pages (see bildungsnetz/testing/permissions.py): the site's static pages."""

from __future__ import annotations

import itertools

from bildungsnetz.testing.permissions import EVERYONE, SUPERUSER, Action, Spec

_seq = itertools.count(1)


def make_page(world, tenant):
    from pages.models import Page

    n = next(_seq)
    return Page.objects.create(slug=f"seite-{n}", title_de=f"Seite {n}", body_de="<p>Text</p>")


PAGE = Spec(
    "pages.page",
    make=make_page,
    tenanted=False,
    actions=[
        Action("view", EVERYONE, page=lambda call, obj: call.get(obj.get_absolute_url())),
        Action("change", SUPERUSER, perm="pages.change_page", admin="change"),
        Action("delete", SUPERUSER, perm="pages.delete_page", admin="delete"),
    ],
)  # fmt: skip

SPECS = [PAGE]
