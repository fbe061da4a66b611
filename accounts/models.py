from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from actors.models import Organisation
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
    role = models.PositiveSmallIntegerField(_("role"), choices=RoleLevel.choices)
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
