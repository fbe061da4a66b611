from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import RoleLevel
from accounts.scopes import scope_q
from actors.models import Organisation, Topic
from bildungsnetz.invariants import check_not_before, not_before
from places.models import Territory, within_q


class PartnershipKind(models.TextChoices):
    TWINNING = "twinning", _("Town twinning")
    MEMORANDUM = "memorandum", _("Memorandum")
    PROFESSIONAL_EXCHANGE = "professional_exchange", _("Professional exchange")
    NETWORK = "network", _("Network membership")
    COOPERATION = "cooperation", _("Cooperation")


# Kinds shown together as a city's partner cities ("Städtepartnerschaften und Memoranden").
TWINNING_KINDS = (PartnershipKind.TWINNING, PartnershipKind.MEMORANDUM)


class PartnershipStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ACTIVE = "active", _("Active")
    DORMANT = "dormant", _("Dormant")
    ENDED = "ended", _("Ended")


class PartnershipQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True)

    def visible_to(self, user):
        condition = scope_q(
            user,
            territory_paths=["parties__territory"],
            organisation_paths=["parties__organisation"],
        )
        if condition is None:
            return self
        return self.filter(models.Q(is_public=True) | condition).distinct()

    def editable_by(self, user):
        """Partnerships the user coordinates a party of (for choosing one in a form)."""
        condition = scope_q(
            user,
            territory_paths=["parties__territory"],
            organisation_paths=["parties__organisation"],
            level=RoleLevel.COORDINATOR,
        )
        if condition is None:
            return self
        return self.filter(pk__in=self.filter(condition).values("pk"))

    def of_territory(self, territory: Territory):
        """Partnerships where the territory is a party (itself, not a district below it)."""
        return self.filter(parties__territory=territory).distinct()

    def in_territory(self, territory: Territory):
        """The territory, anything below it, or an organisation seated there is a party."""
        return self.filter(
            within_q("parties__territory", [territory])
            | within_q("parties__organisation__seat", [territory])
        ).distinct()

    def active_in_year(self, year: int):
        start, end = f"{year}-01-01", f"{year}-12-31"
        return self.filter(
            models.Q(since__isnull=True) | models.Q(since__lte=end),
            models.Q(until__isnull=True) | models.Q(until__gte=start),
        )

    def with_listing_relations(self):
        return self.prefetch_related(
            models.Prefetch(
                "parties",
                queryset=PartnershipParty.objects.select_related("territory", "organisation__seat"),
            ),
            "topics",
        )


class Partnership(models.Model):
    """A lasting relation between two or more parties (cities or organisations)."""

    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(_("web address"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=PartnershipKind.choices)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=PartnershipStatus.choices,
        default=PartnershipStatus.ACTIVE,
    )
    since = models.DateField(_("since"), null=True, blank=True)
    until = models.DateField(_("until"), null=True, blank=True)
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), blank=True)
    description = models.TextField(_("description"), blank=True)
    source = models.CharField(
        _("source"), max_length=300, blank=True, help_text=_("Where the facts come from.")
    )
    is_public = models.BooleanField(_("public"), default=True)
    is_demo = models.BooleanField(_("demo content"), default=False)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()
    objects = PartnershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        ordering = ["name"]
        indexes = [models.Index(fields=["kind", "status", "is_public"])]
        constraints = [
            not_before("since", "until", name="partnership_until_after_since"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("cooperation:partnership_detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        check_not_before(self, "since", "until")

    def clean_parties(self, parties) -> None:
        """A partnership has at least two different parties (cities or organisations); asked
        by the services and the form before the parties are set."""
        if len({(type(p), p.pk) for p in parties}) < 2:
            raise ValidationError(
                _("A partnership needs at least two different parties."), code="parties"
            )

    @property
    def is_current(self) -> bool:
        today = timezone.localdate()
        return self.status == PartnershipStatus.ACTIVE and (not self.until or self.until >= today)

    # Used by rules and the search index: plain lists of the parties' places and organisations.
    # A partnership not saved yet has no parties (the admin asks the rules before saving).
    def party_territories(self) -> list[Territory]:
        if self.pk is None:
            return []
        return [p.territory for p in self.parties.all() if p.territory_id]

    def party_organisations(self) -> list[Organisation]:
        if self.pk is None:
            return []
        return [p.organisation for p in self.parties.all() if p.organisation_id]

    def party_territory_ids(self) -> list[int]:
        ids = []
        for party in self.parties.all():
            if party.territory_id:
                ids.append(party.territory_id)
            elif party.organisation_id:
                ids.append(party.organisation.seat_id)
        return ids

    def partners_of(self, territory: Territory) -> list[PartnershipParty]:
        """The other side(s), seen from `territory`."""
        return [p for p in self.parties.all() if p.territory_id != territory.pk]


class PartnershipParty(models.Model):
    """One side of a partnership: a territory (a city) or an organisation."""

    partnership = models.ForeignKey(
        Partnership,
        verbose_name=_("partnership"),
        on_delete=models.CASCADE,
        related_name="parties",
    )
    territory = models.ForeignKey(
        Territory,
        verbose_name=_("city or territory"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="partnership_parties",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="partnership_parties",
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(territory__isnull=False, organisation__isnull=True)
                    | models.Q(territory__isnull=True, organisation__isnull=False)
                ),
                name="party_exactly_one_of_territory_or_organisation",
            ),
            models.UniqueConstraint(
                fields=["partnership", "territory"],
                condition=models.Q(territory__isnull=False),
                name="party_unique_territory",
            ),
            models.UniqueConstraint(
                fields=["partnership", "organisation"],
                condition=models.Q(organisation__isnull=False),
                name="party_unique_organisation",
            ),
        ]

    def __str__(self) -> str:
        return str(self.territory or self.organisation)

    @property
    def label(self) -> str:
        return str(self)

    @property
    def place(self) -> Territory | None:
        """The territory that stands for this side (an organisation's seat)."""
        if self.territory_id:
            return self.territory
        return self.organisation.seat if self.organisation_id else None

    def covers(self, organisation: Organisation) -> bool:
        """Whether an organisation belongs to this side (is it, a unit of it, or seated here)."""
        if self.organisation_id:
            current, seen = organisation, set()
            while current is not None and current.pk not in seen:
                if current.pk == self.organisation_id:
                    return True
                seen.add(current.pk)
                current = current.parent
            return False
        seat = organisation.seat
        return seat.pk == self.territory_id or seat.path.startswith(self.territory.path + "/")
