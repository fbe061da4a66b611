"""Matrix specs of staff exchanges: exchange programmes, placements, study visits (collected
in matrix.py)."""

from __future__ import annotations

from bildungsnetz.testing.permissions import (
    COORDINATORS,
    EVERYONE,
    HIDDEN,
    ORG_MEMBERS,
    SUPERUSER,
    Action,
    Spec,
    reload,
)

from .matrix_common import (
    _api_url,
    _export,
    _history,
    _partner_city,
    _partner_org,
    _revert,
    _reverted,
    _seq,
    _unindexed,
    _url,
)
from .matrix_partnerships import make_agreement, make_project


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
