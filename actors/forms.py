from django import forms
from django.utils.translation import gettext_lazy as _

from bildungsnetz.concurrency import VersionedFormMixin
from places.forms import territory_choice
from places.models import Level, Territory

from .models import Language, Organisation, OrganisationKind, TargetGroup, Topic


class TopicFilterField(forms.ModelChoiceField):
    """A list filter by topic, named by its key in the address (`?topic=sprache`)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Topic"))
        super().__init__(
            queryset=Topic.objects.all(),
            required=False,
            empty_label=_("All topics"),
            to_field_name="slug",
            **kwargs,
        )


class TargetGroupFilterField(forms.ModelChoiceField):
    """A list filter by target group, named by its key in the address."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Target group"))
        super().__init__(
            queryset=TargetGroup.objects.all(),
            required=False,
            empty_label=_("All target groups"),
            to_field_name="slug",
            **kwargs,
        )


class OrganisationFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *OrganisationKind.choices]
    )
    city = forms.ModelChoiceField(
        label=_("City"),
        required=False,
        queryset=Territory.objects.filter(level=Level.CITY),
        empty_label=_("All cities"),
        to_field_name="code",
    )
    topic = TopicFilterField()
    language = forms.ModelChoiceField(
        label=_("Language"),
        required=False,
        queryset=Language.objects.all(),
        empty_label=_("All languages"),
        to_field_name="code",
    )


class OrganisationForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Organisation
        fields = [
            "name_de",
            "name_en",
            "short_name",
            "kind",
            "parent",
            "seat",
            "street",
            "postcode",
            "locality",
            "website",
            "email",
            "phone",
            "topics",
            "languages",
            "target_groups",
            "description_de",
            "description_en",
            "is_public",
        ]
        widgets = {
            "topics": forms.CheckboxSelectMultiple,
            "languages": forms.CheckboxSelectMultiple,
            "target_groups": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name_de"].required = True
        territory_choice(
            self.fields["seat"], [Level.CITY, Level.MUNICIPALITY, Level.DISTRICT, Level.COUNTY]
        )


class RegistrationForm(forms.ModelForm):
    """An organisation registers itself; a coordinator of its seat verifies it."""

    not_a_duplicate = forms.BooleanField(
        label=_("It is a different organisation: register it anyway"), required=False
    )

    class Meta:
        model = Organisation
        fields = [
            "name_de",
            "kind",
            "seat",
            "street",
            "postcode",
            "locality",
            "website",
            "email",
            "phone",
            "description_de",
            "topics",
        ]
        labels = {"name_de": _("Name"), "description_de": _("Description")}
        widgets = {"topics": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name_de"].required = True
        territory_choice(self.fields["seat"], [Level.CITY, Level.MUNICIPALITY, Level.DISTRICT])
        self.fields["seat"].help_text = _("The city or district where it is based.")


class RejectionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the rejection"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("The person who registered the organisation receives it by e-mail."),
    )
