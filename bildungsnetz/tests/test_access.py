"""One access helper (#13, finding 5): bildungsnetz.access.object_for decides 404 or 403 for
every page and API endpoint. Whoever may not see an object gets 404 for every URL of it, its
edit pages included, so a 403 never tells that a hidden object exists."""

import ast
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from accounts.tests.factories import UserFactory
from actors.tests.factories import OrganisationFactory
from offers.tests.factories import OfferFactory

ROOT = Path(settings.BASE_DIR)
# Where a permission may still be checked by hand: the rules themselves, the kit's helper,
# Django's admin hooks and the self-or-admin rule of deleting a person.
ALLOWED = {"bildungsnetz/access.py", "actors/admin.py", "accounts/admin.py", "actors/privacy.py"}


def _modules():
    for path in sorted(ROOT.glob("*/**/*.py")):
        rel = path.relative_to(ROOT).as_posix()
        skip = {"tests", "testing", "migrations", ".venv", "node_modules"} & set(path.parts)
        if not skip and path.name != "rules.py" and rel not in ALLOWED:
            yield rel, path


def _name(exc) -> str | None:
    if isinstance(exc, ast.Call):
        exc = exc.func
    return getattr(exc, "id", None) or getattr(exc, "attr", None)


def test_no_module_turns_a_permission_into_404_or_403_by_hand():
    offenders = []
    for rel, path in _modules():
        for node in ast.walk(ast.parse(path.read_text(), filename=rel)):
            if not isinstance(node, ast.If):
                continue
            asks = any(
                isinstance(n, ast.Attribute) and n.attr == "has_perm" for n in ast.walk(node.test)
            )
            raises = any(
                isinstance(n, ast.Raise) and _name(n.exc) in ("Http404", "PermissionDenied")
                for n in node.body
            )
            if asks and raises:
                offenders.append(f"{rel}:{node.lineno}")
    assert not offenders, "use bildungsnetz.access.object_for/require: " + ", ".join(offenders)


@pytest.fixture
def stranger(client, reference_territories):
    client.force_login(UserFactory())
    return client


@pytest.mark.django_db
def test_a_hidden_organisations_edit_page_is_404_not_403(stranger):
    hidden = OrganisationFactory(is_public=False)
    public = OrganisationFactory(is_public=True)
    assert stranger.get(reverse("actors:organisation_edit", args=[hidden.slug])).status_code == 404
    # The twin: an organisation the stranger may see but not edit is refused with 403.
    assert stranger.get(reverse("actors:organisation_edit", args=[public.slug])).status_code == 403


@pytest.mark.django_db
def test_a_hidden_offers_edit_and_confirm_pages_are_404_not_403(stranger):
    hidden = OfferFactory(is_public=False)
    listed = OfferFactory()
    assert stranger.get(reverse("offers:offer_edit", args=[hidden.slug])).status_code == 404
    assert stranger.post(reverse("offers:offer_confirm", args=[hidden.slug])).status_code == 404
    assert stranger.get(reverse("offers:offer_edit", args=[listed.slug])).status_code == 403
