"""The public pages as anonymous visitors see them, kept for a minute in a cache all workers share.

Most visitors of the portal are not signed in, and they ask the same pages: the offers' first
page, the directory, an organisation, the events. A view decorated with `public_page` is kept
for PAGE_CACHE_SECONDS (60 in production; 0, i.e. off, with DEBUG and in tests) in the "pages"
cache (a directory the workers of one machine share; Redis for several machines,
docs/deployment.md), so that the next visitor gets it without a query.

What may be served from it:

- only GET and HEAD requests without a session cookie and without an Authorization header: a
  signed-in user, or a visitor with a session (a message waiting, a form half-done), always
  gets a fresh page, and such a request never fills the cache;
- only 200 responses that are not streamed, not marked private or uncacheable, did not use
  the CSRF token (a page with a POST form sets the visitor's CSRF cookie) and did not write to
  the session;
- the key holds the language, scheme, host, path and query string and the HTMX headers (a
  partial is not the whole page).

When a kept page goes stale: an edit reaches anonymous visitors within PAGE_CACHE_SECONDS;
something taken off the public pages is gone at once. Apps register (`withdraw_when`) which
saves withdraw something (an offer or organisation saved as not public, a person's details,
any delete); once such a change is committed a new generation starts, and no page kept under
an earlier one is found again. The generation is read before the page is rendered, so a page
rendered while a withdrawal commits is kept under the old generation and never served.
"""

from __future__ import annotations

import hashlib
import uuid
import zlib
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

CACHE = "pages"
GENERATION = "pages:generation"
HEADER = "X-Page-Cache"  # hit, miss (now kept) or bypass (not keepable): for operators, tests
MAX_BYTES = 2 * 1024 * 1024  # larger responses (big exports) are not kept
_UNCACHEABLE = ("private", "no-store", "no-cache")
_HTMX_HEADERS = ("HX-Request", "HX-Target", "HX-Boosted", "HX-History-Restore-Request")


def public_page(view):
    """Serve `view` to anonymous visitors from the pages cache (see the module's text)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _anonymous_read(request):
            return view(request, *args, **kwargs)
        cache = caches[CACHE]
        key = _key(request, _generation(cache))
        kept = cache.get(key)
        if kept is not None:
            return _response(kept)
        response = view(request, *args, **kwargs)
        if getattr(response, "is_rendered", True):
            _keep(cache, key, request, response)
        else:  # a TemplateResponse: kept once rendered
            response.add_post_render_callback(lambda r: _keep(cache, key, request, r))
        return response

    return wrapper


def withdraw_when(model, *, public: Callable[[object], bool] | None = None) -> None:
    """Changes to `model` that take something off the public pages start a new generation:
    every delete, and every save for which `public(instance)` is false (every save when
    `public` is None, for models whose every change may withdraw something)."""

    def saved(sender, instance, **kwargs):
        if public is None or not public(instance):
            _new_generation_on_commit()

    def deleted(sender, instance, **kwargs):
        _new_generation_on_commit()

    uid = f"pagecache:{model._meta.label}"
    post_save.connect(saved, sender=model, weak=False, dispatch_uid=uid + ":save")
    post_delete.connect(deleted, sender=model, weak=False, dispatch_uid=uid + ":delete")


def new_generation() -> None:
    """Forget every kept page (the entries expire on their own)."""
    caches[CACHE].set(GENERATION, uuid.uuid4().hex, timeout=None)


def enabled() -> bool:
    return settings.PAGE_CACHE_SECONDS > 0


def _new_generation_on_commit() -> None:
    # Also where this process keeps no pages (a worker, a management command, a shell with
    # other settings): the servers that do must not serve what was withdrawn here.
    transaction.on_commit(new_generation)


def _anonymous_read(request) -> bool:
    return (
        enabled()
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
    )


def _generation(cache) -> str:
    generation = cache.get(GENERATION)
    if generation is None:
        # Missing (first request, or culled): a new random one, never an earlier generation.
        cache.add(GENERATION, uuid.uuid4().hex, timeout=None)
        generation = cache.get(GENERATION) or uuid.uuid4().hex
    return generation


def _key(request, generation: str) -> str:
    parts = [generation, get_language() or "", request.scheme, request.get_host(),
             request.get_full_path()]  # fmt: skip
    parts += [request.headers.get(name, "") for name in _HTMX_HEADERS]
    return "page:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _storable(request, response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    control = response.get("Cache-Control", "").lower()
    if any(word in control for word in _UNCACHEABLE):
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):  # the page holds a CSRF token
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    messages = getattr(request, "_messages", None)
    return not (messages is not None and messages.added_new)


def _keep(cache, key: str, request, response) -> None:
    if not _storable(request, response) or len(response.content) > MAX_BYTES:
        response[HEADER] = "bypass"
        return
    headers = [(k, v) for k, v in response.items() if k.lower() not in ("set-cookie", "vary")]
    vary = response.get("Vary", "")
    cache.set(key, (headers, vary, zlib.compress(response.content, 1)),
              settings.PAGE_CACHE_SECONDS)  # fmt: skip
    response[HEADER] = "miss"


def _response(kept) -> HttpResponse:
    headers, vary, content = kept
    response = HttpResponse(zlib.decompress(content))
    for name, value in headers:
        response[name] = value
    # What the session middleware says of every rendered page: it depends on the cookie.
    patch_vary_headers(response, [v.strip() for v in vary.split(",") if v.strip()] + ["Cookie"])
    response[HEADER] = "hit"
    return response
