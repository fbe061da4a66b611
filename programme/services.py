"""What the system does with work programmes: save, delete (undoably), restore, create tasks
(also for other apps) and move their status.

Other apps call two functions, and only these:

- `task_create(*, package, title, owner=None, due=None, origin=None, origin_label="",
  origin_url="", actor)` — an action item of a meeting's minutes becomes a task of a work
  package in one call (the events app); the task remembers where it came from.
- `task_set_status(*, task, status, actor)` — open, in progress, done, cancelled.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from actors.models import Person
from bildungsnetz.access import require
from bildungsnetz.concurrency import Expected
from bildungsnetz.services import model_update
from bildungsnetz.text import sanitize_html, strip_control_characters, unique_slug

from .models import (
    BudgetLine,
    Deliverable,
    Milestone,
    Programme,
    Task,
    TaskStatus,
    WorkPackage,
)

# What a deleted row of each kind is called in the undo page's URL.
DELETABLE = {
    "programm": Programme,
    "arbeitspaket": WorkPackage,
    "aufgabe": Task,
    "meilenstein": Milestone,
    "ergebnis": Deliverable,
}


def _by(instance, actor):
    """Who made the change, for the history record (simple_history reads `_history_user`)."""
    if actor is not None and getattr(actor, "is_authenticated", False):
        instance._history_user = actor
    return instance


def _rich(data: dict, name: str = "description") -> dict:
    if name in data:
        data[name] = sanitize_html(data[name] or "")
    return data


# --- Programmes -----------------------------------------------------------------------------
@transaction.atomic
def programme_save(
    *, programme: Programme, data: dict, actor=None, expected: Expected | None = None
) -> Programme:
    """Create or update a programme. A new one must be one the actor may manage (its
    territory or lead organisation is theirs)."""
    data = _rich(dict(data))
    if not data.get("slug", programme.slug):
        data["slug"] = unique_slug(Programme, data.get("title") or programme.title)
    _by(programme, actor)
    if programme.pk is None and actor is not None:
        candidate = Programme(**data)
        if not actor.has_perm("programme.change_programme", candidate):
            raise ValidationError(
                _("You may only add programmes of a territory or organisation you manage.")
            )
    model_update(instance=programme, data=data, expected=expected)
    return programme


@transaction.atomic
def budget_lines_set(*, programme: Programme, rows: list[dict]) -> bool:
    """Make the programme's budget lines these (label, amount, currency), in this order;
    True when anything changed."""
    current = list(programme.budget_lines.all())
    changed = False
    for position, row in enumerate(rows):
        values = {
            "label": row["label"],
            "amount": row["amount"],
            "currency": (row.get("currency") or "EUR").upper(),
            "position": position,
        }
        line = current[position] if position < len(current) else BudgetLine(programme=programme)
        if line.pk is None or any(getattr(line, k) != v for k, v in values.items()):
            for key, value in values.items():
                setattr(line, key, value)
            line.full_clean()
            line.save()
            changed = True
    for line in current[len(rows) :]:
        line.delete()
        changed = True
    return changed


# --- Work packages --------------------------------------------------------------------------
def package_position(number: str) -> int:
    """The numeric part of "AP 12" (12), so AP 2 sorts before AP 10."""
    digits = "".join(ch for ch in number if ch.isdigit())
    return min(int(digits), 32767) if digits else 0


@transaction.atomic
def package_save(
    *, package: WorkPackage, data: dict, goals=None, actor=None, expected: Expected | None = None
) -> WorkPackage:
    data = _rich(dict(data))
    if "number" in data:
        data["number"] = " ".join(data["number"].split())
        package.position = package_position(data["number"])
    _by(package, actor)
    model_update(
        instance=package,
        data=data,
        m2m={"goals": goals} if goals is not None else None,
        expected=expected,
    )
    return package


# --- Tasks ----------------------------------------------------------------------------------
def _owner_fields(owner) -> dict:
    if owner is None:
        return {"owner": None, "owner_user": None}
    if isinstance(owner, Person):
        return {"owner": owner, "owner_user": None}
    if isinstance(owner, User):
        person = Person.objects.filter(user=owner).first()
        return {"owner": person, "owner_user": None if person else owner}
    raise TypeError("owner must be an actors Person or an accounts User")


def _origin_fields(origin, label: str, url: str) -> dict:
    fields = {"origin_label": strip_control_characters(label or "")[:300], "origin_url": url or ""}
    if origin is None:
        return {"origin_type": None, "origin_id": "", **fields}
    if not isinstance(origin, models.Model) or origin.pk is None:
        raise TypeError("origin must be a saved model instance")
    if not fields["origin_label"]:
        fields["origin_label"] = str(origin)[:300]
    if not fields["origin_url"] and hasattr(origin, "get_absolute_url"):
        fields["origin_url"] = origin.get_absolute_url()
    return {
        "origin_type": ContentType.objects.get_for_model(origin),
        "origin_id": str(origin.pk),
        **fields,
    }


@transaction.atomic
def task_create(
    *,
    package: WorkPackage,
    title: str,
    owner=None,
    due=None,
    origin=None,
    origin_label: str = "",
    origin_url: str = "",
    actor,
    description: str = "",
    status: str = TaskStatus.OPEN,
    is_demo: bool = False,
) -> Task:
    """Create a task of `package` and return it.

    For other apps (the events app turns a meeting's action item into a task with it):

    - `owner`: an `actors.models.Person` (the directory) or an `accounts.models.User` (their
      person in the directory if they have one, else the account itself); None for nobody.
    - `due`: a `datetime.date` or None.
    - `origin`: any saved model instance the task came from (an action item, a decision, a
      meeting …), stored as a generic relation; `programme` imports nothing of its app.
      `origin_label` ("Aktionspunkt 3 der Sitzung der AG Monitoring vom 5. 3. 2024") and
      `origin_url` (its page) are stored with it, so the task page names and links the origin
      even when that app is not installed; without them `str(origin)` and
      `origin.get_absolute_url()` are used.
    - `actor`: the user doing it (`None` for a loader or a system task: no permission check).
      A user must hold `programme.add_task` on the package (manage the programme or be an
      editor of the package's lead organisation), else `PermissionDenied`.

    Raises `ValidationError` for an invalid task (an empty title, say); nothing is written then.
    """
    task = Task(package=package)
    if actor is not None:
        require(actor, "programme.add_task", task, _("You may not add tasks to this work package."))
    values = {
        "title": strip_control_characters(title or "").strip(),
        "description": strip_control_characters(description or ""),
        "status": status,
        "due": due,
        "is_demo": is_demo,
        "done_at": timezone.now() if status == TaskStatus.DONE else None,
        **_owner_fields(owner),
        **_origin_fields(origin, origin_label, origin_url),
    }
    _by(task, actor)
    model_update(instance=task, data=values)
    return task


@transaction.atomic
def task_save(*, task: Task, data: dict, actor=None, expected: Expected | None = None) -> Task:
    """Create or update a task from a form (title, description, status, owner, due)."""
    data = dict(data)
    if "status" in data:
        data["done_at"] = _done_at(task, data["status"])
    _by(task, actor)
    model_update(instance=task, data=data, expected=expected)
    return task


def _done_at(task: Task, status: str):
    if status != TaskStatus.DONE:
        return None
    return task.done_at if task.status == TaskStatus.DONE and task.done_at else timezone.now()


@transaction.atomic
def task_set_status(*, task: Task, status: str, actor) -> Task:
    """Move the task to `status` (a `TaskStatus` value); `done_at` is set when it becomes done
    and cleared when it is reopened. `actor` must hold `programme.set_status_task` (manage the
    package, or own the task); `None` for system calls. Nothing is written when the status is
    already `status`."""
    if status not in TaskStatus.values:
        raise ValidationError({"status": _("Unknown status.")})
    if actor is not None:
        message = _("You may not change the status of this task.")
        require(actor, "programme.set_status_task", task, message)
    _by(task, actor)
    model_update(instance=task, data={"status": status, "done_at": _done_at(task, status)})
    return task


# --- Milestones and deliverables ------------------------------------------------------------
@transaction.atomic
def milestone_save(
    *, milestone: Milestone, data: dict, actor=None, expected: Expected | None = None
) -> Milestone:
    _by(milestone, actor)
    model_update(instance=milestone, data=data, expected=expected)
    return milestone


def _target_fields(target) -> dict:
    if target is None:
        return {"target_type": None, "target_id": "", "target_label": "", "target_url": ""}
    return {
        "target_type": ContentType.objects.get_for_model(target),
        "target_id": str(target.pk),
        "target_label": str(target)[:300],
        "target_url": target.get_absolute_url() if hasattr(target, "get_absolute_url") else "",
    }


@transaction.atomic
def deliverable_save(
    *,
    deliverable: Deliverable,
    data: dict,
    target=...,
    actor=None,
    expected: Expected | None = None,
) -> Deliverable:
    """Create or update a deliverable. `target` is what it produced (any saved model
    instance: an event, a report, an agreement, a dataset, a page), None to unlink, or left
    out to keep the link as it is."""
    data = _rich(dict(data))
    if target is not ...:
        data.update(_target_fields(target))
    _by(deliverable, actor)
    model_update(instance=deliverable, data=data, expected=expected)
    return deliverable


# --- Deleting and restoring -----------------------------------------------------------------
@transaction.atomic
def object_delete(*, obj, actor=None):
    """Delete undoably: the row is marked deleted (and leaves every list and page) until it is
    restored with `object_restore`. Its children stay as they are and come back with it."""
    if obj.deleted_at is None:
        _by(obj, actor)
        obj.deleted_at = timezone.now()
        obj.save()
    return obj


@transaction.atomic
def object_restore(*, obj, actor=None):
    """Undo a deletion. A work package whose number was taken meanwhile is refused."""
    if obj.deleted_at is None:
        return obj
    obj.deleted_at = None
    if isinstance(obj, WorkPackage):
        obj.clean()
    _by(obj, actor)
    obj.save()
    return obj


def kind_of(obj) -> str:
    return next(kind for kind, model in DELETABLE.items() if isinstance(obj, model))
