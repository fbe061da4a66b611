"""Working groups (AG, AK, steering groups, advisory boards) and their members."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from actors.models import Organisation, Person, Topic
from places.models import Territory

from .choices import MemberRole


class WorkingGroupQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True)


class WorkingGroup(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("web address"), max_length=120, unique=True)
    topic = models.ForeignKey(
        Topic,
        verbose_name=_("topic"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="working_groups",
    )
    description = models.TextField(_("description"), blank=True)
    lead_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("lead organisation"),
        on_delete=models.PROTECT,
        related_name="led_working_groups",
    )
    chair = models.ForeignKey(
        Person,
        verbose_name=_("chair"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="chaired_working_groups",
    )
    cadence = models.CharField(
        _("cadence"), max_length=200, blank=True, help_text=_("e.g. every first Tuesday")
    )
    territory = models.ForeignKey(
        Territory,
        verbose_name=_("place"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="working_groups",
    )
    is_public = models.BooleanField(_("public"), default=True)
    is_demo = models.BooleanField(_("demo content"), default=False)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()
    objects = WorkingGroupQuerySet.as_manager()

    class Meta:
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("groups:group_detail", kwargs={"slug": self.slug})


class GroupMembership(models.Model):
    """An organisation or a person in a working group, with the role held there."""

    group = models.ForeignKey(
        WorkingGroup,
        verbose_name=_("working group"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="working_group_memberships",
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="working_group_memberships",
    )
    role = models.CharField(
        _("role"), max_length=16, choices=MemberRole.choices, default=MemberRole.MEMBER
    )
    since = models.DateField(_("member since"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo content"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membership in a working group")
        verbose_name_plural = _("memberships in working groups")
        ordering = ["group", "role", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(organisation__isnull=False) | models.Q(person__isnull=False),
                name="events_membership_has_member",
            ),
            models.UniqueConstraint(
                fields=["group", "organisation", "person"], name="events_membership_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.group}: {self.person or self.organisation}"

    def clean(self) -> None:
        if self.organisation_id is None and self.person_id is None:
            raise ValidationError(_("Name an organisation or a person."))
