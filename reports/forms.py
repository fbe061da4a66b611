"""Forms of reports: the report, a section, a block (its parameters checked per kind), a review
comment and a workflow step."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from monitoring.models import Indicator
from places.models import Territory

from .models import BlockKind, Report, ReportStatus, Section

INDICATOR_BLOCKS = [
    (k.value, k.label) for k in (BlockKind.CHART, BlockKind.TABLE, BlockKind.KEY_FIGURE)
]


def _territory(key: str) -> Territory:
    try:
        return Territory.objects.get_by_key(key.strip())
    except Territory.DoesNotExist:
        raise forms.ValidationError(
            _("No territory has the key “%(key)s”."), params={"key": key}
        ) from None


def _keys(text: str) -> list[str]:
    return [k.strip() for k in (text or "").replace(";", ",").split(",") if k.strip()]


class ReportForm(forms.ModelForm):
    territory_key = forms.CharField(
        label=_("Territory (key)"), help_text=_("e.g. ags:16051000 for Erfurt"), max_length=60
    )
    comparison_keys = forms.CharField(
        label=_("Comparison territories (keys)"),
        help_text=_("Keys separated by commas, e.g. gkz:90001"),
        required=False,
    )

    class Meta:
        model = Report
        fields = ["title", "kind", "period", "languages", "summary"]

    def clean_territory_key(self):
        return _territory(self.cleaned_data["territory_key"])

    def clean_comparison_keys(self):
        return [_territory(k) for k in _keys(self.cleaned_data["comparison_keys"])]


class SectionForm(forms.ModelForm):
    class Meta:
        model = Section
        fields = ["chapter", "title", "body"]
        help_texts = {
            "body": _(
                "Live figures: {{ indicator:CODE territory:ags:16051000 period:2015 }} shows "
                "the number with its source."
            )
        }


class BlockForm(forms.Form):
    """A block of an indicator: which indicator, for which territories and periods; the
    parameters are stored as JSON only after this check."""

    kind = forms.ChoiceField(label=_("Kind"), choices=INDICATOR_BLOCKS)
    title = forms.CharField(label=_("Title"), max_length=300, required=False)
    indicator = forms.ChoiceField(label=_("Indicator"))
    territories = forms.CharField(
        label=_("Territories (keys)"),
        help_text=_("Empty: the report's territory and its comparison territories."),
        required=False,
    )
    periods = forms.CharField(
        label=_("Periods"),
        help_text=_("Separated by commas; empty: the latest periods up to the report's."),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].choices = list(
            Indicator.objects.public().order_by("name").values_list("code", "name")
        )

    def clean_territories(self):
        return [_territory(k).key for k in _keys(self.cleaned_data["territories"])]

    def clean_periods(self):
        periods = _keys(self.cleaned_data["periods"])
        if len(periods) > 20:
            raise forms.ValidationError(_("At most 20 periods."))
        return periods

    def block_data(self) -> dict:
        data = self.cleaned_data
        params = {"indicator": data["indicator"]}
        if data["territories"]:
            params["territories"] = data["territories"]
        if data["periods"]:
            params["periods"] = data["periods"]
        return {"kind": data["kind"], "title": data["title"], "params": params}


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}))


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=ReportStatus.choices)
