"""Reading surveys: instruments, waves, responses and results."""

from __future__ import annotations

from django.db.models import Q

from accounts.models import RoleLevel
from accounts.scopes import scope_q

from .models import Wave, WaveStatus


def wave_list(*, user):
    """Waves whose results are public (running or closed), and those in preparation the user
    prepares (an editor of their city, or a named coordinator): the rule `surveys.view_wave`
    as one query."""
    waves = Wave.objects.select_related("territory", "version__instrument")
    condition = scope_q(
        user, territory_paths=["territory"], organisation_paths=[], level=RoleLevel.EDITOR
    )
    if condition is None:
        return waves.order_by("-opens", "title")
    condition |= Q(status__in=[WaveStatus.OPEN, WaveStatus.CLOSED])
    if user.is_authenticated:
        condition |= Q(coordinators=user)
    return waves.filter(condition).distinct().order_by("-opens", "title")
