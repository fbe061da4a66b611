"""What the council information system says about an agreement under committee reservation.

One record per agreement, written by the council check (`cooperation.services_council`): the
outcome of the authoritative consultation of the agreement's council paper, and the lifecycle
step it suggests until a coordinator takes or dismisses it. Kept apart from `Agreement` so that
each check (every few hours) does not add a version to the agreement's history.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from .agreements import AGREEMENT_TRANSITIONS, Agreement, AgreementStatus
from .base import done_by


class CouncilDecision(models.Model):
    agreement = models.OneToOneField(
        Agreement,
        verbose_name=_("agreement"),
        on_delete=models.CASCADE,
        related_name="council_decision",
    )
    paper_url = models.URLField(_("council paper (OParl)"), max_length=500)
    paper_name = models.CharField(_("council paper"), max_length=500, blank=True)
    checked_at = models.DateTimeField(_("last checked"), null=True, blank=True)
    # Up to when the council system's changes are known (the last check that read it fully).
    synced_at = models.DateTimeField(_("last read"), null=True, blank=True)
    error = models.TextField(_("error of the last check"), blank=True)
    consultation_url = models.URLField(_("consultation (OParl)"), max_length=500, blank=True)
    agenda_item_url = models.URLField(_("agenda item (OParl)"), max_length=500, blank=True)
    changes_url = models.URLField(_("list of changed agenda items"), max_length=500, blank=True)
    result = models.CharField(_("result"), max_length=500, blank=True)
    resolution_text = models.TextField(_("resolution text"), blank=True)
    resolution_file_url = models.URLField(_("resolution document"), max_length=500, blank=True)
    decided_on = models.DateField(_("date of the decision"), null=True, blank=True)
    meeting_name = models.CharField(_("meeting"), max_length=500, blank=True)
    web_url = models.URLField(_("link to the decision"), max_length=500, blank=True)
    recorded_at = models.DateTimeField(_("result recorded"), null=True, blank=True)
    proposed_step = models.CharField(
        _("proposed step"), max_length=20, choices=AgreementStatus.choices, blank=True
    )
    # What the coordinators were last told, so a second check mails nobody again.
    notified_key = models.CharField(max_length=1200, blank=True, editable=False)
    settled_at = models.DateTimeField(_("proposal settled"), null=True, blank=True)
    settled_by = done_by()

    class Meta:
        verbose_name = _("council decision")
        verbose_name_plural = _("council decisions")

    def __str__(self) -> str:
        return f"{self.agreement}: {self.result or '–'}"

    @property
    def open_proposal(self) -> str:
        """The step still waiting for a coordinator, or "" (taken, dismissed, or no longer
        possible because the agreement moved on)."""
        if not self.proposed_step or self.settled_at is not None:
            return ""
        if self.agreement.council_paper_url != self.paper_url:
            return ""
        if self.proposed_step not in AGREEMENT_TRANSITIONS[self.agreement.status]:
            return ""
        return self.proposed_step

    @property
    def proposed_step_label(self) -> str:
        return AgreementStatus(self.proposed_step).label if self.proposed_step else ""
