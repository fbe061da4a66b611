from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from actors.forms import TargetGroupFilterField, TopicFilterField
from actors.models import Organisation
from bildungsnetz.concurrency import VersionedFormMixin
from places.models import Level, Territory

from .models import Direction, ListingFormat, PartnerListing

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
M2M_FIELDS = ("topics", "target_groups", "languages", "cities")


def _cities():
    return Territory.objects.filter(level=Level.CITY)


class ListingFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    direction = forms.ChoiceField(
        label=_("Offers or seeks"),
        required=False,
        choices=[("", _("Offers and seeks")), *Direction.choices],
    )
    format = forms.ChoiceField(
        label=_("Format"), required=False, choices=[("", _("All formats")), *ListingFormat.choices]
    )
    city = forms.ModelChoiceField(
        label=_("City"),
        required=False,
        queryset=_cities(),
        empty_label=_("All cities"),
        to_field_name="code",
    )
    topic = TopicFilterField()
    target_group = TargetGroupFilterField()


class ListingForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = PartnerListing
        fields = ["direction", "format", "title_de", "title_en", "description_de",
                  "description_en", "topics", "target_groups", "languages", "cities",
                  "valid_until", "active"]  # fmt: skip
        widgets = {
            "direction": forms.RadioSelect,
            "description_de": forms.Textarea(attrs={"rows": 5}),
            "description_en": forms.Textarea(attrs={"rows": 5}),
            "topics": forms.CheckboxSelectMultiple,
            "target_groups": forms.CheckboxSelectMultiple,
            "languages": forms.CheckboxSelectMultiple,
            "valid_until": DATE,
        }
        labels = {
            "title_de": _("Title (German)"),
            "title_en": _("Title (English)"),
            "description_de": _("Description (German)"),
            "description_en": _("Description (English)"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title_de"].required = True
        self.fields["cities"].queryset = _cities().order_by("name")
        self.fields["cities"].help_text = _(
            "Leave empty for partners anywhere. Hold Ctrl (Cmd on a Mac) to choose several."
        )

    def data_and_relations(self) -> tuple[dict, dict]:
        data = {k: v for k, v in self.cleaned_data.items() if k not in M2M_FIELDS}
        return data, {k: self.cleaned_data[k] for k in M2M_FIELDS}


class OrganisationChoiceForm(forms.Form):
    """Which of the user's organisations to find partners for."""

    organisation = forms.ModelChoiceField(
        label=_("My organisation"), queryset=Organisation.objects.none(), to_field_name="slug"
    )

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisations is not None:
            self.fields["organisation"].queryset = organisations


class ContactRequestForm(forms.Form):
    from_organisation = forms.ModelChoiceField(
        label=_("On behalf of"), queryset=Organisation.objects.none(), empty_label=None
    )
    message = forms.CharField(
        label=_("Message"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Say who you are and what you have in mind. Your e-mail address is passed on only "
            "once the other side accepts."
        ),
    )

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisations is not None:
            self.fields["from_organisation"].queryset = organisations


class AnswerForm(forms.Form):
    note = forms.CharField(
        label=_("Note with your answer"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class OverviewFilterForm(forms.Form):
    city = forms.ModelChoiceField(
        label=_("City"),
        required=False,
        queryset=_cities(),
        empty_label=_("All cities"),
        to_field_name="code",
    )
