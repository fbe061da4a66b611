"""Access checks, one way for every page and API endpoint (the healthchecks way: one helper
decides 404 or 403).

- `object_for(user, queryset, perm, **lookup)`: the object, if it exists and `user` may see it
  (`<app>.view_<model>`), else 404 — whether it does not exist or is hidden makes no
  difference to the asker, so a hidden object's existence never leaks; then, for any other
  `perm`, 403 when `user` may see the object but not do this to it.
- `require(user, perm, obj=None)`: 403 unless `user` holds `perm` (actions that are not on one
  visible object: adding, importing, taking one step of a workflow).

Permissions are django-rules predicates in each app's `rules.py`; the API's error handlers turn
Http404 and PermissionDenied into its 404 and 403 answers."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404


def view_permission(obj) -> str:
    """`<app>.view_<model>` of the object's model."""
    meta = obj._meta
    return f"{meta.app_label}.view_{meta.model_name}"


def object_for(user, queryset, perm: str | None = None, /, **lookup):
    """The object of `queryset` (a model or queryset) matching `lookup`, if `user` may see it
    (else Http404) and, with `perm`, may do that to it (else PermissionDenied)."""
    obj = get_object_or_404(queryset, **lookup)
    see = view_permission(obj)
    if not user.has_perm(see, obj):
        raise Http404
    if perm and perm != see:
        require(user, perm, obj)
    return obj


def require(user, perm: str, obj=None, message: str = "") -> None:
    """PermissionDenied (403) unless `user` holds `perm` (on `obj`)."""
    if not user.has_perm(perm, obj):
        raise PermissionDenied(message)
