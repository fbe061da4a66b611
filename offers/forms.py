from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import RoleLevel
from accounts.scopes import organisations_with_role
from bildungsnetz.concurrency import VersionedFormMixin
from places.forms import territory_choice
from places.models import Level

from .models import Offer


class OfferForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Offer
        fields = [
            "provider", "title_de", "title_en", "description_de", "description_en", "kind",
            "format", "stage", "target_groups", "languages", "topics", "age_min", "age_max",
            "is_online", "street", "postcode", "locality", "district", "latitude", "longitude",
            "start_date", "end_date", "schedule", "cost", "price", "cost_note", "step_free",
            "sign_language", "easy_language", "induction_loop", "childcare",
            "registration_url", "contact_email", "is_public",
        ]  # fmt: skip
        widgets = {
            "target_groups": forms.CheckboxSelectMultiple,
            "languages": forms.CheckboxSelectMultiple,
            "topics": forms.CheckboxSelectMultiple,
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title_de"].required = True
        territory_choice(self.fields["district"], [Level.CITY, Level.MUNICIPALITY, Level.DISTRICT])
        if user is not None:
            # Those the rule offers.offer_for_organisation allows, as one queryset.
            self.fields["provider"].queryset = organisations_with_role(user, RoleLevel.EDITOR)


class SavedSearchForm(forms.Form):
    email = forms.EmailField(label=_("Your e-mail address"))
    query = forms.CharField(widget=forms.HiddenInput, required=False, max_length=1000)
