"""Partner finding (#16): what organisations offer and seek, the contact requests between them,
and the consent of the people named on the public recognition pages.

The Wolgograd workshop asked for an interregional information system on NGOs and for "model
partnerships" between administrations and NGOs of partner cities, with fixed contact persons on
both sides, mutual benefit and public recognition. A listing is one offer or need of an
organisation; an accepted contact request becomes a model partnership in `cooperation`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from actors.models import Language, Organisation, Person, TargetGroup, Topic
from cooperation.models import Project
from places.models import Territory


class Direction(models.TextChoices):
    OFFER = "offer", pgettext_lazy("partner listing", "Offers")
    SEEK = "seek", _("Seeks")


class ListingFormat(models.TextChoices):
    SCHOOL_PARTNERSHIP = "school_partnership", _("School partnership")
    EXCHANGE = "exchange", _("Exchange")
    JOINT_PROJECT = "joint_project", _("Joint project")
    HOSPITATION = "hospitation", _("Job shadowing (hospitation)")
    EXPERTISE = "expertise", _("Expertise")
    VOLUNTEERS = "volunteers", _("Volunteers")
    PREMISES = "premises", _("Premises")


class PartnerListingQuerySet(models.QuerySet):
    def current(self, today=None):
        """Active and not past its date."""
        day = today or timezone.localdate()
        return self.filter(active=True).filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=day)
        )

    def public(self, today=None):
        """What anyone may see: current listings of public organisations."""
        return self.current(today).filter(organisation__is_public=True)

    def with_listing_relations(self):
        return self.select_related("organisation__seat").prefetch_related(
            "topics", "target_groups", "languages", "cities"
        )


class PartnerListing(models.Model):
    """One offer or need of an organisation: a format, topics, target groups, languages and
    the cities it looks for partners in (none: anywhere)."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="partner_listings",
    )
    direction = models.CharField(_("offers or seeks"), max_length=10, choices=Direction.choices)
    format = models.CharField(_("format"), max_length=30, choices=ListingFormat.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), blank=True, related_name="+")
    target_groups = models.ManyToManyField(
        TargetGroup, verbose_name=_("target groups"), blank=True, related_name="+"
    )
    languages = models.ManyToManyField(
        Language, verbose_name=_("languages"), blank=True, related_name="+"
    )
    cities = models.ManyToManyField(
        Territory,
        verbose_name=_("in these cities"),
        blank=True,
        related_name="+",
        help_text=_("Leave empty for partners anywhere."),
    )
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    active = models.BooleanField(_("active"), default=True)
    is_demo = models.BooleanField(_("demo content"), default=False)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()
    objects = PartnerListingQuerySet.as_manager()

    class Meta:
        verbose_name = _("partner listing")
        verbose_name_plural = _("partner listings")
        ordering = ["title", "pk"]
        indexes = [models.Index(fields=["direction", "format", "active"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("partners:listing_detail", kwargs={"pk": self.pk})

    @property
    def is_current(self) -> bool:
        return self.active and (
            self.valid_until is None or self.valid_until >= timezone.localdate()
        )


class RequestState(models.TextChoices):
    SENT = "sent", _("Sent")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ContactRequest(models.Model):
    """One organisation asks another for a partnership about one of its listings. It goes to
    the other side's fixed contact person; the sender's own e-mail address is shown only once
    the request is accepted."""

    from_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("from organisation"),
        on_delete=models.CASCADE,
        related_name="partner_requests_sent",
    )
    to_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("to organisation"),
        on_delete=models.CASCADE,
        related_name="partner_requests_received",
    )
    listing = models.ForeignKey(
        PartnerListing,
        verbose_name=_("listing"),
        on_delete=models.CASCADE,
        related_name="contact_requests",
    )
    message = models.TextField(_("message"))
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recipient = models.ForeignKey(
        Person,
        verbose_name=_("fixed contact person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The other side's fixed contact person when the request was sent."),
    )
    state = models.CharField(
        _("state"), max_length=20, choices=RequestState.choices, default=RequestState.SENT
    )
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answer_note = models.TextField(_("note with the answer"), blank=True)
    project = models.ForeignKey(
        Project,
        verbose_name=_("model partnership"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    # Read by the record of processing activities (Art. 30 GDPR).
    personal_data = {
        "message": (
            _("Pass an organisation's request for a partnership to the other side"),
            _("Art. 6(1)(e) GDPR; consent of the sender"),
            _("while either organisation is listed"),
        ),
        "sender": (
            _("Let the other side reach the sender once it accepts"),
            _("Art. 6(1)(e) GDPR; consent of the sender"),
            _("while either organisation is listed"),
        ),
    }

    class Meta:
        verbose_name = _("contact request")
        verbose_name_plural = _("contact requests")
        ordering = ["-sent_at", "-pk"]
        constraints = [
            # One open request per pair and listing: asking again waits for the answer.
            models.UniqueConstraint(
                fields=["from_organisation", "to_organisation", "listing"],
                condition=Q(state="sent"),
                name="partners_one_open_request_per_pair_and_listing",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_organisation} → {self.to_organisation}: {self.listing}"

    def get_absolute_url(self) -> str:
        return reverse("partners:request_detail", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.state == RequestState.SENT


class RecognitionConsent(models.Model):
    """A person agrees to be named on the public recognition page of a project. Without it the
    page says "a member of staff of <organisation>"."""

    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="recognition_consents",
    )
    project = models.ForeignKey(
        Project,
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="recognition_consents",
    )
    given_at = models.DateTimeField(_("given at"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    # Read by the record of processing activities (Art. 30 GDPR).
    personal_data = {
        "person": (
            _("Name the person on the public recognition page of the project"),
            _("Consent (Art. 6(1)(a) GDPR), withdrawable at any time"),
            _("until the consent is withdrawn"),
        ),
    }

    class Meta:
        verbose_name = _("consent to be named")
        verbose_name_plural = _("consents to be named")
        ordering = ["-given_at"]
        constraints = [
            models.UniqueConstraint(fields=["person", "project"], name="partners_consent_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.project}"
