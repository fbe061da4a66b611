"""Rate limits for anonymous actions that send e-mail, per address and per client.

Built on allauth's rate limiter (the one that already guards logins and sign-ups, cache-backed,
with per-IP and per-key buckets), configured by MAIL_RATE_LIMITS so an operator can tune it.
"""

from __future__ import annotations

from allauth.core.internal import ratelimit
from django.conf import settings


def mail_allowed(request, *, address: str, action: str = "mail") -> bool:
    """True while `address` and the client may still be sent a mail for `action`; counts this
    one. A refused call changes nothing, so the caller writes and sends nothing either."""
    usage = ratelimit.consume(
        request,
        app="bildungsnetz",
        action=action,
        config=settings.MAIL_RATE_LIMITS,
        key=address.strip().lower(),
    )
    return usage is not None
