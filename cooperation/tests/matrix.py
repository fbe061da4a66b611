"""Matrix specs of cooperation (see bildungsnetz/testing/permissions.py): partnerships,
agreements, goals, projects with participants and milestones, exchange programmes, placements,
study visits.

Each object belongs to the tenant through a party (its city or its organisation). The other
side is a partner city no role holds anything in (Dresden), unless the spec is about a
partnership shared by two tenants: then `allowed_foreign` says who manages it from either side.
"""

from __future__ import annotations

import functools
import itertools

from django.contrib import admin as django_admin
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.urls import reverse

from bildungsnetz.testing.permissions import (
    COORDINATORS,
    EVERYONE,
    HIDDEN,
    ORG_MEMBERS,
    SUPERUSER,
    Action,
    Spec,
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
        request = RequestFactory().post("/admin/")
        request.user = call.user
        if not model_admin.has_add_permission(request):
            return False
        try:
            model_admin.save_model(request, new, form=None, change=False)
        except PermissionDenied:
            return False
        return type(new).objects.filter(pk=new.pk).exists()

    return probe


# --- cooperation.partnership ----------------------------------------------------------------
@_unindexed
def make_partnership(world, tenant, *, party="city", partner=None, is_public=True):
    from cooperation.tests.factories import PartnershipFactory

    side = tenant.city if party == "city" else tenant.org
    return PartnershipFactory(parties=[side, partner or _partner_city()], is_public=is_public)


def _partnership_form(obj, **changes):
    parties = list(obj.parties.all())
    data = {
        "name_de": obj.name_de, "kind": obj.kind, "status": obj.status,
        "cities": [p.territory_id for p in parties if p.territory_id],
        "organisations": [p.organisation_id for p in parties if p.organisation_id],
        "is_public": "on" if obj.is_public else "",
    }  # fmt: skip
    data.update(changes)
    return {k: v for k, v in data.items() if v not in ("", [])}


def _rename_partnership(call, obj):
    return call.post(_url("partnership_edit", obj.slug),
                     _partnership_form(obj, name_de="Umbenannt"))  # fmt: skip


def _renamed(field):
    return lambda obj: getattr(reload(obj), field) == "Umbenannt"


def _add_partnership(call, obj):
    from cooperation.models import Partnership

    name = f"Neue Partnerschaft {next(_seq)}"
    call.post(_url("partnership_create"), {
        "name_de": name, "kind": "cooperation", "status": "active", "is_public": "on",
        "cities": [call.tenant.city.pk, _partner_city().pk],
    })  # fmt: skip
    return Partnership.objects.filter(name_de=name).exists()


PARTNERSHIP = Spec(
    "cooperation.partnership",
    make=make_partnership,
    actions=[
        Action("view", EVERYONE, perm="cooperation.view_partnership",
               page=lambda call, obj: call.get(obj.get_absolute_url())),
        Action(
            "change", COORDINATORS, perm="cooperation.change_partnership", admin="change",
            page=_rename_partnership, effect=_renamed("name_de"),
        ),
        Action("delete", COORDINATORS, perm="cooperation.delete_partnership", admin="delete"),
        # The history page asks the same rule as "change"; "revert" goes through it.
        Action("revert", COORDINATORS, page=_revert("name_de"), effect=_reverted("name_de")),
        Action("add", COORDINATORS, probe=_add_partnership),
    ],
)  # fmt: skip

HIDDEN_PARTNERSHIP = Spec(
    "cooperation.partnership (not public, the tenant's organisation a party)",
    make=lambda world, tenant: make_partnership(world, tenant, party="org", is_public=False),
    actions=[
        Action(
            "view", ORG_MEMBERS, perm="cooperation.view_partnership", not_found=HIDDEN,
            page=lambda call, obj: call.get(obj.get_absolute_url()),
            api=lambda call, obj: call.api_get(_api_url("get_partnership", obj)),
            probe=_export("partnership_list", "name"),
        ),
        # Coordinators of a city manage the partnerships of the organisations seated there.
        Action("change", COORDINATORS, perm="cooperation.change_partnership",
               page=_rename_partnership, effect=_renamed("name_de")),
    ],
)  # fmt: skip

HIDDEN_CITY_PARTNERSHIP = Spec(
    "cooperation.partnership (not public, the tenant's city a party)",
    make=lambda world, tenant: make_partnership(world, tenant, is_public=False),
    actions=[
        # A role in the city, not in an organisation seated there.
        Action("view", COORDINATORS, perm="cooperation.view_partnership"),
        Action("change", COORDINATORS, perm="cooperation.change_partnership"),
    ],
)  # fmt: skip

# Adding is asked without an object: a coordinator anywhere may start one (its parties are
# checked when it is saved, see "add" above).
NEW_SHARED_OBJECTS = Spec(
    "cooperation (a new partnership, agreement, goal, project or programme)",
    make=lambda world, tenant: None,
    tenanted=False,
    actions=[
        Action(f"add {model}", COORDINATORS | {"other_city"}, perm=f"cooperation.add_{model}")
        for model in ("partnership", "agreement", "goal", "project", "exchangeprogramme")
    ],
)  # fmt: skip

SHARED_PARTNERSHIP = Spec(
    "cooperation.partnership (shared by the own and the foreign city)",
    make=lambda world, tenant: make_partnership(
        world, tenant, partner=_other_tenant(world, tenant).city
    ),
    actions=[
        # The own city's coordinators are a party in both tenants' cells: they manage it from
        # either side, like the foreign city's coordinators would; nobody else does.
        Action(
            "change", COORDINATORS, allowed_foreign=COORDINATORS, admin="change",
            page=_rename_partnership, effect=_renamed("name_de"),
        ),
        Action(
            "revert", COORDINATORS, allowed_foreign=COORDINATORS, page=_revert("name_de"),
            effect=_reverted("name_de"),
        ),
    ],
)  # fmt: skip

THIRD_CITY_PARTNERSHIP = Spec(
    "cooperation.partnership (shared with the third city)",
    make=lambda world, tenant: make_partnership(world, tenant, partner=world.third_city),
    actions=[
        # Both parties' coordinators: the tenant's (own) and the third city's (other_city).
        Action(
            "change", COORDINATORS | {"other_city"}, allowed_foreign={"other_city", "superuser"},
            perm="cooperation.change_partnership",
            page=_rename_partnership, effect=_renamed("name_de"),
        ),
    ],
)  # fmt: skip


# --- cooperation.agreement, cooperation.goal, cooperation.goalindicator -----------------------
@_unindexed
def make_agreement(world, tenant, *, party="city", is_public=True):
    from cooperation.tests.factories import AgreementFactory

    return AgreementFactory(
        partnership=make_partnership(world, tenant, party=party), is_public=is_public,
        text="Erste Fassung",
    )  # fmt: skip


def _rename_agreement(call, obj):
    data = {"title_de": "Umbenannt", "kind": obj.kind, "text": obj.text}
    if obj.is_public:
        data["is_public"] = "on"
    return call.post(_url("agreement_edit", obj.slug), data)


def _add_agreement(call, obj):
    from cooperation.models import Agreement

    title = f"Neue Vereinbarung {next(_seq)}"
    call.post(
        _url("agreement_create"),
        {"partnership": obj.partnership_id, "title_de": title, "kind": "cooperation"},
    )
    return Agreement.objects.filter(title_de=title).exists()


def _new_agreement(obj):
    from cooperation.models import Agreement

    n = next(_seq)
    return Agreement(partnership=obj.partnership, title=f"Im Admin {n}", slug=f"im-admin-{n}",
                     kind="cooperation")  # fmt: skip


AGREEMENT = Spec(
    "cooperation.agreement",
    make=make_agreement,
    actions=[
        Action("view", EVERYONE, perm="cooperation.view_agreement",
               page=lambda call, obj: call.get(obj.get_absolute_url())),
        Action(
            "change", COORDINATORS, perm="cooperation.change_agreement", admin="change",
            page=_rename_agreement, effect=_renamed("title_de"),
        ),
        Action("delete", COORDINATORS, perm="cooperation.delete_agreement", admin="delete"),
        Action(
            "transition", COORDINATORS, perm="cooperation.transition_agreement",
            page=lambda call, obj: call.post(
                _url("agreement_transition", obj.slug), {"to_state": "pending_approval"}
            ),
            effect=lambda obj: reload(obj).status == "pending_approval",
        ),
        Action(
            "add goal", COORDINATORS,
            page=lambda call, obj: call.post(
                _url("goal_create", obj.slug),
                {"number": "1", "text_de": "Neues Ziel", "status": "planned"},
            ),
            effect=lambda obj: obj.goals.exists(),
        ),
        Action("revert", COORDINATORS, page=_revert("title_de"), effect=_reverted("title_de")),
        Action("add", COORDINATORS, probe=_add_agreement),
        Action("add (admin)", COORDINATORS, probe=_admin_add(_new_agreement)),
    ],
)  # fmt: skip


@_unindexed
def make_hidden_agreement(world, tenant):
    from cooperation.models import AgreementVersion

    agreement = make_agreement(world, tenant, party="org", is_public=False)
    AgreementVersion.objects.create(agreement=agreement, number=1, text=agreement.text)
    return agreement


HIDDEN_AGREEMENT = Spec(
    "cooperation.agreement (not public, the tenant's organisation a party)",
    make=make_hidden_agreement,
    actions=[
        Action(
            "view", ORG_MEMBERS, perm="cooperation.view_agreement", not_found=HIDDEN,
            page=lambda call, obj: call.get(obj.get_absolute_url()),
            api=lambda call, obj: call.api_get(_api_url("get_agreement", obj)),
            probe=_export("agreement_list", "title"),
        ),
        Action(
            "view text version", ORG_MEMBERS, not_found=HIDDEN,
            page=lambda call, obj: call.get(_url("agreement_version", obj.slug, 1)),
        ),
    ],
)  # fmt: skip


@_unindexed
def make_goal(world, tenant, *, party="city", is_public=True):
    from cooperation.tests.factories import GoalFactory

    return GoalFactory(
        agreement=make_agreement(world, tenant, party=party, is_public=is_public), number=1
    )


def _rename_goal(call, obj):
    url = _url("goal_edit", obj.agreement.slug, obj.number)
    return call.post(url, {"number": obj.number, "text_de": "Umbenannt", "status": obj.status})


def _names_editor(call, goal):
    from accounts.models import User
    from cooperation.services import goal_save

    # Created without a password: hashing one would cost more than the whole cell.
    editor = User.objects.create(email=f"bearbeitet{next(_seq)}@matrix.example")
    goal._history_user = editor
    goal_save(goal=goal, data={"status": "in_progress"})
    response = call.get(goal.get_absolute_url())
    return response.status_code == 200 and editor.email in response.content.decode()


GOAL = Spec(
    "cooperation.goal",
    make=make_goal,
    actions=[
        Action("view", EVERYONE, perm="cooperation.view_goal",
               page=lambda call, obj: call.get(obj.get_absolute_url())),
        Action(
            "change", COORDINATORS, perm="cooperation.change_goal", admin="change",
            page=_rename_goal, effect=_renamed("text_de"),
        ),
        Action("delete", COORDINATORS, perm="cooperation.delete_goal", admin="delete"),
        Action("revert", COORDINATORS, page=_revert("text_de"), effect=_reverted("text_de")),
        # Who changed a goal is personal data: the public goal page must not name them.
        Action("see who changed it", COORDINATORS, probe=_names_editor),
    ],
)  # fmt: skip


HIDDEN_GOAL = Spec(
    "cooperation.goal (of a non-public agreement, the tenant's organisation a party)",
    make=lambda world, tenant: make_goal(world, tenant, party="org", is_public=False),
    actions=[
        Action(
            "view", ORG_MEMBERS, perm="cooperation.view_goal", not_found=HIDDEN,
            page=lambda call, obj: call.get(obj.get_absolute_url()),
        ),
    ],
)  # fmt: skip


@_unindexed
def make_goal_indicator(world, tenant):
    from cooperation.models import GoalIndicator
    from monitoring.models import Indicator

    indicator, _ = Indicator.objects.get_or_create(
        code="matrix-quote", defaults={"area": "context", "name": "Matrixquote"}
    )
    goal = make_goal(world, tenant, party="org", is_public=False)
    return GoalIndicator.objects.create(goal=goal, indicator=indicator, territory=tenant.city)


GOAL_INDICATOR = Spec(
    "cooperation.goalindicator (of a non-public goal)",
    make=make_goal_indicator,
    actions=[
        Action("view", ORG_MEMBERS, perm="cooperation.view_goalindicator"),
        Action("change", COORDINATORS, perm="cooperation.change_goalindicator"),
    ],
)  # fmt: skip


# --- cooperation.project, .projectparticipant, .milestone -----------------------------------
@_unindexed
def make_project(world, tenant, *, party="city", partner=None, is_public=True):
    from cooperation.tests.factories import ProjectFactory

    return ProjectFactory(
        partnership=make_partnership(world, tenant, party=party, partner=partner),
        is_public=is_public,
    )


def _rename_project(call, obj):
    data = {"title_de": "Umbenannt", "kind": obj.kind, "status": obj.status}
    if obj.is_public:
        data["is_public"] = "on"
    return call.post(_url("project_edit", obj.slug), data)


def _add_project(call, obj):
    from cooperation.models import Project

    title = f"Neues Projekt {next(_seq)}"
    call.post(_url("project_create"), {"partnership": obj.partnership_id, "title_de": title,
                                       "kind": "joint_project", "status": "planned"})  # fmt: skip
    return Project.objects.filter(title_de=title).exists()


PROJECT = Spec(
    "cooperation.project",
    make=make_project,
    actions=[
        Action("view", EVERYONE, perm="cooperation.view_project",
               page=lambda call, obj: call.get(obj.get_absolute_url())),
        Action(
            "change", COORDINATORS, perm="cooperation.change_project", admin="change",
            page=_rename_project, effect=_renamed("title_de"),
        ),
        Action("delete", COORDINATORS, perm="cooperation.delete_project", admin="delete"),
        Action(
            "add participant", COORDINATORS,
            page=lambda call, obj: call.post(
                _url("participant_create", obj.slug),
                {"organisation": call.tenant.org.pk, "role": "Partner"},
            ),
            effect=lambda obj: obj.participants.exists(),
        ),
        Action(
            "add milestone", COORDINATORS,
            page=lambda call, obj: call.post(
                _url("milestone_create", obj.slug), {"title": "Auftakt"}
            ),
            effect=lambda obj: obj.milestones.exists(),
        ),
        Action("revert", COORDINATORS, page=_revert("title_de"), effect=_reverted("title_de")),
        Action("add", COORDINATORS, probe=_add_project),
    ],
)  # fmt: skip

HIDDEN_PROJECT = Spec(
    "cooperation.project (not public, the tenant's organisation a party)",
    make=lambda world, tenant: make_project(world, tenant, party="org", is_public=False),
    actions=[
        Action(
            "view", ORG_MEMBERS, perm="cooperation.view_project", not_found=HIDDEN,
            page=lambda call, obj: call.get(obj.get_absolute_url()),
            api=lambda call, obj: call.api_get(_api_url("get_project", obj)),
            probe=_export("project_list", "title"),
        ),
    ],
)  # fmt: skip

JOINT_PROJECT = Spec(
    "cooperation.project (joint project of the own and the foreign city)",
    make=lambda world, tenant: make_project(
        world, tenant, partner=_other_tenant(world, tenant).city
    ),
    actions=[
        Action(
            "change", COORDINATORS, allowed_foreign=COORDINATORS,
            perm="cooperation.change_project", page=_rename_project, effect=_renamed("title_de"),
        ),
    ],
)  # fmt: skip


@_unindexed
def make_participant(world, tenant):
    from cooperation.tests.factories import ParticipantFactory

    project = make_project(world, tenant, party="org", is_public=False)
    return ParticipantFactory(project=project, organisation=tenant.org)


PARTICIPANT = Spec(
    "cooperation.projectparticipant (of a non-public project)",
    make=make_participant,
    actions=[
        Action("view", ORG_MEMBERS, perm="cooperation.view_projectparticipant"),
        Action(
            "change", COORDINATORS, perm="cooperation.change_projectparticipant", not_found="view",
            page=lambda call, obj: call.post(
                _url("participant_edit", obj.project.slug, obj.pk),
                {"organisation": obj.organisation_id, "role": "Umbenannt"},
            ),
            effect=lambda obj: reload(obj).role == "Umbenannt",
        ),
        Action("delete", COORDINATORS, perm="cooperation.delete_projectparticipant"),
    ],
)  # fmt: skip


@_unindexed
def make_milestone(world, tenant):
    from cooperation.models import Milestone

    project = make_project(world, tenant, party="org", is_public=False)
    return Milestone.objects.create(project=project, title="Auftakt")


MILESTONE = Spec(
    "cooperation.milestone (of a non-public project)",
    make=make_milestone,
    actions=[
        Action("view", ORG_MEMBERS, perm="cooperation.view_milestone"),
        Action("change", COORDINATORS, perm="cooperation.change_milestone"),
        Action("delete", COORDINATORS, perm="cooperation.delete_milestone"),
    ],
)  # fmt: skip


# --- cooperation.exchangeprogramme ----------------------------------------------------------
@_unindexed
def make_programme(world, tenant, *, is_public=True):
    from cooperation.tests.factories import ProgrammeFactory

    return ProgrammeFactory(coordinator=tenant.org, is_public=is_public)


PROGRAMME = Spec(
    "cooperation.exchangeprogramme (coordinated by the tenant's organisation)",
    make=make_programme,
    actions=[
        Action("view", EVERYONE, page=lambda call, obj: call.get(obj.get_absolute_url())),
        Action("change", COORDINATORS, admin="change"),
        Action("delete", COORDINATORS, admin="delete"),
        Action("revert", COORDINATORS, page=_revert("name_de"), effect=_reverted("name_de")),
    ],
)  # fmt: skip

HIDDEN_PROGRAMME = Spec(
    "cooperation.exchangeprogramme (not public)",
    make=lambda world, tenant: make_programme(world, tenant, is_public=False),
    actions=[
        Action(
            "view", ORG_MEMBERS, perm="cooperation.view_exchangeprogramme", not_found=HIDDEN,
            page=lambda call, obj: call.get(obj.get_absolute_url()),
            api=lambda call, obj: call.api_get(_api_url("get_programme", obj)),
            probe=_export("programme_list", "name"),
        ),
    ],
)  # fmt: skip


# --- cooperation.placement: personal data ---------------------------------------------------
def _programme():
    from cooperation.models import ExchangeProgramme
    from cooperation.tests.factories import ProgrammeFactory

    return ExchangeProgramme.objects.filter(slug="matrix-austausch").first() or ProgrammeFactory(
        slug="matrix-austausch", name="Matrix-Austausch"
    )


@_unindexed
def make_placement(world, tenant, *, home=None, wished=None, user=None):
    from actors.models import Person
    from cooperation.tests.factories import PersonFactory, PlacementFactory

    person = None
    if user is not None:
        person = Person.objects.filter(user=user).first() or PersonFactory(user=user)
    return PlacementFactory(
        programme=_programme(),
        home_organisation=home or tenant.org,
        wished_city=wished or _partner_city(),
        person=person or PersonFactory(given_name="Ida", family_name=f"Hospitantin {next(_seq)}"),
        home_unit="Bildungsbüro",
    )  # fmt: skip


def _step(to_state):
    return lambda call, obj: call.post(_url("placement_transition", obj.pk), {"to_state": to_state})


def _in_state(state):
    return lambda obj: reload(obj).state == state


def _decide(side, decision):
    return lambda call, obj: call.post(_url("placement_decide", obj.pk), {
        "side": side, "decision": decision, "reason": "Keine Stelle frei",
    })  # fmt: skip


def _decided(side, decision):
    return lambda obj: obj.transitions.filter(side=side, decision=decision).exists()


def _programme_page_names_the_person(call, obj):
    response = call.get(obj.programme.get_absolute_url())
    return obj.person.full_name in response.content.decode()


def _apply(call, obj):
    return call.post(_url("placement_create", obj.programme.slug), {
        "given_name": "Ida", "family_name": f"Bewerberin {obj.pk}",
        "home_organisation": call.tenant.org.pk, "wished_city": _partner_city().pk,
        "wished_field": "Monitoring",
    })  # fmt: skip


def _applied(obj):
    from cooperation.models import Placement

    return Placement.objects.filter(person__family_name=f"Bewerberin {obj.pk}").exists()


PLACEMENT = Spec(
    "cooperation.placement (from the tenant's organisation)",
    make=make_placement,
    actions=[
        # Personal data: the home and host city's coordinators only, not the home
        # organisation's viewers or editors.
        Action(
            "view", COORDINATORS, perm="cooperation.view_placement", admin="view", not_found=HIDDEN,
            page=lambda call, obj: call.get(obj.get_absolute_url()),
            probe=_export("placement_list", "participant", lambda p: p.person.full_name),
        ),
        Action("see on the programme page", COORDINATORS, probe=_programme_page_names_the_person),
        Action("history", COORDINATORS, page=_history),
        Action("change", COORDINATORS, perm="cooperation.change_placement", admin="change"),
        Action("delete", COORDINATORS, perm="cooperation.delete_placement", admin="delete"),
        Action("transition", COORDINATORS, not_found="view", page=_step("withdrawn"),
               effect=_in_state("withdrawn")),
        # A plain step neither approves nor rejects: the sides decide (#12, finding 11).
        Action("reject by a plain step", frozenset(), not_found="view", page=_step("rejected"),
               effect=_in_state("rejected")),
        Action("decide for the sending side", COORDINATORS, not_found="view",
               perm="cooperation.decide_home_side_placement",
               page=_decide("home", "reject"), effect=_in_state("rejected")),
        Action("decide for the host side", SUPERUSER, not_found="view",
               perm="cooperation.decide_host_side_placement",
               page=_decide("host", "approve"), effect=_decided("host", "approve")),
        Action("apply", COORDINATORS, page=_apply, effect=_applied),
    ],
)  # fmt: skip

HOSTED_PLACEMENT = Spec(
    "cooperation.placement (wished for the tenant's city, from elsewhere)",
    make=lambda world, tenant: make_placement(
        world, tenant, home=_partner_org(), wished=tenant.city
    ),
    actions=[
        Action("view", COORDINATORS, perm="cooperation.view_placement", not_found=HIDDEN,
               page=lambda call, obj: call.get(obj.get_absolute_url())),
        Action("change", COORDINATORS, perm="cooperation.change_placement"),
        # Deleting a placement is for the sending (home) city's coordinators only.
        Action("delete", SUPERUSER, perm="cooperation.delete_placement", admin="delete"),
        Action("decide for the host side", COORDINATORS, not_found="view",
               perm="cooperation.decide_host_side_placement",
               page=_decide("host", "approve"), effect=_decided("host", "approve")),
        Action("decide for the sending side", SUPERUSER, not_found="view",
               perm="cooperation.decide_home_side_placement",
               page=_decide("home", "approve"), effect=_decided("home", "approve")),
    ],
)  # fmt: skip

OWN_PLACEMENT = Spec(
    "cooperation.placement (of the editor, from the tenant's organisation)",
    make=lambda world, tenant: make_placement(world, tenant, user=world.users["editor"]),
    actions=[
        Action("view", COORDINATORS | {"editor"}, allowed_foreign={"editor", "superuser"},
               perm="cooperation.view_placement", not_found=HIDDEN,
               page=lambda call, obj: call.get(obj.get_absolute_url())),
        Action("find in the list", COORDINATORS | {"editor"},
               allowed_foreign={"editor", "superuser"},
               # The same person in both tenants: the placement is told by its home.
               probe=_export("placement_list", "home_administration",
                             lambda p: p.home_organisation.name)),
        # The person may withdraw and file reports, nothing else.
        Action("withdraw", COORDINATORS | {"editor"}, allowed_foreign={"editor", "superuser"},
               perm="cooperation.transition_placement", not_found="view",
               page=_step("withdrawn"), effect=_in_state("withdrawn")),
        Action("change", COORDINATORS, perm="cooperation.change_placement"),
        # Nor does the person decide on their own application, for either side.
        Action("reject", COORDINATORS, perm="cooperation.decide_home_side_placement",
               not_found="view", page=_decide("home", "reject"), effect=_in_state("rejected")),
        Action("decide for the host side", SUPERUSER,
               perm="cooperation.decide_host_side_placement"),
    ],
)  # fmt: skip

COORDINATORS_OWN_PLACEMENT = Spec(
    "cooperation.placement (the coordinator's own application, from the tenant's organisation)",
    make=lambda world, tenant: make_placement(world, tenant, user=world.users["coordinator"]),
    actions=[
        # The applicant sees their application wherever it is, like the coordinators of its
        # home city.
        Action("view", COORDINATORS, allowed_foreign={"coordinator", "superuser"},
               perm="cooperation.view_placement"),
        # Nobody decides on their own application, not even for the side they coordinate.
        Action("approve for the sending side", {"admin", "superuser"}, not_found="view",
               perm="cooperation.decide_home_side_placement",
               page=_decide("home", "approve"), effect=_decided("home", "approve")),
    ],
)  # fmt: skip


# --- cooperation.exchangeprogramme: staff apply for themselves (#12, finding 11) -----------
@_unindexed
def make_participating_programme(world, tenant, *, cities=True, organisations=True):
    """A programme the tenant's city and organisation take part in; the city's administration
    is an organisation of its own (the employer of the city's coordinators)."""
    from actors.models import Organisation, OrganisationKind
    from actors.tests.factories import OrganisationFactory
    from cooperation.tests.factories import ProgrammeFactory

    slug = f"stadtverwaltung-{tenant.name}"
    if not Organisation.objects.filter(slug=slug).exists():
        OrganisationFactory(seat=tenant.city, slug=slug, kind=OrganisationKind.ADMINISTRATION,
                            name_de=f"Stadtverwaltung {tenant.city.name}")  # fmt: skip
    programme = ProgrammeFactory()
    programme.cities.set([tenant.city] if cities else [])
    programme.organisations.set([tenant.org] if organisations else [])
    return programme


def _apply_self(call, programme):
    import re

    url = _url("placement_apply", programme.slug)
    form = call.get(url)
    if form.status_code != 200:
        return form
    home = re.search(r'name="home_organisation"[^>]*>.*?<option value="(\d+)"',
                     form.content.decode(), re.S)  # fmt: skip
    return call.post(url, {
        "given_name": "Ida", "family_name": "Selbst", "home_organisation": home.group(1),
        "wished_city": _partner_city().pk, "wished_field": "Monitoring",
    })  # fmt: skip


def _applied_self(programme):
    return programme.placements.filter(person__user__isnull=False).exists()


PARTICIPATING_PROGRAMME = Spec(
    "cooperation.exchangeprogramme (the tenant's city and organisation take part)",
    make=make_participating_programme,
    actions=[
        # Every member of a participating administration, whatever the role.
        Action("apply for oneself", {"viewer", "editor", "coordinator", "admin", "superuser"},
               perm="cooperation.apply_for_exchangeprogramme",
               page=_apply_self, effect=_applied_self),
    ],
)  # fmt: skip

PARTICIPATING_CITY_PROGRAMME = Spec(
    "cooperation.exchangeprogramme (the tenant's city takes part)",
    make=lambda world, tenant: make_participating_programme(world, tenant, organisations=False),
    actions=[
        # The staff of the city's administration: roles in the city, not in a club seated there.
        # Django grants a platform admin every permission: they may apply for any administration.
        Action("apply for oneself", COORDINATORS,
               perm="cooperation.apply_for_exchangeprogramme"),
    ],
)  # fmt: skip

PARTICIPATING_ORGANISATION_PROGRAMME = Spec(
    "cooperation.exchangeprogramme (the tenant's organisation takes part)",
    make=lambda world, tenant: make_participating_programme(world, tenant, cities=False),
    actions=[
        # Members of the organisation, whatever their role; not the city's staff.
        Action("apply for oneself", {"viewer", "editor", "superuser"},
               perm="cooperation.apply_for_exchangeprogramme"),
    ],
)  # fmt: skip


# --- actors.person in cooperation: names as the person's visibility allows ------------------
@_unindexed
def make_private_person(world, tenant):
    """Someone working for the tenant's organisation whose name is private."""
    from actors.models import Visibility
    from actors.tests.factories import PersonFactory, RoleFactory

    person = PersonFactory(given_name="Gudrun", family_name=f"Verborgen {next(_seq)}",
                           name_visibility=Visibility.PRIVATE)  # fmt: skip
    RoleFactory(person=person, organisation=tenant.org)
    return person


def _joint_project_with_contact(call, person):
    """A project of the own and the foreign city, the tenant's organisation taking part."""
    from cooperation.tests.factories import ParticipantFactory

    world = call.world
    project = make_project(world, world.own, partner=world.foreign.city)
    ParticipantFactory(project=project, organisation=call.tenant.org, contact=person)
    return project


def _named_on_project_page(call, person):
    project = _joint_project_with_contact(call, person)
    return person.full_name in call.get(project.get_absolute_url()).content.decode()


def _named_in_contact_choices(call, person):
    """The participant form of a joint project lists contact persons by name."""
    project = _joint_project_with_contact(call, person)
    response = call.get(_url("participant_create", project.slug))
    return response.status_code == 200 and person.full_name in response.content.decode()


def _signed_agreement(call, person):
    from cooperation.models import AgreementSignatory

    agreement = make_agreement(call.world, call.tenant)
    AgreementSignatory.objects.create(
        agreement=agreement, person=person, organisation=call.tenant.org, function="Vorstand"
    )
    return agreement  # fmt: skip


def _named_as_signatory(call, person):
    page = call.get(_signed_agreement(call, person).get_absolute_url())
    return person.full_name in page.content.decode()


def _named_as_signatory_in_api(call, person):
    agreement = _signed_agreement(call, person)
    response = call.api_get(_api_url("get_agreement", agreement))
    return any(s["name"] == person.full_name for s in response.json()["signatories"])


def _named_as_goal_owner(call, person):
    from cooperation.models import GoalOwner
    from cooperation.tests.factories import GoalFactory

    goal = GoalFactory(agreement=make_agreement(call.world, call.tenant), number=1)
    GoalOwner.objects.create(goal=goal, organisation=call.tenant.org, person=person)
    return person.full_name in call.get(goal.get_absolute_url()).content.decode()


PRIVATE_PERSON = Spec(
    "actors.person (private name, works for the tenant's organisation) in cooperation",
    make=make_private_person,
    actions=[
        # Private: the person and the coordinators of an organisation they work for
        # (actors.privacy), wherever cooperation shows them.
        Action("name as a project's contact", COORDINATORS, probe=_named_on_project_page),
        Action("name among the contact choices", COORDINATORS, probe=_named_in_contact_choices),
        Action("name as a signatory", COORDINATORS, page=_named_as_signatory,
               api=_named_as_signatory_in_api),
        Action("name as a goal owner", COORDINATORS, page=_named_as_goal_owner),
    ],
)  # fmt: skip


# --- cooperation.studyvisit -----------------------------------------------------------------
@_unindexed
def make_study_visit(world, tenant, *, is_public=True):
    from cooperation.models import StudyVisit

    return StudyVisit.objects.create(
        title=f"Studienreise {next(_seq)}", origin=tenant.city, destination=_partner_city(),
        is_public=is_public,
    )  # fmt: skip


STUDY_VISIT = Spec(
    "cooperation.studyvisit (from the tenant's city)",
    make=make_study_visit,
    actions=[
        Action("view", EVERYONE, perm="cooperation.view_studyvisit"),
        Action("change", COORDINATORS, admin="change"),
        Action("delete", COORDINATORS, admin="delete"),
    ],
)  # fmt: skip

HIDDEN_STUDY_VISIT = Spec(
    "cooperation.studyvisit (not public)",
    make=lambda world, tenant: make_study_visit(world, tenant, is_public=False),
    actions=[Action("view", COORDINATORS, admin="view")],
)

SPECS = [
    PARTNERSHIP, HIDDEN_PARTNERSHIP, HIDDEN_CITY_PARTNERSHIP, NEW_SHARED_OBJECTS,
    SHARED_PARTNERSHIP, THIRD_CITY_PARTNERSHIP, AGREEMENT,
    HIDDEN_AGREEMENT, GOAL, HIDDEN_GOAL, GOAL_INDICATOR, PROJECT, HIDDEN_PROJECT, JOINT_PROJECT,
    PARTICIPANT, MILESTONE, PROGRAMME, HIDDEN_PROGRAMME, PLACEMENT, HOSTED_PLACEMENT,
    OWN_PLACEMENT, COORDINATORS_OWN_PLACEMENT, PARTICIPATING_PROGRAMME,
    PARTICIPATING_CITY_PROGRAMME, PARTICIPATING_ORGANISATION_PROGRAMME, PRIVATE_PERSON,
    STUDY_VISIT, HIDDEN_STUDY_VISIT,
]  # fmt: skip
