from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import RoleLevel
from accounts.scopes import organisations_with_role, territories_with_role
from actors.models import Organisation, Person, TargetGroup, Topic
from actors.privacy import people_visible_to
from bildungsnetz.concurrency import VersionedFormMixin
from bildungsnetz.uploads import UploadValidator
from cooperation.models import Agreement, Goal, Project
from events.models import Event
from monitoring.models import Indicator
from offers.models import Stage
from places.models import Level, Territory, within_q
from programme.models import Programme, WorkPackage

from .models import Entry, EntryKind, EntryStatus, EvidenceKind, Lesson, Section

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
YES = "yes"


# --- Filters (the list's facets) ------------------------------------------------------------
class EntryFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *EntryKind.choices]
    )
    topic = forms.ModelChoiceField(
        label=_("Topic"), required=False, queryset=Topic.objects.all(), to_field_name="slug"
    )
    city = forms.ModelChoiceField(
        label=_("City"), required=False, queryset=Territory.objects.all(), to_field_name="pk"
    )
    target_group = forms.ModelChoiceField(
        label=_("Target group"), required=False, queryset=TargetGroup.objects.all(),
        to_field_name="slug",
    )  # fmt: skip
    stage = forms.ChoiceField(
        label=_("Stage of education"), required=False,
        choices=[("", _("All stages")), *Stage.choices],
    )  # fmt: skip
    lesson = forms.ChoiceField(
        label=_("Lesson"), required=False, choices=[("", _("All lessons")), *Lesson.choices]
    )
    evidence = forms.ChoiceField(
        label=_("Evidence"), required=False,
        choices=[("", _("With or without")), (YES, _("With evidence"))],
    )  # fmt: skip
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All statuses")), *EntryStatus.choices]
    )
    overdue = forms.BooleanField(label=_("Only entries past their review date"), required=False)


# --- Editing --------------------------------------------------------------------------------
class EntryForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Entry
        fields = [
            "kind", "title_de", "title_en", "summary_de", "summary_en", "lesson", "context",
            "approach", "results", "failures", "transferability", "resources_staff",
            "resources_money", "resources_time", "authors", "publisher", "published_on",
            "in_progress", "licence", "territory", "organisations", "contact", "topics",
            "target_groups", "stage", "projects", "goals", "events", "work_packages",
            "indicators", "source", "source_url", "review_due", "is_public",
        ]  # fmt: skip
        widgets = {
            "published_on": DATE,
            "review_due": DATE,
            "topics": forms.CheckboxSelectMultiple,
            "target_groups": forms.CheckboxSelectMultiple,
            **{name: forms.Textarea(attrs={"rows": 4}) for name in (
                "summary_de", "summary_en", "context", "approach", "results", "failures",
                "transferability")},
        }  # fmt: skip

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title_de"].required = True
        self.fields["territory"].queryset = Territory.objects.filter(level=Level.CITY)
        instance = self.instance
        if user is not None:
            # A new entry belongs to a city or organisation the user edits for.
            territories = territories_with_role(user, RoleLevel.EDITOR)
            keep_t = Q(pk=instance.territory_id) if instance.territory_id else Q(pk=None)
            if territories is not None:
                self.fields["territory"].queryset = Territory.objects.filter(
                    (Q(level=Level.CITY) & within_q("", territories)) | keep_t
                )
            kept = list(instance.organisations.values_list("pk", flat=True)) if instance.pk else []
            self.fields["organisations"].queryset = Organisation.objects.filter(
                Q(pk__in=organisations_with_role(user, RoleLevel.EDITOR).values("pk"))
                | Q(is_public=True)
                | Q(pk__in=kept)
            ).order_by("name_de")
            people = people_visible_to(user, "name", Person.objects.filter(erased_at__isnull=True))
            if instance.contact_id:
                people = Person.objects.filter(
                    Q(pk__in=people.values("pk")) | Q(pk=instance.contact_id)
                )
            self.fields["contact"].queryset = people.order_by("family_name", "given_name")
            self._offer_visible_links(user)

    def _offer_visible_links(self, user) -> None:
        """Links only to what the user may see (and what the entry links to already)."""
        instance = self.instance
        agreements = Agreement.objects.visible_to(user)
        programmes = Programme.objects.visible_to(user)
        visible = {
            "projects": Project.objects.visible_to(user),
            "goals": Goal.objects.filter(agreement__in=agreements).select_related("agreement"),
            "events": Event.objects.public(),
            "work_packages": WorkPackage.objects.filter(programme__in=programmes)
            .select_related("programme"),
            "indicators": Indicator.objects.visible_to(user),
        }  # fmt: skip
        for name, queryset in visible.items():
            kept = list(getattr(instance, name).values_list("pk", flat=True)) if instance.pk else []
            model = queryset.model
            self.fields[name].queryset = model.objects.filter(
                Q(pk__in=queryset.values("pk")) | Q(pk__in=kept)
            )
        self.fields["goals"].queryset = self.fields["goals"].queryset.select_related("agreement")
        self.fields["work_packages"].queryset = self.fields[
            "work_packages"
        ].queryset.select_related("programme")
        self.fields["goals"].label_from_instance = lambda g: f"{g.agreement.title} – {g}"
        self.fields["work_packages"].label_from_instance = lambda p: f"{p.programme} – {p}"


class EvidenceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of evidence"), choices=EvidenceKind.choices)
    # A row without a label is left out (an empty extra row), unless it has an address.
    label = forms.CharField(label=_("What it is"), max_length=300, required=False)
    url = forms.URLField(label=_("Address"), max_length=500, required=False)

    def clean(self):
        data = super().clean()
        if data.get("url") and not (data.get("label") or "").strip():
            self.add_error("label", _("Say what the address leads to."))
        return data


EvidenceFormSet = forms.formset_factory(EvidenceForm, extra=1, can_delete=True)


class CommentForm(forms.Form):
    section = forms.ChoiceField(label=_("Section"), choices=Section.choices)
    text = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}))


class TransitionForm(forms.Form):
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class AttachmentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    file = forms.FileField(
        label=_("File (PDF)"), validators=[UploadValidator({"pdf"})],
        help_text=_("Its text is read for the search."),
    )  # fmt: skip
    licence = forms.CharField(label=_("Licence"), max_length=200, required=False)
