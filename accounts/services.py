"""What the system does with accounts: memberships, tokens, login events, the own account."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.models import registered_models

from actors.models import Organisation
from actors.privacy import person_export
from bildungsnetz.access import require

from .models import ApiToken, AuthEvent, AuthEventKind, Membership, RoleLevel, User
from .rules import assignable_roles

TOKEN_PREFIX = "bn_"  # noqa: S105 - a marker, not a secret


# --- Login events ---------------------------------------------------------------------------
def email_hash(email: str) -> str:
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, (email or "").strip().lower().encode(), hashlib.sha256).hexdigest()


def client_ip(request) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def auth_event_log(*, kind: str, request=None, user=None, email: str = "") -> AuthEvent:
    if user is not None and not getattr(user, "pk", None):
        user = None
    return AuthEvent.objects.create(
        kind=kind,
        user=user,
        email_hash=email_hash(email or (user.email if user else "")),
        ip_address=client_ip(request),
        user_agent=(request.META.get("HTTP_USER_AGENT", "") if request else "")[:200],
    )


# --- Memberships ----------------------------------------------------------------------------
def _check_role(actor, scope, role: int) -> None:
    if role not in assignable_roles(actor, scope):
        raise PermissionDenied(_("You may not hand out this role here."))


@transaction.atomic
def membership_invite(*, actor, scope, email: str, role: int, expires=None) -> Membership:
    """Give a role in an organisation or territory to the user with this address.

    Unknown addresses get an account without a password; they set one with "forgot password".
    """
    require(actor, "accounts.add_membership", scope)
    _check_role(actor, scope, role)
    email = User.objects.normalize_email(email).lower()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User.objects.create_user(email, None)
        EmailAddress.objects.create(user=user, email=email, verified=False, primary=True)
    field = "organisation" if isinstance(scope, Organisation) else "territory"
    membership = Membership.objects.filter(user=user, **{field: scope}).first()
    if membership is not None:
        raise ValidationError(_("This person already holds a role here."))
    membership = Membership(user=user, role=role, expires=expires, **{field: scope})
    membership.full_clean()
    membership.save()
    return membership


@transaction.atomic
def membership_change_role(*, actor, membership: Membership, role: int) -> Membership:
    require(actor, "accounts.change_membership", membership)
    _check_role(actor, membership.organisation or membership.territory, role)
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def membership_remove(*, actor, membership: Membership) -> None:
    require(actor, "accounts.delete_membership", membership)
    membership.delete()


# --- API tokens -----------------------------------------------------------------------------
def token_hash(raw: str) -> str:
    # Tokens carry 256 bits of randomness, so a fast hash is enough (no brute force possible).
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def token_create(
    *, user, name: str, read_only: bool = True, expires: datetime | None = None
) -> tuple[ApiToken, str]:
    """Returns the token and its secret; only the hash is stored, so show the secret once."""
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=raw[:10],
        token_hash=token_hash(raw),
        read_only=read_only,
        expires=expires,
    )
    return token, raw


@transaction.atomic
def token_revoke(*, token: ApiToken, user) -> None:
    require(user, "accounts.delete_apitoken", token)
    token.revoked = timezone.now()
    token.save(update_fields=["revoked"])


def token_authenticate(raw: str) -> ApiToken | None:
    if not raw or not raw.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.active()
        .select_related("user")
        .filter(token_hash=token_hash(raw), user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    # Write at most once a minute: last_used is for people, not an access log.
    if token.last_used is None or (now - token.last_used).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used=now)
        token.last_used = now
    return token


# --- The own account ------------------------------------------------------------------------
def user_export(*, user) -> dict:
    """Everything the platform holds about a login (Art. 15/20 GDPR), as JSON-ready data."""
    data = {
        "user": {
            "email": user.email,
            "display_name": user.display_name,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary}
            for a in EmailAddress.objects.filter(user=user)
        ],
        "memberships": [
            {
                "organisation": m.organisation.slug if m.organisation else None,
                "territory": m.territory.key if m.territory else None,
                "role": m.get_role_display(),
                "expires": m.expires.isoformat() if m.expires else None,
            }
            for m in user.memberships.select_related("organisation", "territory")
        ],
        "api_tokens": [
            {
                "name": t.name,
                "prefix": t.prefix,
                "read_only": t.read_only,
                "created": t.created.isoformat(),
                "last_used": t.last_used.isoformat() if t.last_used else None,
                "revoked": t.revoked.isoformat() if t.revoked else None,
            }
            for t in user.api_tokens.all()
        ],
        "login_events": [
            {"kind": e.kind, "time": e.created.isoformat(), "ip_address": e.ip_address}
            for e in user.auth_events.all()[:500]
        ],
        "changes_made": _changes_made_by(user),
    }
    person = getattr(user, "person", None)
    if person is not None:
        data["person"] = person_export(person=person)
    return data


def _changes_made_by(user) -> list[dict]:
    """History records this user wrote, across every model with simple_history."""
    out = []
    for model in registered_models.values():
        history = getattr(model, "history", None)
        if history is None:
            continue
        for record in history.filter(history_user_id=user.pk).order_by("history_date")[:1000]:
            out.append(
                {
                    "model": model._meta.label_lower,
                    "object_id": str(getattr(record, model._meta.pk.attname, "")),
                    "date": record.history_date.isoformat(),
                    "type": record.history_type,
                }
            )
    return out


@transaction.atomic
def user_delete(*, user, request=None) -> None:
    """Delete a login. Their changes stay in the history without the link to them."""
    auth_event_log(kind=AuthEventKind.ACCOUNT_DELETED, request=request, email=user.email)
    # A linked person record stays (it may be an organisation's contact person); it loses the
    # link. Erasing the person is a separate request handled by coordinators (person_erase).
    user.delete()


@transaction.atomic
def auth_events_purge(*, days: int | None = None) -> int:
    """Delete login events older than the retention period (AUTH_EVENT_RETENTION_DAYS)."""
    days = settings.AUTH_EVENT_RETENTION_DAYS if days is None else days
    deleted, _details = AuthEvent.objects.filter(
        created__lt=timezone.now() - timedelta(days=days)
    ).delete()
    return deleted


# --- Organisations registered by their own people (actors.views.organisation_register) --------


@transaction.atomic
def membership_grant_registrant(*, user, organisation: Organisation) -> Membership:
    """Whoever registers an organisation edits it (an existing higher role is kept)."""
    membership, created = Membership.objects.get_or_create(
        user=user, organisation=organisation, defaults={"role": RoleLevel.EDITOR}
    )
    return membership


def territory_coordinators(territory) -> list[User]:
    """Active users coordinating the territory or a territory above it (who verify the
    registrations of organisations seated there)."""
    ancestors = [int(part) for part in territory.path.strip("/").split("/") if part]
    memberships = Membership.objects.current().filter(
        territory_id__in=ancestors or [territory.pk], role__gte=RoleLevel.COORDINATOR
    )
    return list(
        User.objects.filter(is_active=True, pk__in=memberships.values("user_id")).order_by("pk")
    )
