"""Forms of the minutes: the text, agenda items, decisions, action items, review (invitations,
amendments, accepting and rejecting them), the task button, and the filters of the compiled
decisions and the open items."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from actors.models import Person
from actors.privacy import people_visible_to
from bildungsnetz.concurrency import TOKEN_FIELD, Expected, VersionedFormMixin, version_token
from programme.models import WorkPackage

from .models import (
    ActionItem,
    ActionStatus,
    AgendaItem,
    AmendmentPart,
    Decision,
    Minutes,
    Series,
    WorkingGroup,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _people(user, current=None):
    """Names the user could see anyway (actors.privacy), plus the current owner."""
    people = people_visible_to(user, "name", Person.objects.active())
    if current is not None:
        people = people | Person.objects.filter(pk=current.pk)
    return people.distinct().order_by("family_name", "given_name", "pk")


class MinutesForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Minutes
        fields = ["attendees", "body"]
        widgets = {
            "attendees": forms.Textarea(attrs={"rows": 3}),
            "body": forms.Textarea(attrs={"rows": 14}),
        }
        help_texts = {"body": _("Formatting: paragraphs, lists, bold, links (HTML is cleaned).")}


class AgendaItemForm(forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["title", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 4})}


class DecisionForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Decision
        fields = ["text", "vote_result", "agenda_item"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, minutes: Minutes, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["agenda_item"]
        field.queryset = minutes.agenda_items.order_by("number")
        field.empty_label = _("No agenda item")


class OwnerDueForm(forms.Form):
    """Owner (a person of the directory, or oneself) and due date of an action item."""

    owner_person = forms.ModelChoiceField(
        label=_("Owner"), required=False, queryset=Person.objects.none(),
        empty_label=_("Nobody yet"),
    )  # fmt: skip
    owner_self = forms.BooleanField(label=_("I take this on myself"), required=False)
    due = forms.DateField(label=_("Due"), required=False, widget=DATE)

    def __init__(self, *args, user, current=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_person"].queryset = _people(user, current)
        self.user = user

    def clean(self):
        data = super().clean()
        if data.get("owner_self") and data.get("owner_person"):
            raise forms.ValidationError(_("Choose a person or yourself, not both."))
        return data

    @property
    def owner(self):
        if self.cleaned_data.get("owner_self"):
            return self.user
        return self.cleaned_data.get("owner_person")


class ActionItemForm(OwnerDueForm):
    text = forms.CharField(label=_("Action item"), widget=forms.Textarea(attrs={"rows": 3}))
    decision = forms.ModelChoiceField(
        label=_("From decision"), required=False, queryset=Decision.objects.none(),
        empty_label=_("No decision"),
    )  # fmt: skip
    field_order = ["text", "owner_person", "owner_self", "due", "decision"]
    # What an edit may change: a second editor's save in between is a conflict.
    VERSION_FIELDS = ("text", "owner_person", "owner_user", "due", "decision")

    def __init__(self, *args, minutes: Minutes, item: ActionItem | None = None, **kwargs):
        if item is not None:  # shown when unbound; a bound form keeps its input
            kwargs["initial"] = {
                "text": item.text, "owner_person": item.owner_person_id, "due": item.due,
                "decision": item.decision_id,
                "owner_self": item.owner_user_id is not None
                and item.owner_user_id == kwargs["user"].pk,
                TOKEN_FIELD: version_token(item, self.VERSION_FIELDS),
            }  # fmt: skip
        self.item = item
        super().__init__(*args, current=item.owner_person if item else None, **kwargs)
        self.fields["decision"].queryset = minutes.decisions.order_by("number")
        self.fields[TOKEN_FIELD] = forms.CharField(widget=forms.HiddenInput, required=False)

    @property
    def expected_version(self) -> Expected | None:
        token = (self.cleaned_data.get(TOKEN_FIELD) or "").strip()
        return Expected((token,), self.VERSION_FIELDS) if token else None

    def data_for_service(self) -> dict:
        data = {k: self.cleaned_data[k] for k in ("text", "due", "decision")}
        owner = self.owner
        # Another account owning the item is not among the choices: it stays unless replaced.
        other_account = (
            self.item is not None
            and self.item.owner_user_id is not None
            and self.item.owner_user_id != self.user.pk
        )
        if owner is not None or not other_account:
            data["owner"] = owner
        return data


class ToTaskForm(forms.Form):
    package = forms.ModelChoiceField(
        label=_("Work package"), queryset=WorkPackage.objects.none(),
        empty_label=_("Choose a work package"),
    )  # fmt: skip

    def __init__(self, *args, packages, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["package"]
        field.queryset = WorkPackage.objects.filter(pk__in=[p.pk for p in packages])
        labels = {p.pk: f"{p.number} {p.title} ({p.programme.title})" for p in packages}
        field.label_from_instance = lambda package: labels.get(package.pk, str(package))


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)


class InvitationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("E-mail"))


class AmendmentForm(forms.Form):
    """Which part of the minutes, and the wording proposed for it."""

    part = forms.ChoiceField(label=_("Part of the minutes"))
    text = forms.CharField(
        label=_("Proposed wording"), widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("How the part should read. For the text of the minutes, quote the passage "
                    "and your wording."),
    )  # fmt: skip
    reason = forms.CharField(
        label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, minutes: Minutes, **kwargs):
        super().__init__(*args, **kwargs)
        self.targets = {"body": None}
        choices = [("body", str(AmendmentPart.BODY.label))]
        for kind, rows, label in (
            (AmendmentPart.AGENDA, minutes.agenda_items.order_by("number"), _("Agenda item")),
            (
                AmendmentPart.DECISION,
                minutes.decisions.order_by("number"),
                pgettext_lazy("minutes", "Decision"),
            ),
            (AmendmentPart.ACTION, minutes.action_items.order_by("number"), _("Action item")),
        ):
            for row in rows:
                key = f"{kind}-{row.pk}"
                self.targets[key] = row
                text = row.title if kind == AmendmentPart.AGENDA else row.text
                short = text if len(text) <= 60 else text[:59] + "…"
                choices.append((key, f"{label} {row.number}: {short}"))
        self.fields["part"].choices = choices

    def data_for_service(self) -> dict:
        key = self.cleaned_data["part"]
        return {
            "part": key.split("-")[0],
            "target": self.targets.get(key),
            "text": self.cleaned_data["text"],
            "reason": self.cleaned_data["reason"],
        }


class AcceptForm(forms.Form):
    text = forms.CharField(
        label=_("Wording to apply"), widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("The amendment's wording; adjust it before applying if needed."),
    )  # fmt: skip


class RejectForm(forms.Form):
    response = forms.CharField(
        label=_("Reason for the rejection"), widget=forms.Textarea(attrs={"rows": 2})
    )


# --- Filters --------------------------------------------------------------------------------
class DecisionFilterForm(forms.Form):
    q = forms.CharField(label=_("Words"), required=False, max_length=200)
    group = forms.ModelChoiceField(
        label=_("Working group"), required=False, queryset=WorkingGroup.objects.all(),
        empty_label=_("All working groups"), to_field_name="slug",
    )  # fmt: skip
    series = forms.ModelChoiceField(
        label=_("Series"), required=False, queryset=Series.objects.all(),
        empty_label=_("All series"), to_field_name="slug",
    )  # fmt: skip
    start = forms.DateField(label=_("From"), required=False, widget=DATE)
    end = forms.DateField(label=_("Until"), required=False, widget=DATE)
    approved_only = forms.BooleanField(label=_("Approved minutes only"), required=False)

    def __init__(self, *args, groups=None, series=None, **kwargs):
        super().__init__(*args, **kwargs)
        if groups is not None:
            self.fields["group"].queryset = groups
        if series is not None:
            self.fields["series"].queryset = series

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("The end cannot be before the start."))
        return data


class OpenItemsFilterForm(forms.Form):
    verantwortlich = forms.CharField(label=_("Owner"), required=False, widget=forms.HiddenInput)
    group = forms.ModelChoiceField(
        label=_("Working group"), required=False, queryset=WorkingGroup.objects.all(),
        empty_label=_("All working groups"), to_field_name="slug",
    )  # fmt: skip

    def __init__(self, *args, groups=None, **kwargs):
        super().__init__(*args, **kwargs)
        if groups is not None:
            self.fields["group"].queryset = groups

    def clean_verantwortlich(self):
        value = (self.cleaned_data.get("verantwortlich") or "").strip()
        if value and value != "ich" and not value.isdigit():
            raise forms.ValidationError(_("Unknown owner."))
        return value
