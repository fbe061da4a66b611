from __future__ import annotations

from django import forms
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import RoleLevel
from accounts.scopes import organisations_with_role, territories_with_role
from actors.models import Organisation, Person
from actors.privacy import people_visible_to
from bildungsnetz.access import view_permission
from bildungsnetz.concurrency import VersionedFormMixin
from cooperation.models import Goal
from places.models import Level, Territory, within_q

from .models import Deliverable, Milestone, Programme, Task, TaskStatus, WorkPackage

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

# What a deliverable may link to on this platform: (app label, model), when installed.
RESULT_KINDS = [
    ("events", "event"),
    ("reports", "report"),
    ("cooperation", "agreement"),
    ("cooperation", "project"),
    ("monitoring", "dataset"),
    ("monitoring", "indicator"),
    ("pages", "page"),
    ("offers", "offer"),
    ("knowledge", "entry"),
]


# --- Filters --------------------------------------------------------------------------------
class ProgrammeFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    city = forms.ModelChoiceField(
        label=_("City"),
        required=False,
        queryset=Territory.objects.filter(level=Level.CITY),
        empty_label=_("All cities"),
        to_field_name="code",
    )
    funder = forms.ChoiceField(label=_("Funder"), required=False)
    year = forms.IntegerField(
        label=_("Active in year"), required=False, min_value=1900, max_value=2100
    )

    def __init__(self, *args, funders=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["funder"].choices = [("", _("All funders")), *((f, f) for f in funders)]


class TaskFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All statuses")), *TaskStatus.choices]
    )
    owner = forms.ModelChoiceField(
        label=_("Owner"), required=False, queryset=Person.objects.none(), empty_label=_("Anyone")
    )
    open = forms.BooleanField(label=_("Only open tasks"), required=False)
    overdue = forms.BooleanField(label=_("Only overdue tasks"), required=False)
    mine = forms.BooleanField(label=_("Only my tasks"), required=False)

    def __init__(self, *args, user=None, owners=None, **kwargs):
        super().__init__(*args, **kwargs)
        people = (
            owners if owners is not None else Person.objects.filter(programme_tasks__isnull=False)
        )
        self.fields["owner"].queryset = people_visible_to(user, "name", people.distinct())
        if user is None or not user.is_authenticated:
            del self.fields["mine"]


# --- Editing --------------------------------------------------------------------------------
class ProgrammeForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Programme
        fields = ["title", "description", "funder", "start", "end", "territory",
                  "lead_organisation", "source", "is_public"]  # fmt: skip
        widgets = {"start": DATE, "end": DATE, "description": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["description"].help_text = _(
            "Paragraphs, lists and links are kept; other formatting is removed."
        )
        if user is not None:
            # Only what the user manages (the rule `programme.change_programme`).
            territories = territories_with_role(user, RoleLevel.COORDINATOR)
            keep_t = Q(pk=self.instance.territory_id) if self.instance.territory_id else Q(pk=None)
            keep_o = Q(pk=self.instance.lead_organisation_id)
            if territories is not None:
                self.fields["territory"].queryset = Territory.objects.filter(
                    within_q("", territories) | keep_t
                )
            self.fields["lead_organisation"].queryset = Organisation.objects.filter(
                Q(pk__in=organisations_with_role(user, RoleLevel.EDITOR).values("pk")) | keep_o
            )


class BudgetLineForm(forms.Form):
    label = forms.CharField(label=_("Budget line"), max_length=200)
    amount = forms.DecimalField(label=_("Amount"), max_digits=14, decimal_places=2, min_value=0)
    currency = forms.CharField(label=_("Currency"), max_length=3, initial="EUR")


BudgetLineFormSet = forms.formset_factory(BudgetLineForm, extra=1, can_delete=True)


class PackageForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = WorkPackage
        fields = ["number", "title", "description", "lead_organisation", "start", "end", "goals"]
        widgets = {
            "start": DATE,
            "end": DATE,
            "goals": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        goals = Goal.objects.select_related("agreement").order_by("agreement__title", "number")
        if user is not None and not user.is_superuser:
            visible = [g.pk for g in goals if user.has_perm("cooperation.view_goal", g)]
            keep = (
                list(self.instance.goals.values_list("pk", flat=True)) if self.instance.pk else []
            )
            goals = goals.filter(pk__in=visible + keep)
        self.fields["goals"].queryset = goals
        self.fields["goals"].label_from_instance = lambda g: f"{g.agreement.title} – {g}"
        self.fields["lead_organisation"].queryset = Organisation.objects.filter(
            Q(is_public=True) | Q(pk=self.instance.lead_organisation_id)
        )

    def validate_unique(self):
        # The programme is not a form field: the model's clean() checks the number instead.
        pass


class TaskForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Task
        fields = ["title", "description", "status", "owner", "due"]
        widgets = {"due": DATE, "description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        people = people_visible_to(user, "name", Person.objects.filter(erased_at__isnull=True))
        if self.instance.owner_id:
            people = Person.objects.filter(
                Q(pk__in=people.values("pk")) | Q(pk=self.instance.owner_id)
            )
        self.fields["owner"].queryset = people.order_by("family_name", "given_name")


class MilestoneForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["title", "due", "reached_at"]
        widgets = {"due": DATE, "reached_at": DATE}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)


def result_kinds():
    """The content types a deliverable may link to, of the apps installed."""
    found = []
    for app_label, model in RESULT_KINDS:
        try:
            model_class = apps.get_model(app_label, model)
        except LookupError:
            continue
        found.append(ContentType.objects.get_for_model(model_class))
    return found


class DeliverableForm(VersionedFormMixin, forms.ModelForm):
    target_kind = forms.ModelChoiceField(
        label=_("Kind of result on this platform"),
        required=False,
        queryset=ContentType.objects.none(),
        empty_label=_("No result on this platform"),
    )
    target_key = forms.CharField(
        label=_("Web address or number of the result"),
        required=False,
        max_length=200,
        help_text=_("The last part of its address, e.g. “bildungsbericht-2024”, or its number."),
    )

    class Meta:
        model = Deliverable
        fields = ["title", "description", "due", "delivered_at", "url"]
        widgets = {
            "due": DATE,
            "delivered_at": DATE,
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        kinds = result_kinds()
        self.fields["target_kind"].queryset = ContentType.objects.filter(
            pk__in=[k.pk for k in kinds]
        )
        self.fields["target_kind"].label_from_instance = lambda ct: str(
            ct.model_class()._meta.verbose_name
        ).capitalize()
        if self.instance.target_type_id and not self.is_bound:
            self.initial["target_kind"] = self.instance.target_type_id
            target = self.instance.target
            self.initial["target_key"] = getattr(target, "slug", None) or self.instance.target_id
        self.target = ...  # unchanged unless the form says otherwise

    def clean(self):
        data = super().clean()
        kind, key = data.get("target_kind"), (data.get("target_key") or "").strip()
        if kind is None:
            self.target = None if not key else ...
            if key:
                self.add_error("target_kind", _("Choose the kind of result."))
            return data
        if not key:
            self.add_error("target_key", _("Name the result: its web address or number."))
            return data
        model = kind.model_class()
        lookup = Q(pk__in=[])
        if key.isdigit():
            lookup |= Q(pk=int(key))
        if any(f.name == "slug" for f in model._meta.fields):
            lookup |= Q(slug=key)
        found = model._default_manager.filter(lookup).first()
        hidden = found is not None and self.user is not None
        if found is None or (hidden and not self.user.has_perm(view_permission(found), found)):
            self.add_error("target_key", _("No such result was found."))
            return data
        self.target = found
        return data
