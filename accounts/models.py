from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from actors.models import Organisation, PersonalField
from places.models import Territory


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra):
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A login. Identified by e-mail; what it may do comes from its memberships."""

    email = models.EmailField(_("e-mail"), unique=True)
    display_name = models.CharField(_("display name"), max_length=150, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("staff (admin site)"), default=False)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)

    objects = UserManager()

    # Read by the record of processing activities (Art. 30 GDPR).
    personal_data = {
        "email": PersonalField(
            _("Log in, notifications, password reset"),
            _("Art. 6(1)(b) GDPR (terms of use)"),
            _("until the account is deleted"),
        ),
        "display_name": PersonalField(
            _("Show who changed what (audit trail)"),
            _("Art. 6(1)(b) and (c) GDPR"),
            _("until the account is deleted"),
        ),
        "last_login": PersonalField(
            _("Security of the account"),
            _("Art. 6(1)(f) GDPR"),
            _("until the account is deleted"),
        ),
    }

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.display_name or self.email

    def get_full_name(self) -> str:
        return str(self)

    def get_short_name(self) -> str:
        return str(self)


class RoleLevel(models.IntegerChoices):
    """Ordered: a higher role includes every right of the lower ones."""

    VIEWER = 10, _("Viewer")
    EDITOR = 20, _("Editor")
    COORDINATOR = 30, _("Coordinator")
    ADMIN = 40, _("Admin")


class MembershipQuerySet(models.QuerySet):
    def current(self):
        now = timezone.now()
        return self.filter(models.Q(expires__isnull=True) | models.Q(expires__gt=now))


class Membership(models.Model):
    """A user's role in exactly one organisation or one territory (city, region)."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    territory = models.ForeignKey(
        Territory,
        verbose_name=_("territory"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.PositiveSmallIntegerField(
        pgettext_lazy("access level of a membership", "role"), choices=RoleLevel.choices
    )
    expires = models.DateTimeField(_("expires"), null=True, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()
    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(organisation__isnull=False, territory__isnull=True)
                    | models.Q(organisation__isnull=True, territory__isnull=False)
                ),
                name="membership_exactly_one_scope",
            ),
            models.UniqueConstraint(
                fields=["user", "organisation"],
                condition=models.Q(organisation__isnull=False),
                name="membership_unique_organisation",
            ),
            models.UniqueConstraint(
                fields=["user", "territory"],
                condition=models.Q(territory__isnull=False),
                name="membership_unique_territory",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.organisation or self.territory}"

    @property
    def scope(self):
        """The organisation or territory this role is held in."""
        return self.organisation or self.territory


class AuthEventKind(models.TextChoices):
    LOGIN = "login", _("Logged in")
    LOGIN_FAILED = "login_failed", _("Failed login")
    LOGOUT = "logout", _("Logged out")
    PASSWORD_CHANGED = "password_changed", _("Password changed")
    MFA_ENABLED = "mfa_enabled", _("Two-factor authentication enabled")
    ACCOUNT_DELETED = "account_deleted", _("Account deleted")


class AuthEvent(models.Model):
    """One security-relevant event of a login: kept for the admins, erased after a retention."""

    kind = models.CharField(_("kind"), max_length=20, choices=AuthEventKind.choices)
    user = models.ForeignKey(
        User,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="auth_events",
    )
    # A keyed hash, not the address: failed logins for unknown addresses must not turn the log
    # into a list of whatever people typed, yet repeated attempts on one address stay visible.
    email_hash = models.CharField(_("e-mail (keyed hash)"), max_length=64, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=200, blank=True)
    created = models.DateTimeField(_("time"), default=timezone.now, db_index=True)

    personal_data = {
        "email_hash": PersonalField(
            _("Detect attacks on an account (repeated failed logins)"),
            _("Art. 6(1)(f) GDPR (security of processing, Art. 32)"),
            _("90 days"),
        ),
        "ip_address": PersonalField(
            _("Detect and block attacks"),
            _("Art. 6(1)(f) GDPR (security of processing, Art. 32)"),
            _("90 days"),
        ),
        "user_agent": PersonalField(
            _("Recognise unusual logins"),
            _("Art. 6(1)(f) GDPR (security of processing, Art. 32)"),
            _("90 days"),
        ),
    }

    class Meta:
        verbose_name = _("login event")
        verbose_name_plural = _("login events")
        ordering = ["-created"]
        indexes = [models.Index(fields=["kind", "created"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.created:%Y-%m-%d %H:%M}"


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        now = timezone.now()
        return self.filter(
            models.Q(expires__isnull=True) | models.Q(expires__gt=now), revoked__isnull=True
        )


class ApiToken(models.Model):
    """A personal access token for the API. Only its hash is stored; it is shown once."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=12, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    read_only = models.BooleanField(
        _("read only"), default=True, help_text=_("A read-only token cannot change anything.")
    )
    expires = models.DateTimeField(_("expires"), null=True, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    last_used = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    revoked = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked is None and (self.expires is None or self.expires > timezone.now())
