"""Matrix specs of partnerships, agreements with goals and goal indicators, and projects with
participants and milestones (collected in matrix.py)."""

from __future__ import annotations

from bildungsnetz.testing.permissions import (
    COORDINATORS,
    EVERYONE,
    HIDDEN,
    ORG_MEMBERS,
    Action,
    Spec,
    reload,
)

from .matrix_common import (
    _admin_add,
    _api_url,
    _export,
    _other_tenant,
    _partner_city,
    _revert,
    _reverted,
    _seq,
    _unindexed,
    _url,
)


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
        # Whoever may not see it learns nothing of it from the edit page either (404).
        Action("change", COORDINATORS, perm="cooperation.change_partnership", not_found="view",
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
