"""The permission matrix: every role x object type x action x own/foreign tenant x layer.

One way to test permissions, for every app. An app contributes its object types with a
`<app>/tests/matrix.py` exposing `SPECS`, a list of `Spec`; bildungsnetz/tests/
test_permission_matrix.py runs them all. Each Spec says how to make one object in a tenant (a
city with an organisation seated in it) and, per action, which roles may do it and how to try
it through each layer. Read a spec as a table: the action, who may, how it is tried.

    Spec("cooperation.partnership", make=lambda world, tenant: PartnershipFactory(...),
         actions=[
             Action("change", COORDINATORS, perm="cooperation.change_partnership",
                    page=lambda call, obj: call.post(
                        reverse("cooperation:partnership_edit", args=[obj.slug]), {...}),
                    admin="change",
                    effect=lambda obj: type(obj).objects.get(pk=obj.pk).name == "…"),
         ])

Layers: `rules` (user.has_perm(perm, obj)), `page` (a Django test client logged in as the role),
`api` (a client sending the role's personal access token), `admin` (the ModelAdmin's
has_<action>_permission), and `probe` (any other check returning True/False, e.g. an export
that contains or omits the object). A layer callable gets a `Call` and the object; it returns a
response (2xx/3xx = allowed; 401/403/405 or a redirect to the login = refused) or a bool. With
`effect`, the outcome of a page/api write is what actually happened in the database. Build
URLs with `django.urls.reverse()`.

A refusal must not be confused with a broken URL:
- 404 is a refusal only where the action says so: `not_found=HIDDEN` (whoever may not do it
  does not learn the object exists: viewing a non-public object) or `not_found="view"` (whoever
  may not view it gets a 404, whoever may view but not act gets a 403). Any other 404 fails the
  cell.
- Every URL a layer requests must resolve to a view, and in every action x layer at least one
  cell (or the action's `twin`) must reach each of those views (2xx, or 3xx elsewhere than to
  the login or the second factor). A deny-only action (nobody may) gets a `twin`: the same
  view asked the way that works (e.g. with the token, on the public object), run as the
  superuser in the own tenant, so a broken URL fails the table instead of passing as refused.

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
from urllib.parse import urlsplit

from django.apps import apps
from django.conf import settings
from django.contrib import admin as django_admin
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import Resolver404, resolve, reverse

from accounts.tests.sessions import session_from, signed_in_session_data

ROLES = ["anonymous", "other_city", "viewer", "editor", "coordinator", "admin", "superuser"]
TENANTS = ["own", "foreign"]
LAYERS = ["rules", "page", "api", "admin", "probe"]
HTTP_LAYERS = ("page", "api", "probe")
EVERYONE = frozenset(ROLES)
MEMBERS = frozenset(ROLES) - {"anonymous"}
EDITORS = frozenset({"editor", "coordinator", "admin", "superuser"})
COORDINATORS = frozenset({"coordinator", "admin", "superuser"})
ORG_MEMBERS = frozenset({"viewer", "editor", "coordinator", "admin", "superuser"})
SUPERUSER = frozenset({"superuser"})
NOBODY = frozenset()
HIDDEN = "hidden"  # Action(not_found=HIDDEN): a 404 is the refusal wherever it is refused


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
    # What each role's session holds once signed in (accounts.tests.sessions): every cell gets
    # a fresh copy, so a cell that signs out or rotates its session spoils no other.
    sessions: dict[str, dict] = field(default_factory=dict)

    def tenant(self, name: str) -> Tenant:
        return self.own if name == "own" else self.foreign


@dataclass
class Call:
    """What a layer callable uses: the role's client, its token headers, the world. Every
    response it fetched is kept in `responses` (the runner checks the URLs were reachable)."""

    role: str
    user: object
    client: Client
    world: World
    tenant: Tenant
    token: str | None
    responses: list = field(default_factory=list)

    def _headers(self):
        return {"HTTP_AUTHORIZATION": f"Bearer {self.token}"} if self.token else {}

    def _kept(self, response):
        self.responses.append(response)
        return response

    def get(self, url, data=None):
        return self._kept(self.client.get(url, data or {}))

    def post(self, url, data=None, **extra):
        return self._kept(self.client.post(url, data or {}, **extra))

    def api_get(self, url, data=None):
        return self._kept(Client().get(url, data or {}, **self._headers()))

    def api_patch(self, url, payload):
        return self._kept(
            Client().patch(
                url, json.dumps(payload), content_type="application/json", **self._headers()
            )
        )

    def api_post(self, url, payload):
        return self._kept(
            Client().post(
                url, json.dumps(payload), content_type="application/json", **self._headers()
            )
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
    # Where a 404 is the refusal (the role may not learn the object exists): HIDDEN (wherever
    # this action is refused) or the name of another action of the spec ("view": wherever that
    # one is refused). Elsewhere a 404 fails the cell: it is as likely a broken URL.
    not_found: str | None = None
    # For an action nobody may do: (call, obj) -> the response of the same view asked the way
    # that works, run as the superuser in the own tenant. It must reach the view.
    twin: Callable | None = None
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

    def action(self, name: str) -> Action:
        found = [action for action in self.actions if action.name == name]
        assert len(found) == 1, f"{self.name}: no single action {name!r}"
        return found[0]

    def answers_404(self, action: Action, role: str, tenant: str) -> bool:
        """Whether a 404 is the refusal the table names for this cell."""
        if action.not_found is None:
            return False
        hidden_by = action if action.not_found == HIDDEN else self.action(action.not_found)
        return not hidden_by.expected(role, tenant, self.tenanted)


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
    sessions: dict[str, dict] = {}
    for role in ROLES[1:]:
        user = UserFactory(email=f"{role}@matrix.example", is_superuser=role == "superuser")
        if role in memberships:
            kind, scope, level = memberships[role]
            Membership.objects.create(user=user, role=level, **{kind: scope})
        if role in {"other_city", "coordinator", "admin", "superuser"}:
            with_mfa(user)
        users[role] = user
        tokens[role] = token_create(user=user, name="matrix", read_only=False)[1]
        sessions[role] = signed_in_session_data(user)
    return World(own, foreign, third_city, users, tokens, sessions)


def _fresh(user):
    """A user object without cached scopes: every cell sees the database as it is."""
    if user is None:
        return AnonymousUser()
    return type(user).objects.get(pk=user.pk)


def make_call(world: World, role: str, tenant: Tenant) -> Call:
    user = world.users[role]
    client = Client()
    if user is not None:
        # A copy of the role's signed-in session: a whole login per cell was a sixth of the
        # table's time.
        client.cookies[settings.SESSION_COOKIE_NAME] = session_from(world.sessions[role])
    return Call(role, _fresh(user), client, world, tenant, world.tokens.get(role))


# --- Outcomes -------------------------------------------------------------------------------
class UnexpectedResponse(AssertionError):
    pass


# Where a refused visitor is sent: the login, or the second factor's setup or entry.
REFUSAL_URL_NAMES = {"account_login", "mfa_authenticate", "mfa_reauthenticate",
                     "mfa_activate_totp"}  # fmt: skip


def _url_name(url: str) -> str | None:
    """The view a URL (path and query, or a Location header) resolves to; None if none."""
    try:
        match = resolve(urlsplit(url).path)
    except Resolver404:
        return None
    return match.view_name


def reached(response: HttpResponse) -> bool:
    """The view answered with content or sent the visitor on, not to the login."""
    status = response.status_code
    if 200 <= status < 300:
        return True
    if 300 <= status < 400:
        return _url_name(response.get("Location", "")) not in REFUSAL_URL_NAMES
    return False


def response_allowed(response: HttpResponse, *, not_found_is_refusal: bool = False) -> bool:
    status = response.status_code
    if status == 404:
        if not_found_is_refusal:
            return False
        raise UnexpectedResponse(
            "404, and the table does not say this role must not learn the object exists: "
            "a broken URL? (else say so with the action's not_found)"
        )
    if status in (401, 403, 405):
        return False
    if 200 <= status < 400:
        return reached(response)
    raise UnexpectedResponse(f"status {status}: {response.content[:300]!r}")


def run_layer(spec: Spec, action: Action, layer: str, call: Call, obj, tenant: str) -> bool:
    if layer == "rules":
        return call.user.has_perm(action.perm, obj)
    if layer == "admin":
        model_admin = django_admin.site._registry[type(obj)]
        request = RequestFactory().get("/admin/")
        request.user = call.user
        return getattr(model_admin, f"has_{action.admin}_permission")(request, obj)
    fn = {"page": action.page, "api": action.api, "probe": action.probe}[layer]
    result = fn(call, obj)
    for response in call.responses:
        if response.status_code >= 500:
            raise UnexpectedResponse(f"status {response.status_code}: {response.request}")
    not_found_is_refusal = spec.answers_404(action, call.role, tenant)
    if action.effect is not None and layer in ("page", "api"):
        if isinstance(result, HttpResponse):
            response_allowed(result, not_found_is_refusal=not_found_is_refusal)  # 404 check
        return bool(action.effect(obj))
    if isinstance(result, bool):
        return result
    return response_allowed(result, not_found_is_refusal=not_found_is_refusal)


def unreached_views(responses: list, layer: str) -> list[str]:
    """The positive twin: every URL requested resolves to a view, and each of those views was
    reached at least once. Else a broken URL would pass every "refused" cell."""
    problems, seen, reached_views = [], {}, set()
    for response in responses:
        path = response.request["PATH_INFO"]
        name = _url_name(path)
        if name is None:
            problems.append(f"{layer}: {path} resolves to no view (build URLs with reverse())")
            continue
        seen.setdefault(name, path)
        if reached(response):
            reached_views.add(name)
    for name, path in seen.items():
        if name not in reached_views:
            problems.append(
                f"{layer}: no role reaches {name} ({path}): a broken URL would pass as "
                "refused; give the action a twin that reaches it"
            )
    return problems


def walk(spec: Spec, action: Action, layer: str, world: World) -> tuple[list[str], list[str]]:
    """Every role x tenant cell of one action in one layer: (failures, known holes)."""
    failures, holes, responses = [], [], []
    tenants = TENANTS if spec.tenanted else ["own"]
    for tenant_name in tenants:
        tenant = world.tenant(tenant_name)
        for role in ROLES:
            obj = spec.make(world, tenant)
            call = make_call(world, role, tenant)
            expected = action.expected(role, tenant_name, spec.tenanted)
            try:
                actual = run_layer(spec, action, layer, call, obj, tenant_name)
            except UnexpectedResponse as exc:
                failures.append(f"{role:<12} {tenant_name:<8} error: {exc}")
                continue
            finally:
                responses += call.responses
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
    if layer in HTTP_LAYERS:
        if action.twin is not None:
            call = make_call(world, "superuser", world.own)
            action.twin(call, spec.make(world, world.own))
            responses += call.responses
        failures += unreached_views(responses, layer)
    return failures, holes


# --- Helpers for the specs --------------------------------------------------------------------
def reload(obj):
    """The object as the database has it now (None once deleted)."""
    return type(obj)._base_manager.filter(pk=obj.pk).first()


def history_url(obj) -> str:
    meta = obj._meta
    return reverse("accounts:history", args=[meta.app_label, meta.model_name, obj.pk])


def history_revert_url(obj, history_id: int) -> str:
    meta = obj._meta
    return reverse(
        "accounts:history_revert", args=[meta.app_label, meta.model_name, obj.pk, history_id]
    )


# --- Discovery ------------------------------------------------------------------------------
def discover_specs() -> list[Spec]:
    """Every one of the project's apps' `<app>/tests/matrix.py` (`SPECS`)."""
    specs = []
    for config in apps.get_app_configs():
        # Only the project's own apps (not Django's or third-party ones) contribute specs.
        if not str(config.path).startswith(str(settings.BASE_DIR)):
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
