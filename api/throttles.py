"""Rate limits: per IP address for anonymous callers, per token for token holders.

Rates come from settings (API_RATE_ANON, API_RATE_TOKEN) on every request, so an operator can
change them without touching code and tests can raise them.
"""

from __future__ import annotations

from django.conf import settings
from ninja.throttling import SimpleRateThrottle


class _SettingsRateThrottle(SimpleRateThrottle):
    setting = ""

    def __init__(self):
        super().__init__(rate=getattr(settings, self.setting))

    def allow_request(self, request) -> bool:
        self.rate = getattr(settings, self.setting)
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)


class IPThrottle(_SettingsRateThrottle):
    """Calls without a token, counted per client address (browsers with a session included)."""

    setting = "API_RATE_ANON"

    def get_cache_key(self, request):
        if getattr(request, "api_token", None) is not None:
            return None
        return f"api-throttle-ip-{self.get_ident(request)}"


class TokenThrottle(_SettingsRateThrottle):
    setting = "API_RATE_TOKEN"

    def get_cache_key(self, request):
        token = getattr(request, "api_token", None)
        if token is None:
            return None
        return f"api-throttle-token-{token.pk}"
