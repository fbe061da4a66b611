"""Personal data of people: who may see which field, export everything, erase in place."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils import timezone

from accounts.models import Membership, RoleLevel
from accounts.scopes import organisation_scope_q, role_on_object, scopes_for

from .models import Person, Visibility

ERASED_NAME = "Gelöschte Person"
# Fields shown to others, with the visibility field that controls each.
VISIBLE_FIELDS = {
    "name": "name_visibility",
    "email": "email_visibility",
    "phone": "phone_visibility",
}


def _is_self(person: Person, user) -> bool:
    return bool(user and user.is_authenticated and person.user_id and person.user_id == user.pk)


def _may_see(person: Person, user, visibility: str) -> bool:
    """Who may see a field at `visibility`: anyone if public, members of the platform if for
    members, else the person and coordinators of an organisation the person works for.
    `people_visible_to` asks the same as one query."""
    if visibility == Visibility.PUBLIC:
        return True
    if _is_self(person, user):
        return True
    if visibility == Visibility.MEMBERS:
        return scopes_for(user).is_member
    return role_on_object(user, person) >= RoleLevel.COORDINATOR


def people_visible_to(user, key: str = "name", people=None):
    """The people of `people` (default: everyone) whose `key` field ("name", "email" or
    "phone") `user` may see: the rule of `_may_see` as one query, for choice lists that offer
    only names the user could see anyway."""
    people = Person.objects.all() if people is None else people
    coordinated = organisation_scope_q(user, RoleLevel.COORDINATOR, lookup="roles__organisation")
    if coordinated is not None:  # None: a superuser sees everyone
        field = VISIBLE_FIELDS[key]
        visible = models.Q(**{field: Visibility.PUBLIC}) | coordinated
        if scopes_for(user).is_member:
            visible |= models.Q(**{field: Visibility.MEMBERS})
        if user is not None and user.is_authenticated:
            visible |= models.Q(user=user)
        people = people.filter(pk__in=Person.objects.filter(visible).values("pk"))
    return Person.objects.filter(pk__in=people.values("pk"))


def person_visible_fields(person: Person, user) -> dict[str, str]:
    """The person's name, e-mail and phone as far as `user` may see them (absent keys: hidden).

    Pages and the API show people only through this function.
    """
    if person.erased_at is not None:
        return {"name": ERASED_NAME}
    values = {"name": person.full_name, "email": person.email, "phone": person.phone}
    out = {}
    for key, visibility_field in VISIBLE_FIELDS.items():
        value = values[key]
        if value and _may_see(person, user, getattr(person, visibility_field)):
            out[key] = value
    return out


# The model fields behind each key of VISIBLE_FIELDS.
MODEL_FIELDS = {
    "name": ("honorific", "given_name", "family_name"),
    "email": ("email",),
    "phone": ("phone",),
}


def person_hidden_fields(person: Person, user, states=()) -> set[str]:
    """The model fields of `person` that `user` may not see, by the same rule as
    `person_visible_fields`. `states` are earlier versions (history records): a field is
    hidden if it is hidden under the current visibility or under any earlier one, so a value
    that was private then stays private in the history.
    """
    if person.erased_at is not None:
        return {name for names in MODEL_FIELDS.values() for name in names}
    hidden: set[str] = set()
    for key, visibility_field in VISIBLE_FIELDS.items():
        visibilities = {getattr(state, visibility_field) for state in (person, *states)}
        if not all(_may_see(person, user, visibility) for visibility in visibilities):
            hidden.update(MODEL_FIELDS[key])
    return hidden


# --- Export (Art. 15 and 20 GDPR) -----------------------------------------------------------
def _plain(value):
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _row(obj) -> dict:
    data = {}
    for field in obj._meta.concrete_fields:
        value = getattr(obj, field.attname)
        data[field.attname] = _plain(value)
        if field.is_relation and value is not None:
            related = getattr(obj, field.name, None)
            if related is not None:
                data[field.name] = str(related)
    return data


def _history(model, **lookup) -> list[dict]:
    history = getattr(model, "history", None)
    if history is None:
        return []
    rows = []
    for record in history.filter(**lookup).order_by("history_date", "history_id"):
        row = _row(record)
        row["history_user"] = str(record.history_user) if record.history_user_id else None
        rows.append(row)
    return rows


def person_export(*, person: Person) -> dict:
    """Everything the platform holds about a person, JSON-ready.

    Objects of other apps that point at the person are found through the model's reverse
    relations, so a new app's contact-person field is exported without touching this code.
    """
    data = {
        "person": _row(person),
        "history": _history(Person, id=person.pk),
        "related": {},
    }
    for rel in Person._meta.related_objects:
        model = rel.related_model
        if model._meta.app_label == "simple_history" or model.__name__.startswith("Historical"):
            continue
        field_name = rel.field.name
        queryset = model._base_manager.filter(**{field_name: person})
        label = model._meta.label_lower
        rows = [_row(obj) for obj in queryset.order_by("pk")]
        if rows:
            data["related"][label] = rows
        if not rel.many_to_many:
            history = _history(model, **{f"{field_name}_id": person.pk})
            if history:
                data["related"][f"{label} (history)"] = history
    if person.user_id:
        data["user"] = {
            "email": person.user.email,
            "memberships": [
                {
                    "organisation": str(m.organisation) if m.organisation_id else None,
                    "territory": m.territory.key if m.territory_id else None,
                    "role": m.get_role_display(),
                }
                for m in Membership.objects.filter(user_id=person.user_id).select_related(
                    "organisation", "territory"
                )
            ],
        }
    return data


# --- Erasure (Art. 17 GDPR) -----------------------------------------------------------------
def _erased_values(model) -> dict:
    """Blank every field the model declares as personal; the name becomes ERASED_NAME."""
    values = {}
    for name in getattr(model, "personal_data", {}):
        field = model._meta.get_field(name)
        if isinstance(field, models.CharField | models.TextField | models.EmailField):
            values[name] = ""
        elif field.null:
            values[name] = None
    values["given_name"] = ""
    values["family_name"] = ERASED_NAME
    return values


@transaction.atomic
def person_erase(*, person: Person, user) -> Person:
    """Anonymise in place: roles, statistics and history keep their shape, not the person.

    The person's earlier historical records are scrubbed as well, so no history view or
    export can bring the name, e-mail or phone back.
    """
    if not (_is_self(person, user) or user.has_perm("actors.delete_person", person)):
        raise PermissionDenied
    values = _erased_values(Person)
    for name, value in values.items():
        setattr(person, name, value)
    person.name_visibility = Visibility.PRIVATE
    person.email_visibility = Visibility.PRIVATE
    person.phone_visibility = Visibility.PRIVATE
    person.user = None
    person.erased_at = timezone.now()
    person._history_user = user if getattr(user, "pk", None) else None
    person.save()
    Person.history.filter(id=person.pk).update(user=None, **values)
    return person
