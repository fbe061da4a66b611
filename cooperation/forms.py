from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.models import RoleLevel
from accounts.scopes import scopes_for
from actors.forms import TopicFilterField
from actors.models import Organisation, Person
from actors.privacy import people_visible_to
from bildungsnetz.concurrency import VersionedFormMixin
from places.models import Level, Territory

from .models import (
    Agreement,
    AgreementKind,
    AgreementStatus,
    ExchangeCall,
    Goal,
    Milestone,
    Partnership,
    PartnershipKind,
    PartnershipStatus,
    Placement,
    PlacementState,
    Project,
    ProjectKind,
    ProjectParticipant,
    ProjectStatus,
)
from .models.exchanges import PlacementDecision
from .services_council import council_paper_refusal

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _cities():
    return Territory.objects.filter(level=Level.CITY)


# --- Filters --------------------------------------------------------------------------------


class BaseFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    city = forms.ModelChoiceField(
        label=_("City"),
        required=False,
        queryset=_cities(),
        empty_label=_("All cities"),
        to_field_name="code",
    )
    topic = TopicFilterField()
    year = forms.IntegerField(
        label=_("Active in year"), required=False, min_value=1900, max_value=2100
    )


class PartnershipFilterForm(BaseFilterForm):
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *PartnershipKind.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *PartnershipStatus.choices],
    )
    field_order = ["q", "kind", "status", "city", "topic", "year"]


class AgreementFilterForm(BaseFilterForm):
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *AgreementKind.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *AgreementStatus.choices],
    )
    expiring = forms.BooleanField(label=_("Only those expiring soon"), required=False)
    field_order = ["q", "kind", "status", "city", "topic", "year", "expiring"]


class ProjectFilterForm(BaseFilterForm):
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *ProjectKind.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All statuses")), *ProjectStatus.choices]
    )
    missing_contact = forms.BooleanField(
        label=_("Only projects lacking a contact person"), required=False
    )
    field_order = ["q", "kind", "status", "city", "topic", "year", "missing_contact"]


class ProgrammeFilterForm(BaseFilterForm):
    field_order = ["q", "city", "topic", "year"]


class PlacementFilterForm(forms.Form):
    state = forms.ChoiceField(
        label=pgettext_lazy("placement status", "State"),
        required=False,
        choices=[("", _("All states")), *PlacementState.choices],
    )
    city = forms.ModelChoiceField(
        label=_("City"),
        required=False,
        queryset=_cities(),
        empty_label=_("All cities"),
        to_field_name="code",
    )


# --- Editing --------------------------------------------------------------------------------


class PartnershipForm(VersionedFormMixin, forms.ModelForm):
    cities = forms.ModelMultipleChoiceField(
        label=_("Cities taking part"),
        queryset=_cities(),
        required=False,
        help_text=_("Choose every city that is a party; hold Ctrl to choose several."),
    )
    organisations = forms.ModelMultipleChoiceField(
        label=_("Organisations taking part"),
        queryset=Organisation.objects.all(),
        required=False,
        help_text=_("For partnerships between organisations rather than cities."),
    )

    class Meta:
        model = Partnership
        fields = ["name_de", "name_en", "kind", "status", "since", "until", "topics",
                  "description_de", "description_en", "is_public"]  # fmt: skip
        widgets = {"since": DATE, "until": DATE, "topics": forms.CheckboxSelectMultiple}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["name_de"].required = True
        if self.instance.pk:
            parties = list(self.instance.parties.all())
            self.initial["cities"] = [p.territory_id for p in parties if p.territory_id]
            self.initial["organisations"] = [
                p.organisation_id for p in parties if p.organisation_id
            ]

    def parties(self) -> list:
        return [*self.cleaned_data["cities"], *self.cleaned_data["organisations"]]

    def clean(self):
        cleaned = super().clean()
        parties = [*cleaned.get("cities", []), *cleaned.get("organisations", [])]
        self.instance.clean_parties(parties)
        scopes = scopes_for(self.user)
        mine = [
            p
            for p in parties
            if (
                scopes.role_in_territory(p)
                if isinstance(p, Territory)
                else scopes.role_in_organisation(p)
            )
            >= RoleLevel.COORDINATOR
        ]
        if not mine:
            raise ValidationError(
                _("You can only record partnerships in which you coordinate one of the parties.")
            )
        return cleaned


class AgreementForm(VersionedFormMixin, forms.ModelForm):
    version_note = forms.CharField(
        label=_("What changed in the text"),
        required=False,
        max_length=300,
        help_text=_("Kept with the new version of the text."),
    )

    class Meta:
        model = Agreement
        fields = ["partnership", "title_de", "title_en", "kind", "signed_place", "signed_on",
                  "valid_from", "valid_until", "summary_de", "summary_en", "text", "document",
                  "topics", "council_paper_url", "is_public"]  # fmt: skip
        widgets = {
            "signed_on": DATE,
            "valid_from": DATE,
            "valid_until": DATE,
            "topics": forms.CheckboxSelectMultiple,
            "text": forms.Textarea(attrs={"rows": 14}),
        }

    def __init__(self, *args, partnerships=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title_de"].required = True
        self.fields["signed_place"].queryset = _cities()
        if partnerships is not None:
            self.fields["partnership"].queryset = partnerships
        if self.instance.pk:
            # Moving an agreement to another partnership would hand it to other coordinators.
            self.fields["partnership"].disabled = True
        else:
            del self.fields["version_note"]
        self.fields["council_paper_url"].error_messages["invalid"] = _(
            "Give an http or https address."
        )

    def clean_council_paper_url(self):
        url = self.cleaned_data["council_paper_url"].strip()
        refusal = council_paper_refusal(url)
        if refusal:
            raise ValidationError(refusal, code="unsafe_url")
        return url


class AgreementTransitionForm(forms.Form):
    to_state = forms.ChoiceField(label=_("New status"), choices=AgreementStatus.choices)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class GoalForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Goal
        fields = ["number", "text_de", "text_en", "topics", "status", "progress"]
        widgets = {"topics": forms.CheckboxSelectMultiple}

    def __init__(self, *args, agreement=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.agreement = agreement
        self.fields["text_de"].required = True

    def clean_number(self):
        number = self.cleaned_data["number"]
        clash = Goal.objects.filter(agreement=self.agreement, number=number).exclude(
            pk=self.instance.pk
        )
        if clash.exists():
            raise ValidationError(_("This agreement already has a goal with this number."))
        return number


class ProjectForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Project
        fields = ["partnership", "title_de", "title_en", "kind", "status", "description_de",
                  "description_en", "goals", "topics", "start", "end", "progress", "funding",
                  "outcomes_de", "outcomes_en", "is_public"]  # fmt: skip
        widgets = {
            "start": DATE,
            "end": DATE,
            "goals": forms.CheckboxSelectMultiple,
            "topics": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, partnerships=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title_de"].required = True
        if partnerships is not None:
            self.fields["partnership"].queryset = partnerships
            self.fields["goals"].queryset = Goal.objects.filter(
                agreement__partnership__in=partnerships
            ).select_related("agreement")
        self.fields["goals"].label_from_instance = lambda g: f"{g.agreement.title} – {g}"
        if self.instance.pk:
            self.fields["partnership"].disabled = True
            self.fields["goals"].queryset = Goal.objects.filter(
                agreement__partnership=self.instance.partnership
            ).select_related("agreement")

    def _post_clean(self):
        super()._post_clean()  # the model's clean(): the end after the start
        # The model's rule for the goals, which clean() cannot see before they are set.
        if self.cleaned_data.get("goals") is not None:
            try:
                self.instance.clean_goals(self.cleaned_data["goals"])
            except ValidationError as exc:
                self.add_error("goals", exc)


class ParticipantForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = ProjectParticipant
        fields = ["organisation", "role", "contact", "benefit"]

    def __init__(self, *args, project=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        # A choice list shows names: only those the user could see anyway (actors.privacy).
        people = people_visible_to(
            user, "name", Person.objects.active().filter(roles__organisation__isnull=False)
        )
        if self.instance.contact_id:
            # Keep the contact already chosen (by the other side, say): the form would drop it.
            people = Person.objects.filter(
                Q(pk__in=people.values("pk")) | Q(pk=self.instance.contact_id)
            )
        self.fields["contact"].queryset = people
        self.fields["contact"].help_text = _(
            "The fixed contact person of this participant; partners turn to them."
        )


class MilestoneForm(forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["title", "due", "reached_on"]
        widgets = {"due": DATE, "reached_on": DATE}


class PlacementApplicationForm(forms.ModelForm):
    given_name = forms.CharField(label=_("Given name"), max_length=100)
    family_name = forms.CharField(label=_("Family name"), max_length=100)
    email = forms.EmailField(label=_("E-mail"), required=False)

    class Meta:
        model = Placement
        fields = ["call", "home_organisation", "home_unit", "wished_city", "wished_field",
                  "learning_goals"]  # fmt: skip

    def __init__(self, *args, programme=None, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["call"].queryset = ExchangeCall.objects.filter(programme=programme)
        self.fields["wished_city"].queryset = _cities()
        if organisations is not None:
            self.fields["home_organisation"].queryset = organisations
        self.order_fields(["given_name", "family_name", "email"])

    def person_data(self) -> dict:
        return {k: self.cleaned_data[k] for k in ("given_name", "family_name", "email")}


class PlacementSelfApplicationForm(forms.ModelForm):
    """An employee applies for a placement themselves; their name is asked only once."""

    given_name = forms.CharField(label=_("Given name"), max_length=100)
    family_name = forms.CharField(label=_("Family name"), max_length=100)

    class Meta:
        model = Placement
        fields = ["call", "home_organisation", "home_unit", "wished_city", "wished_field",
                  "learning_goals"]  # fmt: skip
        labels = {"home_organisation": _("Your administration"), "home_unit": _("Your unit")}

    def __init__(self, *args, programme, organisations, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["call"].queryset = ExchangeCall.objects.filter(programme=programme)
        self.fields["wished_city"].queryset = _cities()
        self.fields["home_organisation"].queryset = organisations
        if organisations.count() == 1:
            self.fields["home_organisation"].initial = organisations.first().pk
        if Person.objects.filter(user=user).exists():
            del self.fields["given_name"], self.fields["family_name"]
        else:
            given, _sep, family = (user.display_name or "").strip().rpartition(" ")
            self.fields["given_name"].initial = given
            self.fields["family_name"].initial = family
            self.order_fields(["given_name", "family_name"])

    def person_data(self) -> dict | None:
        if "given_name" not in self.fields:
            return None
        data = {k: self.cleaned_data[k] for k in ("given_name", "family_name")}
        return {**data, "email": self.user.email}

    def _post_clean(self):
        # The service validates and saves (the person is set there).
        pass


class PlacementDecisionForm(forms.Form):
    """One side's decision on an application: approve or reject, with a reason."""

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (PlacementDecision.APPROVE, _("Approve")),
            (PlacementDecision.REJECT, _("Reject")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required for a rejection; the applicant and the other side see it."),
    )

    def __init__(self, *args, side: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.side = side
        self.auto_id = f"id_decide_{side}_%s"

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == PlacementDecision.REJECT and not cleaned.get("reason"):
            self.add_error("reason", _("Give the reason for the rejection."))
        return cleaned


# What each step of a placement asks for, besides a note.
STEP_FIELDS = {
    PlacementState.MATCHED: ["host_organisation", "host_unit"],
    PlacementState.AGREED: ["host_organisation", "host_unit", "start", "end"],
    PlacementState.STARTED: ["start"],
    PlacementState.INTERIM_REPORTED: ["interim_report", "interim_report_date"],
    PlacementState.FINAL_REPORTED: ["final_report", "final_report_date"],
    PlacementState.EVALUATED: ["evaluation"],
}


class PlacementStepForm(forms.ModelForm):
    """One step of a placement's lifecycle: the fields it needs plus a note."""

    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )

    class Meta:
        model = Placement
        fields = ["host_organisation", "host_unit", "start", "end", "interim_report",
                  "interim_report_date", "final_report", "final_report_date",
                  "evaluation"]  # fmt: skip
        widgets = {"start": DATE, "end": DATE, "interim_report_date": DATE,
                   "final_report_date": DATE}  # fmt: skip

    def __init__(self, *args, to_state: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.to_state = to_state
        keep = set(STEP_FIELDS.get(to_state, [])) | {"note"}
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]
        for name in keep - {"note", "host_unit"}:
            self.fields[name].required = True
        for name in ("interim_report_date", "final_report_date"):
            if name in self.fields and not getattr(self.instance, name):
                self.fields[name].initial = timezone.localdate()
        self.auto_id = f"id_{to_state}_%s"

    def changes(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "note"}

    def _post_clean(self):
        # The service validates (the model's clean(): reports dated after the start, the end
        # after the start) and saves; the form must not touch the instance on its own.
        pass
