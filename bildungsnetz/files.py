"""Uploaded files are served only through a view that asks the owning object's rules.

Every file under MEDIA_ROOT belongs to an object: an agreement's document, an import's raw
upload. An app declares, in `<app>/files.py`, a module-level list
`PROTECTED_FILES = [ProtectedFiles(...), ...]`: which storage folder belongs to which model
field, and which permission a user needs on that object to read the file. `/media/<name>` (the
MEDIA_URL, so `instance.field.url` links here) looks the object up by the stored file name and
asks `request.user.has_perm(permission, obj)`: a public agreement's document goes to anyone, a
non-public one's only to its parties. A name no declaration claims, or no object holds, is a
404 for everyone: deny by default, also in development (no blanket static serving of MEDIA).

The bytes are streamed by Django (FileResponse) unless MEDIA_SENDFILE hands them to the
reverse proxy after the check: `x-accel-redirect` (nginx, an `internal` location at
MEDIA_ACCEL_PREFIX aliased to MEDIA_ROOT) or `x-sendfile` (Apache mod_xsendfile, lighttpd).
With S3 storage (STORAGE_BACKEND=s3) the objects are private; Django streams them, or with
MEDIA_SENDFILE=redirect answers with a presigned URL that expires in seconds — only after the
same check.
"""

from __future__ import annotations

import mimetypes
import posixpath
from dataclasses import dataclass
from functools import cache
from importlib import import_module
from importlib.util import find_spec
from urllib.parse import quote

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.files.storage import default_storage
from django.db import models
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.decorators.http import require_safe


@dataclass(frozen=True)
class ProtectedFiles:
    """Files stored under `prefix` belong to `model.field`; reading one needs `permission`."""

    prefix: str  # a storage folder ending in "/", e.g. "cooperation/agreements/"
    model: type[models.Model]
    field: str
    permission: str  # checked with the object: "cooperation.view_agreement"


@cache
def declarations() -> tuple[ProtectedFiles, ...]:
    """Every app's PROTECTED_FILES, in INSTALLED_APPS order."""
    found: list[ProtectedFiles] = []
    for config in apps.get_app_configs():
        module_name = f"{config.name}.files"
        if config.name.startswith("django") or not find_spec(module_name):
            continue
        for declaration in getattr(import_module(module_name), "PROTECTED_FILES", []):
            if not declaration.prefix.endswith("/"):
                raise ValueError(f"{module_name}: prefix {declaration.prefix!r} must end in /")
            found.append(declaration)
    return tuple(found)


def clean_name(name: str) -> str | None:
    """The storage name of a request path, or None for anything that is not a plain one."""
    if not name or "\\" in name or "\x00" in name or name.startswith("/"):
        return None
    normalised = posixpath.normpath(name)
    if normalised != name or normalised.startswith(".") or "/../" in f"/{normalised}/":
        return None
    return normalised


def owners(name: str):
    """(object, declaration) for every object holding the stored file `name`."""
    for declaration in declarations():
        if name.startswith(declaration.prefix):
            manager = declaration.model._default_manager
            for obj in manager.filter(**{declaration.field: name}).order_by("pk")[:20]:
                yield obj, declaration


def may_read(user, name: str) -> tuple[bool, bool]:
    """(may `user` read the file, may anyone read it): the owning object's rules decide."""
    allowed = False
    for obj, declaration in owners(name):
        if AnonymousUser().has_perm(declaration.permission, obj):
            return True, True
        allowed = allowed or user.has_perm(declaration.permission, obj)
    return allowed, False


def file_response(name: str, *, public: bool) -> HttpResponse:
    """The file as a download: streamed, or handed to the proxy per MEDIA_SENDFILE."""
    if not default_storage.exists(name):
        raise Http404
    filename = posixpath.basename(name)
    content_type = mimetypes.guess_type(filename)[0] or "application/octet-stream"
    mode = settings.MEDIA_SENDFILE
    if mode == "redirect":
        # A presigned URL of the private object, valid AWS_QUERYSTRING_EXPIRE seconds; the
        # response header makes the object store send it as a download.
        url = default_storage.url(
            name,
            parameters={
                "ResponseContentDisposition": f"attachment; filename*=UTF-8''{quote(filename)}",
                "ResponseContentType": content_type,
            },
        )
        response = HttpResponseRedirect(url)
    elif mode:
        response = HttpResponse(content_type=content_type)
        response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
        if mode == "x-accel-redirect":
            response["X-Accel-Redirect"] = settings.MEDIA_ACCEL_PREFIX + quote(name)
        else:
            response["X-Sendfile"] = default_storage.path(name)
    else:
        # An attachment: an uploaded HTML or SVG file never renders on the site's origin.
        response = FileResponse(
            default_storage.open(name, "rb"),
            as_attachment=True,
            filename=filename,
            content_type=content_type,
        )
    # No shared cache keeps a file: a public agreement may stop being public tomorrow.
    patch_cache_control(response, private=True)
    if not public:
        patch_cache_control(response, no_store=True)
    patch_vary_headers(response, ["Cookie"])
    return response


@require_safe
def protected_file(request, name: str):
    """`/media/<name>`: the file, if the user may view the object it belongs to; else 404."""
    name = clean_name(name)
    if name is None:
        raise Http404
    allowed, public = may_read(request.user, name)
    # 404, not 403: whether a private file exists is itself private.
    if not allowed:
        raise Http404
    return file_response(name, public=public)
