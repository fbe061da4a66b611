"""The permission matrix: every role x object type x action x own/foreign tenant x layer.

An app contributes its object types with a `<app>/tests/matrix.py` exposing `SPECS`, a list of
`Spec`. Each Spec says how to make one object in a tenant (a city with an organisation seated in
it) and, per action, which roles may do it and how to try it through each layer:

    Spec("cooperation.partnership", make=lambda world, tenant: PartnershipFactory(...),
         actions=[
             Action("change", allowed={"coordinator", "admin", "superuser"},
                    perm="cooperation.change_partnership",
                    page=lambda call, obj: call.post(f"/kooperation/{obj.pk}/bearbeiten/", {...}),
                    api=lambda call, obj: call.patch(f"/api/v1/cooperation/…", {...}),
                    admin="change",
                    effect=lambda obj: type(obj).objects.get(pk=obj.pk).title == "…"),
         ])

Layers: `rules` (user.has_perm(perm, obj)), `page` (a Django test client logged in as the role),
`api` (a client sending the role's personal access token), `admin` (the ModelAdmin's
has_<action>_permission), and `probe` (any other check returning True/False, e.g. an export
that contains or omits the object). A layer callable gets a `Call` and the object; it returns a
response (2xx/3xx = allowed; 401/403/404 or a redirect to the login = refused) or a bool. With
`effect`, the outcome of a page/api write is what actually happened in the database.

Users hold their role in the *own* tenant: viewer and editor in its organisation, coordinator
and admin in its city; `other_city` coordinates a third city; `superuser` is a platform admin.
By default an action allowed to anonymous visitors is allowed to everyone in both tenants, and
any other action on a foreign tenant's object only to the superuser (override with
`allowed_foreign`). `known_holes` lists cells (layer, role, tenant) that are wrong today, with
the reason: they must still be wrong (so fixing one makes the test say so), and they are listed
in the failure-free report rather than silently passing.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.util import find_spec

from django.apps import apps
from django.contrib import admin as django_admin
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import Client, RequestFactory

ROLES = ["anonymous", "other_city", "viewer", "editor", "coordinator", "admin", "superuser"]
TENANTS = ["own", "foreign"]
LAYERS = ["rules", "page", "api", "admin", "probe"]
EVERYONE = frozenset(ROLES)
MEMBERS = frozenset(ROLES) - {"anonymous"}
EDITORS = frozenset({"editor", "coordinator", "admin", "superuser"})
COORDINATORS = frozenset({"coordinator", "admin", "superuser"})
ORG_MEMBERS = frozenset({"viewer", "editor", "coordinator", "admin", "superuser"})
SUPERUSER = frozenset({"superuser"})
NOBODY = frozenset()


@dataclass
class Tenant:
    name: str
    city: object
    org: object


@dataclass
class World:
    own: Tenant
    foreign: Tenant
    third_city: object
    users: dict[str, object]
    tokens: dict[str, str]

    def tenant(self, name: str) -> Tenant:
        return self.own if name == "own" else self.foreign


@dataclass
class Call:
    """What a layer callable uses: the role's client, its token headers, the world."""

    role: str
    user: object
    client: Client
    world: World
    tenant: Tenant
    token: str | None

    def _headers(self):
        return {"HTTP_AUTHORIZATION": f"Bearer {self.token}"} if self.token else {}

    def get(self, url, data=None):
        return self.client.get(url, data or {})

    def post(self, url, data=None, **extra):
        return self.client.post(url, data or {}, **extra)

    def api_get(self, url, data=None):
        return Client().get(url, data or {}, **self._headers())

    def api_patch(self, url, payload):
        return Client().patch(
            url, json.dumps(payload), content_type="application/json", **self._headers()
        )

    def api_post(self, url, payload):
        return Client().post(
            url, json.dumps(payload), content_type="application/json", **self._headers()
        )


@dataclass
class Action:
    name: str
    allowed: frozenset | set
    allowed_foreign: frozenset | set | None = None
    perm: str | None = None
    page: Callable | None = None
    api: Callable | None = None
    admin: str | None = None  # "view" | "change" | "delete"
    probe: Callable | None = None
    effect: Callable | None = None
    known_holes: dict = field(default_factory=dict)  # (layer, role, tenant) -> reason

    def expected(self, role: str, tenant: str, tenanted: bool) -> bool:
        if tenant == "own" or not tenanted:
            return role in self.allowed
        if self.allowed_foreign is not None:
            return role in self.allowed_foreign
        if "anonymous" in self.allowed:
            return True
        return role == "superuser" and role in self.allowed

    def layers(self) -> list[str]:
        present = {
            "rules": self.perm, "page": self.page, "api": self.api, "admin": self.admin,
            "probe": self.probe,
        }  # fmt: skip
        return [layer for layer in LAYERS if present[layer]]


@dataclass
class Spec:
    name: str
    make: Callable  # (world, tenant) -> obj
    actions: list[Action]
    tenanted: bool = True


# --- The world ------------------------------------------------------------------------------
def build_world() -> World:
    from accounts.models import Membership, RoleLevel
    from accounts.services import token_create
    from accounts.tests.factories import UserFactory, with_mfa
    from actors.tests.factories import OrganisationFactory
    from places.tests.factories import TerritoryFactory

    own_city = TerritoryFactory(scheme="ags", code="16051000", name_de="Erfurt")
    foreign_city = TerritoryFactory(scheme="gkz", code="90001", name_de="Wien", country="AT")
    third_city = TerritoryFactory(scheme="ags", code="11000000", name_de="Berlin")
    own = Tenant(
        "own",
        own_city,
        OrganisationFactory(seat=own_city, slug="verein-erfurt", name_de="Verein Erfurt"),
    )
    foreign = Tenant(
        "foreign",
        foreign_city,
        OrganisationFactory(seat=foreign_city, slug="verein-wien", name_de="Verein Wien"),
    )

    memberships = {
        "other_city": ("territory", third_city, RoleLevel.COORDINATOR),
        "viewer": ("organisation", own.org, RoleLevel.VIEWER),
        "editor": ("organisation", own.org, RoleLevel.EDITOR),
        "coordinator": ("territory", own_city, RoleLevel.COORDINATOR),
        "admin": ("territory", own_city, RoleLevel.ADMIN),
    }
    users: dict[str, object] = {"anonymous": None}
    tokens: dict[str, str] = {}
    for role in ROLES[1:]:
        user = UserFactory(email=f"{role}@matrix.example", is_superuser=role == "superuser")
        if role in memberships:
            kind, scope, level = memberships[role]
            Membership.objects.create(user=user, role=level, **{kind: scope})
        if role in {"other_city", "coordinator", "admin", "superuser"}:
            with_mfa(user)
        users[role] = user
        tokens[role] = token_create(user=user, name="matrix", read_only=False)[1]
    return World(own, foreign, third_city, users, tokens)


def _fresh(user):
    """A user object without cached scopes: every cell sees the database as it is."""
    if user is None:
        return AnonymousUser()
    return type(user).objects.get(pk=user.pk)


def make_call(world: World, role: str, tenant: Tenant) -> Call:
    user = world.users[role]
    client = Client()
    if user is not None:
        client.force_login(user)
    return Call(role, _fresh(user), client, world, tenant, world.tokens.get(role))


# --- Outcomes -------------------------------------------------------------------------------
class UnexpectedResponse(AssertionError):
    pass


def response_allowed(response: HttpResponse) -> bool:
    status = response.status_code
    if status in (401, 403, 404, 405):
        return False
    if 300 <= status < 400:
        location = response.get("Location", "")
        return "/konto/login/" not in location
    if 200 <= status < 300:
        return True
    raise UnexpectedResponse(f"status {status}: {response.content[:300]!r}")


def run_layer(spec: Spec, action: Action, layer: str, call: Call, obj) -> bool:
    if layer == "rules":
        return call.user.has_perm(action.perm, obj)
    if layer == "admin":
        model_admin = django_admin.site._registry[type(obj)]
        request = RequestFactory().get("/admin/")
        request.user = call.user
        return getattr(model_admin, f"has_{action.admin}_permission")(request, obj)
    fn = {"page": action.page, "api": action.api, "probe": action.probe}[layer]
    result = fn(call, obj)
    if action.effect is not None and layer in ("page", "api"):
        if isinstance(result, HttpResponse) and result.status_code >= 500:
            raise UnexpectedResponse(f"status {result.status_code}")
        return bool(action.effect(obj))
    if isinstance(result, bool):
        return result
    return response_allowed(result)


def walk(spec: Spec, action: Action, layer: str, world: World) -> tuple[list[str], list[str]]:
    """Every role x tenant cell of one action in one layer: (failures, known holes)."""
    failures, holes = [], []
    tenants = TENANTS if spec.tenanted else ["own"]
    for tenant_name in tenants:
        tenant = world.tenant(tenant_name)
        for role in ROLES:
            obj = spec.make(world, tenant)
            call = make_call(world, role, tenant)
            expected = action.expected(role, tenant_name, spec.tenanted)
            try:
                actual = run_layer(spec, action, layer, call, obj)
            except UnexpectedResponse as exc:
                failures.append(f"{role:<12} {tenant_name:<8} error: {exc}")
                continue
            said = {True: "allowed", False: "refused"}
            cell = f"{role:<12} {tenant_name:<8} expected {said[expected]}, got {said[actual]}"
            reason = action.known_holes.get((layer, role, tenant_name))
            if reason:
                if actual == expected:
                    failures.append(f"{cell} — known hole is fixed, remove it: {reason}")
                else:
                    holes.append(f"{cell} — KNOWN HOLE: {reason}")
            elif actual != expected:
                failures.append(cell)
    return failures, holes


# --- Discovery ------------------------------------------------------------------------------
CORE_SPECS_MODULE = "accounts.tests.matrix_core"


def discover_specs() -> list[Spec]:
    """Core specs (actors, accounts, pages) plus every installed app's `tests/matrix.py`."""
    specs = list(importlib.import_module(CORE_SPECS_MODULE).SPECS)
    from django.conf import settings

    for config in apps.get_app_configs():
        # Only the project's own apps (not Django's or third-party ones) contribute specs.
        if config.name == "accounts" or not str(config.path).startswith(str(settings.BASE_DIR)):
            continue
        if str(config.path).startswith(str(settings.BASE_DIR / ".venv")):
            continue
        module = f"{config.name}.tests.matrix"
        try:
            found = find_spec(module)
        except ModuleNotFoundError:
            found = None
        if found:
            specs.extend(importlib.import_module(module).SPECS)
    return specs


def cases() -> list[tuple[Spec, Action, str]]:
    return [
        (spec, action, layer)
        for spec in discover_specs()
        for action in spec.actions
        for layer in action.layers()
    ]
