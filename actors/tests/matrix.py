"""Matrix specs of actors (see bildungsnetz/testing/permissions.py): organisations public and
not, new and imported ones, people with per-field visibility, their roles."""

from __future__ import annotations

import itertools

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from bildungsnetz.testing.permissions import (
    COORDINATORS,
    EDITORS,
    EVERYONE,
    HIDDEN,
    MEMBERS,
    ORG_MEMBERS,
    Action,
    Spec,
    history_revert_url,
    history_url,
    reload,
)

_seq = itertools.count(1)


def _api_organisation(call, obj):
    return call.api_get(reverse("api-v1:get_organisation", kwargs={"slug": obj.slug}))


# --- actors.organisation --------------------------------------------------------------------
def original_name(tenant) -> str:
    return f"Verein {tenant.city.name}"


def make_organisation(world, tenant, is_public=True):
    """The tenant's organisation itself (its editors hold their role there), reset per cell.

    The reset is an update(): it writes no history record, so history and revert see only the
    changes the cells make.
    """
    from actors.models import Organisation

    Organisation.objects.filter(pk=tenant.org.pk).update(
        name_de=original_name(tenant), is_public=is_public
    )
    return Organisation.objects.get(pk=tenant.org.pk)


def make_new_organisation(world, tenant):
    from actors.tests.factories import OrganisationFactory

    return OrganisationFactory(seat=tenant.city)


def _org_form(obj, **changes):
    data = {
        "name_de": obj.name_de, "name_en": obj.name_en or "", "short_name": obj.short_name,
        "kind": obj.kind, "seat": obj.seat_id, "street": "", "postcode": "", "locality": "",
        "website": "", "email": "", "phone": "", "description_de": "", "description_en": "",
        "is_public": "on" if obj.is_public else "",
    }  # fmt: skip
    data.update(changes)
    return {k: v for k, v in data.items() if v != ""}


def _renamed(obj):
    return reload(obj).name_de == "Umbenannt"


def _visible_in_export(call, obj):
    response = call.get(reverse("actors:organisation_list"), {"format": "json"})
    return any(row["name"] == obj.name for row in response.json())


def _revert(call, obj):
    """Record the original name, change it, then try to restore the recorded version."""
    from actors.models import Organisation
    from actors.services import organisation_update

    fresh = Organisation.objects.get(pk=obj.pk)
    fresh.save()  # a history record of the original (the services write only changes)
    record = fresh.history.order_by("-history_date", "-history_id").first()
    organisation_update(organisation=fresh, data={"name_de": "Zwischenstand"})
    return call.post(history_revert_url(obj, record.history_id))


ORGANISATION = Spec(
    "actors.organisation",
    make=make_organisation,
    actions=[
        Action(
            "view", EVERYONE, perm="actors.view_organisation",
            page=lambda call, obj: call.get(obj.get_absolute_url()),
            api=_api_organisation, probe=_visible_in_export,
        ),
        Action(
            "change", EDITORS, perm="actors.change_organisation", admin="change",
            page=lambda call, obj: call.post(
                reverse("actors:organisation_edit", args=[obj.slug]),
                _org_form(obj, name_de="Umbenannt"),
            ),
            api=lambda call, obj: call.api_patch(
                reverse("api-v1:patch_organisation", kwargs={"slug": obj.slug}),
                {"name": "Umbenannt"},
            ),
            effect=_renamed,
        ),
        Action("delete", COORDINATORS, perm="actors.delete_organisation", admin="delete"),
        Action(
            "history", EDITORS, perm="actors.change_organisation",
            page=lambda call, obj: call.get(history_url(obj)),
        ),
        Action(
            "revert", COORDINATORS, perm="accounts.revert_history", page=_revert,
            effect=lambda obj: reload(obj).name_de.startswith("Verein "),
        ),
    ],
)  # fmt: skip

HIDDEN_ORGANISATION = Spec(
    "actors.organisation (not public)",
    make=lambda world, tenant: make_organisation(world, tenant, is_public=False),
    actions=[
        Action(
            "view", ORG_MEMBERS, perm="actors.view_organisation", not_found=HIDDEN,
            page=lambda call, obj: call.get(obj.get_absolute_url()),
            api=_api_organisation, probe=_visible_in_export,
        ),
    ],
)  # fmt: skip


def _create(call, obj):
    from actors.models import Organisation

    name = f"Neu angelegt {next(_seq)}"
    call.post(reverse("actors:organisation_create"),
              {"name_de": name, "kind": "ngo", "seat": obj.seat_id})  # fmt: skip
    return Organisation.objects.filter(name_de=name).exists()


def _import(call, obj):
    from actors.models import Organisation

    name = f"Importiert {next(_seq)}"
    content = f"name,kind,seat\n{name},ngo,{obj.seat.key}\n".encode()
    upload = SimpleUploadedFile("orgs.csv", content, content_type="text/csv")
    call.post(reverse("actors:organisation_import"), {"file": upload})
    return Organisation.objects.filter(name_de=name).exists()


def _import_mapped(call, obj):
    """Upload a list, keep the guessed mapping, import it (steps 1 to 3 of the wizard)."""
    from actors.models import Organisation

    name = f"Zugeordnet {next(_seq)}"
    content = f"Bezeichnung;Art;Sitz\n{name};ngo;{obj.seat.key}\n".encode()
    upload = SimpleUploadedFile("liste.csv", content, content_type="text/csv")
    page = call.post(reverse("actors:organisation_import_upload"), {"file": upload})
    if page.status_code != 200 or "form" not in (page.context or {}):
        return False
    form = page.context["form"]
    data = {bound.html_name: bound.value() or "" for bound in form.mapping_fields()}
    data["rows"] = form.initial["rows"]
    call.post(reverse("actors:organisation_import_map"), data)
    return Organisation.objects.filter(name_de=name).exists()


ORGANISATION_CREATE = Spec(
    "actors.organisation (new, seated in the tenant's city)",
    make=make_new_organisation,
    actions=[
        Action("add", COORDINATORS, probe=_create),
        Action("import", COORDINATORS, probe=_import),
        Action("import with column mapping", COORDINATORS, probe=_import_mapped),
        # Anyone signed in may register an organisation (anywhere); it stays hidden until a
        # coordinator of its seat verifies it (REGISTRATION below).
        Action(
            "register", MEMBERS, allowed_foreign=MEMBERS,
            page=lambda call, obj: call.get(reverse("actors:organisation_register")),
        ),
    ],
)  # fmt: skip


def make_registration(world, tenant):
    from django.utils import timezone

    from actors.tests.factories import OrganisationFactory

    return OrganisationFactory(
        seat=tenant.city, is_public=False, verified=False, registered_at=timezone.now()
    )


def _review(action, **extra):
    def page(call, obj):
        url = reverse("actors:organisation_review", args=[obj.slug])
        return call.post(url, {"action": action, **extra})

    return page


def _in_queue(call, obj):
    response = call.get(reverse("actors:registration_queue"))
    return response.status_code == 200 and obj.name in response.content.decode()


REGISTRATION = Spec(
    "actors.organisation (registered, waiting for verification)",
    make=make_registration,
    actions=[
        Action(
            "verify", COORDINATORS, perm="actors.verify_organisation", not_found=HIDDEN,
            page=_review("verify"), effect=lambda obj: reload(obj).verified,
        ),
        Action(
            "reject", COORDINATORS, perm="actors.verify_organisation", not_found=HIDDEN,
            page=_review("reject", reason="Kein Bildungsbezug."),
            effect=lambda obj: reload(obj).rejected_at is not None,
        ),
        Action("see in the verification queue", COORDINATORS, probe=_in_queue),
    ],
)  # fmt: skip


# --- actors.person, actors.role --------------------------------------------------------------
def make_person(world, tenant):
    from actors.models import Visibility
    from actors.tests.factories import PersonFactory, RoleFactory

    n = next(_seq)
    person = PersonFactory(
        email=f"kontakt{n}@example.org", phone=f"+49 361 {n:06d}",
        name_visibility=Visibility.PUBLIC, email_visibility=Visibility.MEMBERS,
        phone_visibility=Visibility.PRIVATE,
    )  # fmt: skip
    RoleFactory(person=person, organisation=tenant.org, is_public=True)
    return person


def _api_people(call, person):
    role = person.roles.first()
    response = _api_organisation(call, role.organisation)
    return [p for p in response.json()["people"] if p["name"] == person.full_name]


def _sees(field):
    def privacy(call, person):
        from actors.privacy import person_visible_fields

        return field in person_visible_fields(person, call.user)

    def api(call, person):
        value = {"name": person.full_name, "email": person.email, "phone": person.phone}[field]
        return any(p.get(field) == value for p in _api_people(call, person))

    return privacy, api


_name, _name_api = _sees("name")
_email, _email_api = _sees("email")
_phone, _phone_api = _sees("phone")


def _erase(call, person):
    from django.core.exceptions import PermissionDenied

    from actors.privacy import person_erase

    try:
        person_erase(person=person, user=call.user)
    except PermissionDenied:
        return False
    return True


PERSON = Spec(
    "actors.person",
    make=make_person,
    actions=[
        Action("view", EDITORS, perm="actors.view_person", admin="view"),
        Action("change", EDITORS, perm="actors.change_person", admin="change"),
        Action("delete", COORDINATORS, perm="actors.delete_person", admin="delete"),
        Action("see public name", EVERYONE, probe=_name, api=_name_api),
        Action("see e-mail (members)", MEMBERS, allowed_foreign=MEMBERS, probe=_email,
               api=_email_api),
        Action("see phone (private)", COORDINATORS, probe=_phone, api=_phone_api),
        Action(
            "history", EDITORS, perm="actors.change_person",
            page=lambda call, obj: call.get(history_url(obj)),
        ),
        Action("erase", COORDINATORS, probe=_erase),
    ],
)  # fmt: skip

ROLE = Spec(
    "actors.role",
    make=lambda world, tenant: make_person(world, tenant).roles.first(),
    actions=[
        Action("change", EDITORS, perm="actors.change_role", admin="change"),
        Action("delete", EDITORS, perm="actors.delete_role", admin="delete"),
    ],
)  # fmt: skip

SPECS = [ORGANISATION, HIDDEN_ORGANISATION, ORGANISATION_CREATE, REGISTRATION, PERSON, ROLE]
