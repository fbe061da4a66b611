"""Forms for the parts of an agreement: its signatories (a formset on the agreement form), and
the projects and monitoring indicators linked to its goals (on the goal page)."""

from __future__ import annotations

from django import forms
from django.core.validators import RegexValidator
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from actors.models import Organisation
from bildungsnetz.concurrency import VersionedFormMixin
from monitoring.models import Indicator
from places.models import Level, Territory

from .forms import DATE, _cities
from .models import AgreementSignatory, GoalIndicator, Project
from .services_signatories import side_organisations, signatories_version

# --- Signatories of an agreement (a formset on the agreement form) ----------------------------


class SignatoryForm(forms.ModelForm):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = AgreementSignatory
        fields = ["name", "function", "organisation", "signed_place", "signed_on"]
        widgets = {"signed_on": DATE}

    def __init__(self, *args, agreement=None, organisations=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.agreement = agreement
        self.initial.setdefault("id", self.instance.pk)
        self.fields["function"].help_text = _("For example: Lord Mayor")
        self.fields["signed_place"].queryset = _cities()
        if organisations is not None:
            keep = Q(pk__in=organisations.values("pk"))
            if self.instance.organisation_id:
                keep |= Q(pk=self.instance.organisation_id)
            self.fields["organisation"].queryset = Organisation.objects.filter(keep)
        self.fields["organisation"].empty_label = _("Choose an organisation")
        self.fields["signed_place"].empty_label = _("Choose a city")
        if self.instance.person_id and not self.instance.name:
            # Named only as far as the person lets this user see their name (actors.privacy).
            self.fields["name"].help_text = _(
                "Linked to the person “%(person)s” of the register; leave empty to keep the "
                "register's name, shown as that person allows."
            ) % {"person": self.instance.shown_name(user) or "…"}

    def row(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "DELETE"}


class BaseSignatoryFormSet(forms.BaseFormSet):
    """The agreement's signatories as one list: rows are matched to stored signatories by id;
    a row whose signatory someone else removed meanwhile is simply a new one."""

    def __init__(self, *args, agreement, partnerships=None, user=None, **kwargs):
        self.user = user
        self.agreement = agreement
        self.existing = list(agreement.signatories.all()) if agreement.pk else []
        self.by_pk = {s.pk: s for s in self.existing}
        if agreement.partnership_id:
            self.organisations = side_organisations(agreement.partnership)
        else:
            # A new agreement before its partnership is chosen: the sides of those one may use.
            self.organisations = side_organisations(*(partnerships or ()))
        kwargs.setdefault("prefix", "signatories")
        super().__init__(*args, **kwargs)
        # A post without the signatory rows (an older page, a script) leaves them as they are.
        self.edited = not self.is_bound or f"{self.prefix}-TOTAL_FORMS" in self.data
        self.extra = 1 if self.existing else 2
        self.conflict: list | None = None
        if self.is_bound:
            self.version = self.data.get(f"{self.prefix}-VERSION", "")
        else:
            self.version = signatories_version(agreement) if agreement.pk else ""

    def initial_form_count(self):
        return super().initial_form_count() if self.is_bound else len(self.existing)

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        instance = None
        if index is not None and self.is_bound:
            raw = self.data.get(f"{self.add_prefix(index)}-id") or ""
            instance = self.by_pk.get(int(raw)) if raw.isdigit() else None
        elif index is not None and index < len(self.existing):
            instance = self.existing[index]
        kwargs.update(
            agreement=self.agreement,
            user=self.user,
            organisations=self.organisations,
            instance=instance or AgreementSignatory(agreement=self.agreement),
        )
        return kwargs

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Remove this signatory")

    def is_valid(self):
        return super().is_valid() if self.edited else True

    def rows(self) -> list[dict] | None:
        """What to store, in the order shown: kept rows that were filled in (None: the post
        did not contain the signatories)."""
        if not self.edited:
            return None
        return [
            form.row()
            for form in self.forms
            if form.has_changed() or form.cleaned_data.get("id")
            if not (self.can_delete and self._should_delete_form(form))
        ]

    def mark_conflict(self, conflict) -> None:
        """Keep the input; the next save replaces the signatories stored now with it."""
        self.conflict = conflict.stored
        self.version = conflict.token


SignatoryFormSet = forms.formset_factory(
    SignatoryForm,
    formset=BaseSignatoryFormSet,
    extra=1,
    can_delete=True,
    can_delete_extra=False,
    max_num=30,
    validate_max=True,
)


# --- Goals: linked projects and indicators ----------------------------------------------------


class GoalProjectForm(forms.Form):
    project = forms.ModelChoiceField(
        label=_("Project of this partnership"),
        queryset=Project.objects.none(),
        empty_label=_("Choose a project"),
        to_field_name="slug",
    )

    def __init__(self, *args, projects=None, **kwargs):
        super().__init__(*args, **kwargs)
        if projects is not None:
            self.fields["project"].queryset = projects


YEAR = RegexValidator(r"^\d{4}$", _("Give a year with four digits, e.g. 2030."))


class GoalIndicatorForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = GoalIndicator
        fields = ["indicator", "territory", "baseline_value", "baseline_period", "target_value",
                  "target_period"]  # fmt: skip
        labels = {
            "indicator": _("Indicator from monitoring"),
            "territory": _("Measured in"),
            "baseline_period": _("Baseline year"),
            "target_period": _("Target year"),
        }
        help_texts = {
            "baseline_value": _(
                "Leave empty to take the monitoring value of the baseline year (or, without a "
                "year, the latest value and its year)."
            ),
        }

    def __init__(self, *args, goal, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.goal = goal
        self.instance.goal = goal
        indicators = Indicator.objects.visible_to(user).order_by("name", "code")
        self.fields["indicator"].queryset = indicators
        self.fields["indicator"].label_from_instance = lambda i: (
            f"{i.name} ({i.unit})" if i.unit else i.name
        )
        self.fields["indicator"].empty_label = _("Choose an indicator")
        self.fields["territory"].queryset = goal_territories(goal, self.instance.territory_id)
        self.fields["territory"].empty_label = _("Choose a place")
        for name in ("baseline_period", "target_period"):
            self.fields[name].validators.append(YEAR)
            self.fields[name].widget.attrs.update(inputmode="numeric", size=4)
        for name in ("target_value", "target_period"):
            self.fields[name].required = True
        for name in ("baseline_value", "target_value"):
            self.fields[name].widget.attrs["step"] = "any"

    def clean(self):
        cleaned = super().clean()  # the model's clean(): the target year after the baseline year
        indicator, territory = cleaned.get("indicator"), cleaned.get("territory")
        if indicator and territory:
            clash = GoalIndicator.objects.filter(
                goal=self.goal, indicator=indicator, territory=territory
            ).exclude(pk=self.instance.pk)
            if clash.exists():
                self.add_error(
                    "indicator", _("This indicator is already attached to the goal for this place.")
                )
        return cleaned


def goal_territories(goal, current_id=None):
    """Where a goal's indicator can be measured: the partnership's places (a party organisation
    stands for its seat) and their districts and municipalities."""
    partnership = goal.agreement.partnership
    parties = list(partnership.parties.select_related("territory", "organisation__seat"))
    places = [p.place for p in parties if p.place is not None]
    condition = Q(pk__in=[t.pk for t in places])
    for place in places:
        condition |= Q(
            path__startswith=f"{place.path}/", level__in=[Level.DISTRICT, Level.MUNICIPALITY]
        )
    if current_id:
        condition |= Q(pk=current_id)
    return Territory.objects.filter(condition).order_by("path", "name")
