"""Runs the permission matrix (see matrix.py): each test is one action of one object type in one
layer and asserts every role x tenant cell of it."""

import pytest

from accounts.tests.matrix import ROLES, TENANTS, build_world, cases, discover_specs, walk

CASES = cases()


@pytest.fixture
def world(db, settings):
    settings.API_RATE_ANON = "100000/m"
    settings.API_RATE_TOKEN = "100000/m"
    return build_world()


@pytest.mark.parametrize(
    ("spec", "action", "layer"),
    CASES,
    ids=[f"{s.name}|{a.name}|{layer}" for s, a, layer in CASES],
)
def test_matrix(world, spec, action, layer):
    failures, holes = walk(spec, action, layer, world)
    for hole in holes:
        print(hole)
    assert not failures, f"{spec.name} / {action.name} / {layer}:\n" + "\n".join(failures)


def test_every_cell_has_an_expectation():
    """The matrix is total: every spec's actions decide every role in every tenant."""
    for spec in discover_specs():
        assert spec.actions, spec.name
        for action in spec.actions:
            assert action.layers(), f"{spec.name}/{action.name} is tried through no layer"
            for role in ROLES:
                for tenant in TENANTS:
                    assert isinstance(action.expected(role, tenant, spec.tenanted), bool)
            unknown = set(action.allowed) - set(ROLES)
            assert not unknown, f"{spec.name}/{action.name}: unknown roles {unknown}"


def test_the_matrix_covers_the_foundation():
    names = {spec.name.split(" ")[0] for spec in discover_specs()}
    assert {"actors.organisation", "actors.person", "actors.role", "accounts.membership",
            "accounts.apitoken", "pages.page"} <= names  # fmt: skip
