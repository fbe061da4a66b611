from django import forms
from django.utils.translation import gettext_lazy as _

from places.models import Level, Territory

from .registry import sources


class GlobalSearchForm(forms.Form):
    q = forms.CharField(label=_("Search words"), required=False, max_length=200)
    kind = forms.MultipleChoiceField(
        label=_("Show"), required=False, widget=forms.CheckboxSelectMultiple
    )
    city = forms.ModelChoiceField(
        label=_("City"),
        required=False,
        queryset=Territory.objects.filter(level=Level.CITY),
        empty_label=_("All cities"),
        to_field_name="code",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k, s.label) for k, s in sources().items()]
