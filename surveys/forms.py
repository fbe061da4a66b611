"""Forms of survey authoring: instruments (German and English side by side), sections,
questions with their conditions, options, waves and quotas."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from actors.models import Organisation
from places.forms import TerritoryKeyField

from .models import Choice, ConditionOperator, Instrument, Question, SurveySection, Wave


def _split_codes(text: str) -> list[str]:
    return [part.strip() for part in (text or "").replace(";", ",").split(",") if part.strip()]


class InstrumentFilterForm(forms.Form):
    q = forms.CharField(label=_("Title or code"), required=False, max_length=200)
    territory = TerritoryKeyField(
        label=_("Territory (key)"), required=False, help_text=_("e.g. ags:16051000")
    )


class InstrumentCreateForm(forms.ModelForm):
    territory_key = TerritoryKeyField(
        label=_("Territory (key)"), help_text=_("e.g. ags:16051000 for Erfurt")
    )

    class Meta:
        model = Instrument
        fields = ["code", "title_de", "title_en", "description_de", "description_en"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title_de"].required = True

    def instrument_data(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["territory"] = self.cleaned_data["territory_key"]
        return data


class InstrumentTextsForm(forms.ModelForm):
    """The instrument's texts, German and English side by side."""

    class Meta:
        model = Instrument
        fields = ["title_de", "title_en", "description_de", "description_en"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title_de"].required = True


class NewVersionForm(forms.Form):
    note = forms.CharField(
        label=_("What changes in the new version"), max_length=500, widget=forms.Textarea
    )


class SectionForm(forms.ModelForm):
    class Meta:
        model = SurveySection
        fields = ["title_de", "title_en", "description_de", "description_en"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title_de"].required = True


class QuestionForm(forms.ModelForm):
    condition_codes = forms.CharField(
        label=_("Condition values"),
        required=False,
        max_length=200,
        help_text=_("Codes of the condition question's options (e.g. 1, 2) or a number."),
    )

    class Meta:
        model = Question
        fields = [
            "section", "code", "kind", "text_de", "text_en", "help_text_de", "help_text_en",
            "required", "min_value", "max_value", "max_length",
            "condition_question", "condition_operator",
        ]  # fmt: skip

    def __init__(self, *args, version, **kwargs):
        super().__init__(*args, **kwargs)
        self.version = version
        self.fields["text_de"].required = True
        self.fields["section"].queryset = version.sections.all()
        self.fields["section"].empty_label = None
        earlier = version.questions.all()
        if self.instance.pk:
            earlier = earlier.exclude(pk=self.instance.pk)
            self.fields["condition_codes"].initial = ", ".join(
                str(v) for v in self.instance.condition_values
            )
        self.fields["condition_question"].queryset = earlier
        self.fields["condition_operator"].choices = [("", "–"), *ConditionOperator.choices]

    def clean(self):
        data = super().clean()
        low, high = data.get("min_value"), data.get("max_value")
        if low is not None and high is not None and low > high:
            self.add_error("max_value", _("The largest number is smaller than the smallest."))
        return data

    def question_data(self) -> dict:
        data = {name: self.cleaned_data.get(name) for name in self.Meta.fields}
        data["condition_operator"] = data["condition_operator"] or ""
        data["condition_values"] = _split_codes(self.cleaned_data.get("condition_codes", ""))
        return data


class ChoiceForm(forms.ModelForm):
    class Meta:
        model = Choice
        fields = ["role", "code", "label_de", "label_en", "is_missing"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["label_de"].required = True

    def validate_unique(self):
        """Unique codes are checked by the service (the question is not on the form)."""

    def choice_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class WaveForm(forms.ModelForm):
    territory_key = TerritoryKeyField(
        label=_("City or region (key)"), help_text=_("e.g. ags:16051000 for Erfurt")
    )
    organisation_slug = forms.SlugField(
        label=_("Organisation (web address in the directory)"),
        required=False,
        help_text=_("Only if one organisation runs the wave, e.g. a school."),
    )
    coordinator_emails = forms.CharField(
        label=_("Coordinators (e-mail addresses of accounts)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Separated by commas; they run the wave and may export its raw answers."),
    )

    class Meta:
        model = Wave
        fields = [
            "title", "version", "period", "opens", "closes", "population", "population_size",
            "access", "links_waves", "panel_consent_text",
        ]  # fmt: skip
        widgets = {
            "opens": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "closes": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, versions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].queryset = versions
        self.fields["version"].empty_label = None
        if self.instance.pk:
            self.fields["territory_key"].initial = self.instance.territory.key
            if self.instance.organisation:
                self.fields["organisation_slug"].initial = self.instance.organisation.slug
            self.fields["coordinator_emails"].initial = ", ".join(
                self.instance.coordinators.values_list("email", flat=True)
            )

    def clean_organisation_slug(self):
        slug = self.cleaned_data["organisation_slug"]
        if not slug:
            return None
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is None:
            raise forms.ValidationError(
                _("No organisation has the web address %(slug)s."), params={"slug": slug}
            )
        return organisation

    def clean_coordinator_emails(self):
        addresses = _split_codes(self.cleaned_data["coordinator_emails"])
        users = list(User.objects.filter(email__in=addresses))
        found = {u.email.lower() for u in users}
        missing = [a for a in addresses if a.lower() not in found]
        if missing:
            raise forms.ValidationError(
                _("No account has the address %(list)s."), params={"list": ", ".join(missing)}
            )
        return users

    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens"), data.get("closes")
        if opens and closes and closes < opens:
            self.add_error("closes", _("The wave closes before it opens."))
        if data.get("links_waves") and not (data.get("panel_consent_text") or "").strip():
            self.add_error(
                "panel_consent_text", _("A panel needs the text respondents consent to.")
            )
        return data

    def wave_data(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["territory"] = self.cleaned_data["territory_key"]
        data["organisation"] = self.cleaned_data.get("organisation_slug")
        return data


class QuotaForm(forms.Form):
    choice = forms.ModelChoiceField(label=_("Answer option"), queryset=Choice.objects.none())
    limit = forms.IntegerField(label=_("At most (complete responses)"), min_value=1)

    def __init__(self, *args, wave, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["choice"]
        field.queryset = (
            Choice.objects.filter(
                question__version=wave.version,
                question__kind__in=["single", "likert"],
                role=Choice.Role.OPTION,
            )
            .exclude(pk__in=wave.quotas.values("choice"))
            .select_related("question")
            .order_by("question__section__order", "question__order", "order")
        )
        field.label_from_instance = lambda c: f"{c.question.code} = {c.code} ({c.label})"
