"""Matrix specs of the knowledge base (see bildungsnetz/testing/permissions.py): a published
public entry, a draft and an entry in review, each of the tenant's city and organisation and
owned by an author outside the matrix's roles (so no role is the author).

Anyone reads a published public entry; members of the city or organisation (viewers and up)
read drafts and entries in review; coordinators edit any entry of theirs (the owner edits only
drafts); editors and up of the city or organisation approve an entry in review (never the
author: tests/test_workflow.py). Seeing is asked through the page, the API, the list's export
and the API list; writes through the pages and judged by the database."""

from __future__ import annotations

import datetime as dt
import itertools
import json

from django.urls import reverse

from accounts.tests.factories import UserFactory
from bildungsnetz.testing.permissions import (
    COORDINATORS,
    EDITORS,
    EVERYONE,
    HIDDEN,
    ORG_MEMBERS,
    Action,
    Spec,
    UnexpectedResponse,
    reload,
)
from knowledge.models import Entry, EntryStatus

from .factories import EntryFactory

_seq = itertools.count(1)
NEW_TITLE = "Neu"


def _url(name, *args):
    return reverse(f"knowledge:{name}", args=args)


def _content(response) -> str:
    if response.status_code >= 500:
        raise UnexpectedResponse(f"status {response.status_code}")
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def make_entry(world, tenant, *, status=EntryStatus.PUBLISHED, **fields):
    n = next(_seq)
    return EntryFactory(
        territory=tenant.city, organisations=[tenant.org], status=status,
        owner=UserFactory(email=f"autor-{n}@matrix.example"),
        slug=f"matrix-eintrag-{n}", title=f"Matrixeintrag {n}", **fields,
    )  # fmt: skip


def _in_export(call, entry):
    response = call.get(_url("entry_list"), {"format": "json"})
    if not response["Content-Type"].startswith("application/json"):
        return False
    return any(row["slug"] == entry.slug for row in json.loads(_content(response)))


def _in_api_list(call, entry):
    response = call.api_get(reverse("api-v1:list_knowledge_entries"))
    return any(row["slug"] == entry.slug for row in response.json()["items"])


def _seen(allowed) -> list[Action]:
    return [
        Action(
            "view", allowed, perm="knowledge.view_entry", admin="view", not_found=HIDDEN,
            page=lambda call, obj: call.get(obj.get_absolute_url()),
            api=lambda call, obj: call.api_get(
                reverse("api-v1:get_knowledge_entry", args=[obj.slug])
            ),
        ),
        Action("find in the list", allowed, probe=_in_export, api=_in_api_list),
    ]  # fmt: skip


def _edit(call, entry):
    data = {
        "kind": entry.kind, "title_de": NEW_TITLE, "territory": entry.territory_id,
        "organisations": [o.pk for o in entry.organisations.all()],
        "review_due": "2030-01-01", "is_public": "on",
    }  # fmt: skip
    return call.post(_url("entry_edit", entry.slug), data)


def _retitled(entry):
    return reload(entry).title_de == NEW_TITLE


def _status(status):
    return lambda entry: reload(entry).status == status


ENTRY = Spec(
    "knowledge.entry",
    # Past its review date, so that confirming it visibly moves the date.
    make=lambda world, tenant: make_entry(world, tenant, review_due=dt.date(2024, 1, 15)),
    actions=[
        *_seen(EVERYONE),
        Action(
            "change", COORDINATORS, perm="knowledge.change_entry", admin="change",
            page=_edit, effect=_retitled,
        ),
        Action(
            "confirm as current", EDITORS, perm="knowledge.confirm_entry",
            page=lambda call, obj: call.post(_url("entry_confirm", obj.slug)),
            effect=lambda obj: reload(obj).review_due != obj.review_due,
        ),
    ],
)  # fmt: skip

DRAFT = Spec(
    "knowledge.entry (draft)",
    make=lambda world, tenant: make_entry(world, tenant, status=EntryStatus.DRAFT),
    actions=[
        *_seen(ORG_MEMBERS),
        Action(
            "change", COORDINATORS, perm="knowledge.change_entry", page=_edit,
            effect=_retitled, not_found="view",
        ),
        Action(
            "send for review", COORDINATORS, perm="knowledge.submit_entry",
            page=lambda call, obj: call.post(_url("entry_submit", obj.slug)),
            effect=_status(EntryStatus.REVIEW), not_found="view",
        ),
        Action(
            "attach a file", COORDINATORS, perm="knowledge.change_entry",
            page=lambda call, obj: call.get(_url("attachment_create", obj.slug)),
            not_found="view",
        ),
    ],
)  # fmt: skip

IN_REVIEW = Spec(
    "knowledge.entry (in review)",
    make=lambda world, tenant: make_entry(world, tenant, status=EntryStatus.REVIEW),
    actions=[
        *_seen(ORG_MEMBERS),
        Action(
            "approve", EDITORS, perm="knowledge.review_entry",
            page=lambda call, obj: call.post(_url("entry_approve", obj.slug)),
            effect=_status(EntryStatus.PUBLISHED), not_found="view",
        ),
        Action(
            "return to the author", EDITORS, perm="knowledge.review_entry",
            page=lambda call, obj: call.post(_url("entry_return", obj.slug), {"note": "Bitte"}),
            effect=_status(EntryStatus.DRAFT), not_found="view",
        ),
        Action(
            "comment", EDITORS, perm="knowledge.comment_entry",
            page=lambda call, obj: call.post(
                _url("comment_create", obj.slug), {"section": "results", "text": "Beleg?"}
            ),
            effect=lambda obj: obj.comments.exists(), not_found="view",
        ),
    ],
)  # fmt: skip

NEW_ENTRY = Spec(
    "knowledge.entry (new, of the tenant's organisation)",
    make=lambda world, tenant: tenant.org,
    actions=[
        Action(
            "add", EDITORS,
            probe=lambda call, org: (
                call.post(_url("entry_create"), {
                    "kind": "practice", "title_de": f"Neu {org.slug}",
                    "organisations": [org.pk], "review_due": "2030-01-01",
                }).status_code == 302
                and Entry.objects.filter(title_de=f"Neu {org.slug}").exists()
            ),
        ),
    ],
)  # fmt: skip

SPECS = [ENTRY, DRAFT, IN_REVIEW, NEW_ENTRY]
