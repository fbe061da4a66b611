"""Learning offers of the public portal, and saved searches over them."""

from __future__ import annotations

import secrets
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from actors.models import Language, Organisation, TargetGroup, Topic
from bildungsnetz.invariants import not_before, not_before_errors
from places.models import Territory
from places.validators import validate_latitude, validate_longitude

# An offer nobody confirmed for this long leaves the public results.
CONFIRMATION_VALID = timedelta(days=365)


class OfferKind(models.TextChoices):
    FORMAL = "formal", _("Formal")
    NON_FORMAL = "non_formal", _("Non-formal")
    INFORMAL = "informal", _("Informal")


class OfferFormat(models.TextChoices):
    COURSE = "course", _("Course")
    COUNSELLING = "counselling", _("Counselling")
    EVENT = "event", _("Event")
    OPEN_PLACE = "open_place", _("Open place of learning")
    ONLINE = "online_resource", _("Online resource")


class Stage(models.TextChoices):
    EARLY_CHILDHOOD = "early_childhood", _("Early childhood")
    SCHOOL = "school", _("School")
    TRANSITION = "transition", _("Transition school–work")
    VOCATIONAL = "vocational", _("Vocational training")
    HIGHER = "higher", _("Higher education")
    ADULT = "adult", _("Adult education")
    SENIORS = "seniors", _("Seniors")


class Cost(models.TextChoices):
    FREE = "free", _("Free of charge")
    REDUCED = "reduced", _("Reduced price available")
    PAID = "paid", _("Fee")


# Accessibility features: (field name, label); the order is the order shown.
ACCESSIBILITY = [
    ("step_free", _("Step-free access")),
    ("sign_language", _("Sign language")),
    ("easy_language", _("Easy language")),
    ("induction_loop", _("Induction loop")),
    ("childcare", _("Childcare offered")),
]

# Age bands for the age facet: (key, label, lowest age, highest age).
AGE_BANDS = [
    ("0-5", _("0–5 years"), 0, 5),
    ("6-9", _("6–9 years"), 6, 9),
    ("10-13", _("10–13 years"), 10, 13),
    ("14-17", _("14–17 years"), 14, 17),
    ("18-26", _("18–26 years"), 18, 26),
    ("27-64", _("27–64 years"), 27, 64),
    ("65+", _("65 years and older"), 65, 130),
]


class OfferQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True, provider__is_public=True)

    def current(self, today=None):
        """Not ended and confirmed by the provider within CONFIRMATION_VALID."""
        today = today or timezone.localdate()
        cutoff = timezone.now() - CONFIRMATION_VALID
        return self.filter(
            models.Q(end_date__isnull=True) | models.Q(end_date__gte=today),
            confirmed_at__gte=cutoff,
        )

    def stale(self, today=None):
        today = today or timezone.localdate()
        cutoff = timezone.now() - CONFIRMATION_VALID
        return self.filter(models.Q(end_date__lt=today) | models.Q(confirmed_at__lt=cutoff))

    def listed(self):
        """What the public portal shows."""
        return self.public().current()

    def for_age(self, age: int):
        return self.filter(
            models.Q(age_min__isnull=True) | models.Q(age_min__lte=age),
            models.Q(age_max__isnull=True) | models.Q(age_max__gte=age),
        )

    def with_detail_relations(self):
        """What an offer's page and its API answer show besides the offer itself."""
        return self.select_related("provider", "district").prefetch_related(
            "languages", "target_groups", "topics"
        )

    def with_listing_relations(self):
        # Not the district's boundary: a list shows its name, not its shape. Every list (sorted
        # or ranked, page or API) shows the languages, target groups and topics: read in bulk.
        return (
            self.select_related("provider", "district")
            .defer("district__boundary")
            .prefetch_related("languages", "target_groups", "topics")
        )


class Offer(models.Model):
    provider = models.ForeignKey(
        Organisation, verbose_name=_("provider"), on_delete=models.CASCADE, related_name="offers"
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("web address"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind of learning"), max_length=12, choices=OfferKind.choices)
    format = models.CharField(_("format"), max_length=16, choices=OfferFormat.choices)
    stage = models.CharField(_("stage of life"), max_length=16, choices=Stage.choices)
    target_groups = models.ManyToManyField(
        TargetGroup, verbose_name=_("target groups"), blank=True, related_name="offers"
    )
    languages = models.ManyToManyField(
        Language, verbose_name=_("languages"), blank=True, related_name="offers"
    )
    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics"), blank=True, related_name="offers"
    )
    age_min = models.PositiveSmallIntegerField(_("from age"), null=True, blank=True)
    age_max = models.PositiveSmallIntegerField(_("up to age"), null=True, blank=True)
    is_online = models.BooleanField(_("online"), default=False)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    locality = models.CharField(_("locality"), max_length=100, blank=True)
    district = models.ForeignKey(
        Territory,
        verbose_name=_("district or city"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="offers",
    )
    latitude = models.FloatField(
        _("latitude"), null=True, blank=True, validators=[validate_latitude]
    )
    longitude = models.FloatField(
        _("longitude"), null=True, blank=True, validators=[validate_longitude]
    )
    start_date = models.DateField(_("first day"), null=True, blank=True)
    end_date = models.DateField(_("last day"), null=True, blank=True)
    schedule = models.CharField(
        _("recurring times"), max_length=200, blank=True, help_text=_("e.g. Tuesdays 16:00–17:30")
    )
    cost = models.CharField(_("cost"), max_length=8, choices=Cost.choices, default=Cost.FREE)
    price = models.DecimalField(
        _("price in euros"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    cost_note = models.CharField(_("note on cost"), max_length=200, blank=True)
    step_free = models.BooleanField(_("step-free access"), default=False)
    sign_language = models.BooleanField(_("sign language"), default=False)
    easy_language = models.BooleanField(_("easy language"), default=False)
    induction_loop = models.BooleanField(_("induction loop"), default=False)
    childcare = models.BooleanField(_("childcare offered"), default=False)
    registration_url = models.URLField(_("registration link"), blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    is_public = models.BooleanField(_("public"), default=True)
    is_demo = models.BooleanField(_("demo content"), default=False)
    # Provenance of offers taken from open data (see actors.models.Organisation).
    source = models.CharField(_("source"), max_length=300, blank=True)
    licence = models.CharField(_("licence"), max_length=100, blank=True)
    external_id = models.CharField(_("identifier in the source"), max_length=300, blank=True)
    confirmed_at = models.DateTimeField(
        _("last confirmed"),
        default=timezone.now,
        help_text=_("The provider confirmed that the offer is current."),
        # Set by offer_confirm and the stale notices, never typed in: no edit form, no
        # version token and no history revert touches it.
        editable=False,
    )
    stale_notified_at = models.DateTimeField(
        _("provider told it is stale"), null=True, blank=True, editable=False
    )
    created = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    # Offers are edited by several editors of a provider: keep every state to recover from.
    # Provider confirmations and stale notices are bookkeeping, not edits.
    history = HistoricalRecords(excluded_fields=["confirmed_at", "stale_notified_at"])

    objects = OfferQuerySet.as_manager()

    class Meta:
        verbose_name = _("learning offer")
        verbose_name_plural = _("learning offers")
        ordering = ["title", "pk"]
        indexes = [
            models.Index(fields=["is_public", "confirmed_at"], name="offer_public_confirmed"),
            models.Index(fields=["district", "kind"], name="offer_district_kind"),
            models.Index(fields=["latitude", "longitude"], name="offer_position"),
            # The sorts of the offer list (offers.views.SORTS; "new" uses `created`'s index):
            # the first page of a million offers is read in index order, not sorted.
            models.Index(fields=["title_de", "id"], name="offer_title"),
            models.Index(fields=["start_date", "title_de", "id"], name="offer_start"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(age_min__isnull=True)
                | models.Q(age_max__isnull=True)
                | models.Q(age_max__gte=models.F("age_min")),
                name="offer_age_range",
            ),
            not_before("start_date", "end_date", name="offer_end_after_start"),
            models.UniqueConstraint(
                fields=["source", "external_id"],
                condition=~models.Q(external_id=""),
                name="offer_unique_external_id",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("offers:offer_detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        errors = not_before_errors(self, "start_date", "end_date") | not_before_errors(
            self, "age_min", "age_max", _("The upper age cannot be below the lower age.")
        )
        if errors:
            raise ValidationError(errors)

    @property
    def address(self) -> str:
        place = " ".join(p for p in [self.postcode, self.locality] if p)
        return ", ".join(p for p in [self.street, place] if p)

    @property
    def accessibility(self) -> list[str]:
        return [str(label) for name, label in ACCESSIBILITY if getattr(self, name)]

    @property
    def listed_until(self):
        """When the offer stops being current without a change (see `listed_until`)."""
        return listed_until(self.end_date, self.confirmed_at)

    @property
    def is_stale(self) -> bool:
        today = timezone.localdate()
        return bool(
            (self.end_date and self.end_date < today)
            or self.confirmed_at < timezone.now() - CONFIRMATION_VALID
        )


def listed_until(end_date, confirmed_at):
    """When an offer stops being current (`current()`, `is_stale`): when its confirmation runs
    out, or at the end of its end date, whichever comes first."""
    confirmation_ends = confirmed_at + CONFIRMATION_VALID
    if end_date is None:
        return confirmation_ends
    day_after = datetime.combine(end_date + timedelta(days=1), time.min)
    return min(confirmation_ends, timezone.make_aware(day_after))


def _token() -> str:
    return secrets.token_urlsafe(24)


class SavedSearchQuerySet(models.QuerySet):
    def active(self):
        return self.filter(confirmed_at__isnull=False, unsubscribed_at__isnull=True)


class SavedSearch(models.Model):
    """A search of the offers someone wants to hear about (double opt-in by e-mail)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="saved_searches",
    )
    email = models.EmailField(_("e-mail"))
    query = models.CharField(_("search"), max_length=1000, help_text=_("URL query string"))
    token = models.CharField(max_length=64, unique=True, default=_token, editable=False)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)
    last_checked_at = models.DateTimeField(_("last checked"), default=timezone.now)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    objects = SavedSearchQuerySet.as_manager()

    # Read by the record of processing activities (Art. 30 GDPR).
    personal_data = {
        "email": (
            _("Send the new offers the person asked for"),
            _("Consent (Art. 6(1)(a) GDPR), confirmed by e-mail"),
            _("until unsubscribed"),
        )
    }

    class Meta:
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")

    def __str__(self) -> str:
        return f"{self.email}: {self.query}"
