"""Thin views of the own account, memberships, tokens, history and the privacy record."""

from __future__ import annotations

import json
from datetime import datetime, time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME, logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from actors.models import Organisation
from bildungsnetz.access import object_for, require
from places.keys import split_key
from places.models import Territory

from . import services
from .forms import DeleteAccountForm, InviteForm, RoleForm, TokenForm
from .history import (
    RevertNotAllowed,
    history_entries,
    history_model,
    history_object,
    history_revert,
    object_label,
)
from .models import ApiToken, Membership, RoleLevel
from .ropa import MEASURES, processing_activities, processing_record
from .rules import assignable_roles


@login_required
def profile(request):
    memberships = request.user.memberships.current().select_related("organisation", "territory")
    managed = [
        m for m in memberships if request.user.has_perm("accounts.manage_memberships", m.scope)
    ]
    return render(
        request,
        "accounts/profile.html",
        {
            "memberships": memberships,
            "managed": managed,
            "can_view_auth_events": request.user.has_perm("accounts.view_authevent"),
        },
    )


@login_required
def account_export(request):
    data = services.user_export(user=request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=1, default=str),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="bildungsnetz-konto.json"'
    return response


@login_required
def account_delete(request):
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        services.user_delete(user=user, request=request)
        messages.success(request, _("Your account was deleted."))
        return redirect("home")
    return render(request, "accounts/account_delete.html", {"form": form})


# --- The admin site's login ----------------------------------------------------------------
def admin_login(request):
    """The admin site signs in through allauth like every other page, so the login rate limits
    and the second factor apply; its own password form is never shown."""
    target = request.GET.get(REDIRECT_FIELD_NAME) or request.POST.get(REDIRECT_FIELD_NAME)
    if not target or not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("admin:index")
    if request.user.is_authenticated:
        # The admin site sends signed-in non-staff users here; sending them back would loop.
        if not (request.user.is_active and request.user.is_staff):
            raise PermissionDenied
        return redirect(target)
    return redirect(f"{reverse('account_login')}?{urlencode({REDIRECT_FIELD_NAME: target})}")


# --- Memberships ----------------------------------------------------------------------------
def _scope(kind: str, key: str):
    if kind == "organisation":
        return get_object_or_404(Organisation, slug=key)
    if kind == "gebiet":
        scheme, code = split_key(key)
        return get_object_or_404(Territory, scheme=scheme, code=code)
    raise Http404


def _scope_url(scope) -> str:
    if isinstance(scope, Organisation):
        return reverse("accounts:memberships", args=["organisation", scope.slug])
    return reverse("accounts:memberships", args=["gebiet", scope.key])


@login_required
def memberships(request, kind: str, key: str):
    scope = _scope(kind, key)
    require(request.user, "accounts.manage_memberships", scope)
    roles = assignable_roles(request.user, scope)
    form = InviteForm(request.POST or None, roles=roles)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_invite(
                actor=request.user,
                scope=scope,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The role was given."))
            return redirect(_scope_url(scope))
    field = "organisation" if isinstance(scope, Organisation) else "territory"
    rows = [
        {
            "membership": m,
            "can_change": request.user.has_perm("accounts.change_membership", m),
            "form": RoleForm(initial={"role": m.role}, roles=roles, prefix=f"m{m.pk}"),
        }
        for m in Membership.objects.filter(**{field: scope})
        .select_related("user")
        .order_by("-role", "user__email")
    ]
    return render(
        request,
        "accounts/memberships.html",
        {"scope": scope, "rows": rows, "form": form, "roles": RoleLevel},
    )


@login_required
@require_POST
def membership_change(request, pk: int):
    membership = get_object_or_404(
        Membership.objects.select_related("organisation", "territory"), pk=pk
    )
    scope = membership.scope
    require(request.user, "accounts.change_membership", membership)
    form = RoleForm(request.POST, roles=assignable_roles(request.user, scope), prefix=f"m{pk}")
    if not form.is_valid():
        raise PermissionDenied
    services.membership_change_role(
        actor=request.user, membership=membership, role=form.cleaned_data["role"]
    )
    messages.success(request, _("The role was changed."))
    return redirect(_scope_url(scope))


@login_required
@require_POST
def membership_remove(request, pk: int):
    membership = get_object_or_404(
        Membership.objects.select_related("organisation", "territory"), pk=pk
    )
    scope = membership.scope
    services.membership_remove(actor=request.user, membership=membership)
    messages.success(request, _("The role was removed."))
    if request.user.has_perm("accounts.manage_memberships", scope):
        return redirect(_scope_url(scope))
    return redirect("accounts:profile")


# --- API tokens -----------------------------------------------------------------------------
@login_required
def tokens(request):
    form = TokenForm(request.POST or None)
    created = None
    if request.method == "POST" and form.is_valid():
        expires = form.cleaned_data["expires"]
        if expires:
            expires = timezone.make_aware(datetime.combine(expires, time.max))
        _token, created = services.token_create(
            user=request.user,
            name=form.cleaned_data["name"],
            read_only=form.cleaned_data["read_only"],
            expires=expires,
        )
        form = TokenForm()
    response = render(
        request,
        "accounts/tokens.html",
        {"form": form, "created": created, "tokens": request.user.api_tokens.all()},
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def token_revoke(request, pk: int):
    token = object_for(request.user, ApiToken, "accounts.delete_apitoken", pk=pk)
    services.token_revoke(token=token, user=request.user)
    messages.success(request, _("The token was revoked."))
    return redirect("accounts:tokens")


# --- History --------------------------------------------------------------------------------
def _history_object(request, app_label: str, model_name: str, pk: str):
    model = history_model(app_label, model_name)
    obj = history_object(model, pk)
    require(request.user, f"{app_label}.change_{model._meta.model_name}", obj)
    return obj


@login_required
def history(request, app_label: str, model_name: str, pk: str):
    obj = _history_object(request, app_label, model_name, pk)
    return render(
        request,
        "accounts/history.html",
        {
            "object": obj,
            "object_label": object_label(obj, request.user),
            "model_label": obj._meta.verbose_name,
            "entries": history_entries(obj, user=request.user),
            "can_revert": request.user.has_perm("accounts.revert_history", obj),
            "app_label": app_label,
            "model_name": model_name,
        },
    )


@login_required
@require_POST
def history_revert_view(request, app_label: str, model_name: str, pk: str, history_id: int):
    obj = _history_object(request, app_label, model_name, pk)
    try:
        reverted = history_revert(obj=obj, history_id=history_id, user=request.user)
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    except RevertNotAllowed:
        messages.error(
            request,
            _(
                "This version cannot be restored by you: it would put the entry where you "
                "may not change it."
            ),
        )
    else:
        messages.success(request, _("The earlier version was restored."))
        for label, value in reverted.kept:
            messages.info(
                request,
                _(
                    "%(field)s stays “%(value)s”: it changes only through its recorded steps, "
                    "not by restoring a version."
                )
                % {"field": label, "value": value},
            )
    return redirect("accounts:history", app_label, model_name, pk)


# --- Record of processing activities --------------------------------------------------------
def processing_record_view(request):
    if request.GET.get("format") == "json":
        response = JsonResponse(
            processing_record(), json_dumps_params={"ensure_ascii": False, "indent": 1}
        )
        response["Content-Disposition"] = 'attachment; filename="verarbeitungsverzeichnis.json"'
        return response
    template = (
        "accounts/processing_record_print.html"
        if request.GET.get("format") == "print"
        else "accounts/processing_record.html"
    )
    return render(
        request,
        template,
        {
            "activities": processing_activities(),
            "measures": MEASURES,
            "controller": settings.PRIVACY_CONTROLLER,
            "contact": settings.PRIVACY_CONTACT,
            "generated": timezone.now(),
        },
    )
