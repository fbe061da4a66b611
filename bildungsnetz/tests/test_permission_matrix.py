"""Runs the permission matrix (bildungsnetz/testing/permissions.py, the specs in every app's
tests/matrix.py): each test is one action of one object type in one layer and asserts every
role x tenant cell of it. Below: the framework's own guarantees (#13, finding 8)."""

import pytest
from django.urls import reverse

from bildungsnetz.testing.module_data import loaded_for_the_module
from bildungsnetz.testing.permissions import (
    HIDDEN,
    NOBODY,
    ROLES,
    TENANTS,
    Action,
    Spec,
    build_world,
    cases,
    discover_specs,
    reached,
    walk,
)

# The table in two halves, one per test module, so that the two test workers (`--dist
# loadfile`) each take one: the whole table in one module was the longest file of the suite.
# The second half runs in test_permission_matrix_second_half.py.
CASES = cases()
FIRST_HALF, SECOND_HALF = CASES[: len(CASES) // 2], CASES[len(CASES) // 2 :]


@pytest.fixture(scope="module")
def shared_world(django_db_setup, django_db_blocker):
    """One world (cities, organisations, a user per role with MFA and token) for the whole
    module (`loaded_for_the_module`: what one cell changes never reaches the next). Building
    the world per test was a quarter of the table's time."""
    with loaded_for_the_module(django_db_blocker):
        yield build_world()


@pytest.fixture
def world(shared_world, db, settings):
    settings.API_RATE_ANON = "100000/m"
    settings.API_RATE_TOKEN = "100000/m"
    # A test may have changed these objects in memory; the database has them as built.
    for obj in (shared_world.own.city, shared_world.own.org, shared_world.foreign.city,
                shared_world.foreign.org, shared_world.third_city):  # fmt: skip
        obj.refresh_from_db()
    return shared_world


def case_ids(cases_) -> list[str]:
    return [f"{s.name}|{a.name}|{layer}" for s, a, layer in cases_]


def check_cell(world, spec, action, layer) -> None:
    failures, holes = walk(spec, action, layer, world)
    for hole in holes:
        print(hole)
    assert not failures, f"{spec.name} / {action.name} / {layer}:\n" + "\n".join(failures)


@pytest.mark.parametrize(("spec", "action", "layer"), FIRST_HALF, ids=case_ids(FIRST_HALF))
def test_matrix(world, spec, action, layer):
    check_cell(world, spec, action, layer)


def test_every_cell_has_an_expectation():
    """The matrix is total: every spec's actions decide every role in every tenant."""
    for spec in discover_specs():
        assert spec.actions, spec.name
        for action in spec.actions:
            assert action.layers(), f"{spec.name}/{action.name} is tried through no layer"
            for role in ROLES:
                for tenant in TENANTS:
                    assert isinstance(action.expected(role, tenant, spec.tenanted), bool)
                    assert isinstance(spec.answers_404(action, role, tenant), bool)
            unknown = set(action.allowed) - set(ROLES)
            assert not unknown, f"{spec.name}/{action.name}: unknown roles {unknown}"


def test_the_matrix_covers_the_foundation():
    names = {spec.name.split(" ")[0] for spec in discover_specs()}
    assert {"actors.organisation", "actors.person", "actors.role", "accounts.membership",
            "accounts.apitoken", "pages.page"} <= names  # fmt: skip


# --- the framework's guarantees: a broken URL never passes as a refusal ----------------------
def _own_org(world, tenant):
    return tenant.org


def _spec(action):
    return Spec("test.organisation", make=_own_org, actions=[action], tenanted=False)


def test_a_refusal_asked_at_a_broken_url_fails_the_table(world):
    """Finding 8: the matrix took a 404 for "refused", so a deny-only action passed against a
    URL that leads nowhere."""
    action = Action(
        "change", NOBODY, page=lambda call, obj: call.post(f"/organisationen/{obj.slug}/bearbeitn/")
    )
    failures, _ = walk(_spec(action), action, "page", world)
    assert failures
    assert any("resolves to no view" in failure for failure in failures)


def test_a_404_is_a_refusal_only_where_the_table_says_so(world):
    def missing(call, obj):
        return call.get(reverse("actors:organisation_detail", args=["gibt-es-nicht"]))

    undeclared = Action("view", NOBODY, page=missing)
    failures, _ = walk(_spec(undeclared), undeclared, "page", world)
    assert any("404, and the table does not say" in failure for failure in failures)

    declared = Action("view", NOBODY, page=missing, not_found=HIDDEN)
    failures, _ = walk(_spec(declared), declared, "page", world)
    assert not any("404, and the table does not say" in failure for failure in failures)
    # Declared or not, a view nobody reaches is no evidence: it needs its positive twin.
    assert any("no role reaches actors:organisation_detail" in failure for failure in failures)


def test_a_deny_only_action_passes_with_a_twin_that_reaches_the_view(world):
    def missing(call, obj):
        return call.get(reverse("actors:organisation_detail", args=["gibt-es-nicht"]))

    action = Action(
        "view a missing one", NOBODY, page=missing, not_found=HIDDEN,
        twin=lambda call, obj: call.get(obj.get_absolute_url()),
    )  # fmt: skip
    assert walk(_spec(action), action, "page", world) == ([], [])


def test_a_redirect_to_the_login_does_not_count_as_reaching_the_view(client, world):
    response = client.get(reverse("accounts:tokens"))
    assert response.status_code == 302
    assert not reached(response)
    client.force_login(world.users["editor"])
    assert reached(client.get(reverse("accounts:tokens")))
