from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from bildungsnetz.invariants import check_not_before, not_before
from places.models import Territory, within_q
from places.validators import validate_latitude, validate_longitude


class Taxonomy(models.Model):
    """A controlled vocabulary entry: stable slug, translated label."""

    slug = models.SlugField(_("key"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Topic(Taxonomy):
    class Meta(Taxonomy.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")


class TargetGroup(Taxonomy):
    class Meta(Taxonomy.Meta):
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")


class Language(models.Model):
    code = models.CharField(_("ISO 639-1 code"), max_length=3, unique=True)
    name = models.CharField(_("name"), max_length=60)

    class Meta:
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class OrganisationKind(models.TextChoices):
    ADMINISTRATION = "administration", _("City or state administration")
    UNIT = "unit", _("Administrative unit")
    NGO = "ngo", _("NGO / association")
    INITIATIVE = "initiative", _("Civil-society initiative")
    FOUNDATION = "foundation", _("Foundation")
    SCHOOL = "school", _("School")
    DAYCARE = "daycare", _("Day-care centre")
    ADULT_EDUCATION = "adult_education", _("Adult-education centre")
    LIBRARY = "library", _("Library")
    UNIVERSITY = "university", _("University / research")
    CHAMBER = "chamber", _("Chamber")
    COMPANY = "company", _("Company")
    NETWORK = "network", _("Network / network office")
    OTHER = "other", _("Other")


class OrganisationQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True)

    def in_territory(self, territory: Territory):
        """Seated in the territory or anywhere below it: the seat among the ids of the territory
        and its descendants (a subquery of a few ids; as a join on the seat's path the planner
        walked every organisation to count a city's topics, 86 ms at 100,000, #19)."""
        below = Territory.objects.filter(within_q("", [territory])).values("pk")
        return self.filter(seat__in=below)

    def with_listing_relations(self):
        return self.select_related("seat", "parent").prefetch_related("topics", "languages")

    def pending_registrations(self):
        """Registered by a user, neither verified nor rejected yet by a coordinator."""
        return self.filter(registered_at__isnull=False, verified=False, rejected_at__isnull=True)

    def subtree_ids(self, roots) -> set[int]:
        """The ids of `roots` (organisation ids) and of every organisation below them, at any
        depth. Organisations have no materialised path: one query per level of the tree."""
        ids = set(roots)
        frontier = set(ids)
        while frontier:
            frontier = set(
                self.model.objects.filter(parent__in=frontier)
                .exclude(pk__in=ids)
                .values_list("pk", flat=True)
            )
            ids |= frontier
        return ids


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    slug = models.SlugField(_("web address"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="units",
    )
    seat = models.ForeignKey(
        Territory, verbose_name=_("seat"), on_delete=models.PROTECT, related_name="organisations"
    )
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    locality = models.CharField(_("locality"), max_length=100, blank=True)
    latitude = models.FloatField(
        _("latitude"), null=True, blank=True, validators=[validate_latitude]
    )
    longitude = models.FloatField(
        _("longitude"), null=True, blank=True, validators=[validate_longitude]
    )
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), blank=True)
    languages = models.ManyToManyField(Language, verbose_name=_("languages"), blank=True)
    target_groups = models.ManyToManyField(TargetGroup, verbose_name=_("target groups"), blank=True)
    description = models.TextField(_("description"), blank=True)
    verified = models.BooleanField(_("verified"), default=False)
    is_public = models.BooleanField(_("public"), default=True)
    is_demo = models.BooleanField(_("demo content"), default=False)
    # Provenance of entries taken from open data: the dataset (its name and address), its
    # licence and the record's identifier there (IRI, poi_id), which makes re-imports update
    # the entry instead of adding a second one.
    source = models.CharField(_("source"), max_length=300, blank=True)
    licence = models.CharField(_("licence"), max_length=100, blank=True)
    external_id = models.CharField(_("identifier in the source"), max_length=300, blank=True)
    # Self-registration: not public until a coordinator of the seat verifies it.
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="registered_organisations",
        editable=False,
    )
    registered_at = models.DateTimeField(
        pgettext_lazy("organisation registration", "registered"),
        null=True,
        blank=True,
        editable=False,
    )
    rejected_at = models.DateTimeField(_("rejected"), null=True, blank=True, editable=False)
    rejection_reason = models.TextField(_("reason for the rejection"), blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()
    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        indexes = [
            models.Index(fields=["kind", "is_public"]),
            # The directory's default order (actors.selectors.SORTING "name"): the first page
            # is read in order instead of sorting 100,000 organisations (#19).
            models.Index(fields=["name_de", "id"], name="actors_org_name_de_id"),
            # "Is the provider public?" for every listed offer (offers' `public()`) answered
            # from the index alone: a million offers' lists and counts join it (#19).
            models.Index(
                fields=["id"], condition=models.Q(is_public=True), name="actors_org_public_id"
            ),
            # The directory's filter counts per kind and per seat, from the index alone
            # (actors.selectors.organisation_facets; 40 → 10 ms each at 100,000, #19).
            models.Index(
                fields=["kind", "seat"],
                condition=models.Q(is_public=True),
                name="actors_org_public_kind_seat",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "external_id"],
                condition=~models.Q(external_id=""),
                name="organisation_unique_external_id",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("actors:organisation_detail", kwargs={"slug": self.slug})

    @property
    def address(self) -> str:
        place = " ".join(p for p in [self.postcode, self.locality] if p)
        return ", ".join(p for p in [self.street, place] if p)


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    MEMBERS = "members", _("Members of the platform")
    PRIVATE = "private", _("Private (the person and coordinators)")


@dataclass(frozen=True)
class PersonalField:
    """Why a personal field is kept: the basis of the record of processing activities."""

    purpose: str
    legal_basis: str
    retention: str


class PersonQuerySet(models.QuerySet):
    def active(self):
        return self.filter(erased_at__isnull=True)


class Person(models.Model):
    honorific = models.CharField(_("title"), max_length=40, blank=True)
    given_name = models.CharField(_("given name"), max_length=100)
    family_name = models.CharField(_("family name"), max_length=100)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    name_visibility = models.CharField(
        _("visibility of the name"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
    )
    email_visibility = models.CharField(
        _("visibility of the e-mail address"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.MEMBERS,
    )
    phone_visibility = models.CharField(
        _("visibility of the phone number"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.PRIVATE,
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    erased_at = models.DateTimeField(_("erased at"), null=True, blank=True, editable=False)
    is_demo = models.BooleanField(_("demo content"), default=False)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()
    objects = PersonQuerySet.as_manager()

    # Read by the record of processing activities (Art. 30 GDPR).
    personal_data = {
        "honorific": PersonalField(
            _("Address the person correctly"), _("Art. 6(1)(e) GDPR"), _("while listed")
        ),
        "given_name": PersonalField(
            _("Name contact persons of organisations and projects"),
            _("Art. 6(1)(e) GDPR; consent for private persons"),
            _("while the role lasts, then erased on request"),
        ),
        "family_name": PersonalField(
            _("Name contact persons of organisations and projects"),
            _("Art. 6(1)(e) GDPR; consent for private persons"),
            _("while the role lasts, then erased on request"),
        ),
        "email": PersonalField(
            _("Let partners reach the contact person"),
            _("Art. 6(1)(e) GDPR; consent"),
            _("while the role lasts"),
        ),
        "phone": PersonalField(
            _("Let partners reach the contact person"),
            _("Consent (Art. 6(1)(a) GDPR)"),
            _("while the role lasts"),
        ),
    }

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["family_name", "given_name"]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(p for p in [self.honorific, self.given_name, self.family_name] if p)


class RoleQuerySet(models.QuerySet):
    def current(self, on=None):
        day = on or timezone.localdate()
        return self.filter(
            models.Q(start__isnull=True) | models.Q(start__lte=day),
            models.Q(end__isnull=True) | models.Q(end__gte=day),
        )


class Role(models.Model):
    """A person's function in an organisation for a period."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="roles"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="roles",
    )
    function = models.CharField(_("function"), max_length=200)
    start = models.DateField(_("from"), null=True, blank=True)
    end = models.DateField(_("until"), null=True, blank=True)
    is_contact = models.BooleanField(
        _("fixed contact person"),
        default=False,
        help_text=_("The person partners turn to (feste Bezugsperson)."),
    )
    is_public = models.BooleanField(_("public role"), default=True)
    is_demo = models.BooleanField(_("demo content"), default=False)

    history = HistoricalRecords()
    objects = RoleQuerySet.as_manager()

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        ordering = ["organisation__name", "-is_contact", "person__family_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "organisation", "function"], name="role_unique_function"
            ),
            not_before("start", "end", name="role_end_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.function} ({self.organisation})"

    def clean(self) -> None:
        check_not_before(self, "start", "end")
