"""Plumbing shared by the cooperation list pages: filter, sort, paginate, export, render."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404


def require(user, perm: str, obj=None, *, hide: bool = False) -> None:
    """Deny by default: 404 for things the user may not even see, 403 for actions."""
    if not user.has_perm(perm, obj):
        if hide:
            raise Http404
        raise PermissionDenied
