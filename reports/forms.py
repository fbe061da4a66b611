"""Forms of reports: the report, a section, a block (its parameters checked per kind), a review
comment and a workflow step."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from bildungsnetz.concurrency import VersionedFormMixin
from monitoring.models import Indicator
from monitoring.spatial import SERIES
from places.forms import territory_choice
from places.models import Level, Territory

from . import blocks_more, blocks_survey
from .models import BlockKind, Report, ReportKind, ReportStatus, Section


def _territory(key: str) -> Territory:
    try:
        return Territory.objects.get_by_key(key.strip())
    except Territory.DoesNotExist:
        raise forms.ValidationError(
            _("No territory has the key “%(key)s”."), params={"key": key}
        ) from None


def _keys(text: str) -> list[str]:
    return [k.strip() for k in (text or "").replace(";", ",").split(",") if k.strip()]


class ReportForm(VersionedFormMixin, forms.ModelForm):
    """A report's frame: its texts in German (required) and English (for the English edition),
    its type, territory, reference period and comparison territories."""

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
        fields = ["title_de", "title_en", "kind", "period", "languages", "summary_de", "summary_en"]
        help_texts = {
            "title_en": _("Needed for the English edition, with every section's English text."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title_de"].required = True
        if self.instance.pk is not None:
            self.fields["territory_key"].initial = self.instance.territory.key
            self.fields["comparison_keys"].initial = ", ".join(
                t.key for t in self.instance.comparison_territories.all()
            )

    def clean_territory_key(self):
        return _territory(self.cleaned_data["territory_key"])

    def clean_comparison_keys(self):
        return [_territory(k) for k in _keys(self.cleaned_data["comparison_keys"])]

    def report_data(self) -> tuple[dict, list]:
        """(field values, comparison territories) for the services."""
        data = dict(self.cleaned_data)
        comparisons = data.pop("comparison_keys")
        data["territory"] = data.pop("territory_key")
        return data, comparisons


class SectionForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Section
        fields = ["chapter", "title_de", "title_en", "body_de", "body_en"]
        help_texts = {
            "body_de": _(
                "Live figures: {{ indicator:CODE territory:ags:16051000 period:2015 }} shows "
                "the number with its source."
            ),
            "body_en": _("The English edition shows this text; the same placeholders work."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title_de"].required = True


INDICATOR_KINDS = (BlockKind.CHART, BlockKind.TABLE, BlockKind.KEY_FIGURE, BlockKind.MAP)
# Kinds whose territories (and, but for segregation, periods) the block may name.
TERRITORY_KINDS = (BlockKind.CHART, BlockKind.TABLE, BlockKind.KEY_FIGURE, BlockKind.SEGREGATION)


def _blank(choices) -> list[tuple[str, str]]:
    return [("", "—"), *choices]


class BlockForm(forms.Form):
    """A block of a section: its kind and the parameters that kind needs (an indicator, a
    segregation series, an agreement, a work programme, a map's level), checked per kind; the
    parameters are stored as JSON only after this check."""

    kind = forms.ChoiceField(label=_("Kind"), choices=BlockKind.choices)
    title = forms.CharField(label=_("Title"), max_length=300, required=False)
    indicator = forms.ChoiceField(
        label=_("Indicator"),
        required=False,
        help_text=_("For a chart, table, key figure or map."),
    )
    territories = forms.CharField(
        label=_("Territories (keys)"),
        help_text=_(
            "Charts, tables, key figures and segregation: empty means the report's territory "
            "and its comparison territories."
        ),
        required=False,
    )
    periods = forms.CharField(
        label=_("Periods"),
        help_text=_("Separated by commas; empty: the latest periods up to the report's."),
        required=False,
    )
    level = forms.ChoiceField(
        label=_("Level of the map"),
        required=False,
        choices=_blank(Level.choices),
        help_text=_("For a map: the sub-areas of the report's territory it shows."),
    )
    period = forms.CharField(
        label=_("Period of the map"),
        max_length=20,
        required=False,
        help_text=_("For a map; empty: the latest period up to the report's."),
    )
    series = forms.ChoiceField(
        label=_("Segregation series"),
        required=False,
        choices=_blank([(s.code, s.title) for s in SERIES]),
        help_text=_("For a segregation block."),
    )
    agreement = forms.ChoiceField(
        label=_("Agreement"),
        required=False,
        help_text=_(
            "For goal progress. Only public agreements can be chosen: a published report is public."
        ),
    )
    programme = forms.ChoiceField(
        label=_("Work programme"),
        required=False,
        help_text=_(
            "For a work-programme status. Only public work programmes can be chosen: a "
            "published report is public."
        ),
    )

    waves = forms.MultipleChoiceField(
        label=_("Survey waves"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "For survey results, side by side. Only waves whose results are public can be "
            "chosen: a published report is public."
        ),
    )
    question = forms.CharField(
        label=_("Question (code)"),
        max_length=40,
        required=False,
        help_text=_("For survey results: the question's code, e.g. TH05a."),
    )

    # What each kind needs: field → error when it is missing.
    REQUIRED = {
        BlockKind.CHART: {"indicator": _("A chart needs an indicator.")},
        BlockKind.TABLE: {"indicator": _("A table needs an indicator.")},
        BlockKind.KEY_FIGURE: {"indicator": _("A key figure needs an indicator.")},
        BlockKind.MAP: {
            "indicator": _("A map needs an indicator."),
            "level": _("A map needs a level: which sub-areas it shows."),
        },
        BlockKind.SEGREGATION: {"series": _("A segregation block needs a series.")},
        BlockKind.GOAL_PROGRESS: {"agreement": _("A goal-progress block needs an agreement.")},
        BlockKind.PROGRAMME_STATUS: {
            "programme": _("A work-programme status needs a work programme.")
        },
        BlockKind.SURVEY: {
            "waves": _("Survey results need at least one wave."),
            "question": _("Survey results need a question code."),
        },
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].choices = _blank(
            Indicator.objects.public().order_by("name").values_list("code", "name")
        )
        self.fields["agreement"].choices = _blank(
            blocks_more.public_agreements().order_by("title").values_list("slug", "title")
        )
        self.fields["programme"].choices = _blank(
            blocks_more.public_programmes().order_by("title").values_list("slug", "title")
        )
        self.fields["waves"].choices = [
            (wave.slug, f"{wave.title} ({wave.territory.name}, {wave.period})")
            for wave in blocks_survey.public_waves()
        ]

    def clean_territories(self):
        return [_territory(k).key for k in _keys(self.cleaned_data["territories"])]

    def clean_periods(self):
        periods = _keys(self.cleaned_data["periods"])
        if len(periods) > 20:
            raise forms.ValidationError(_("At most 20 periods."))
        return periods

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        for field, message in self.REQUIRED.get(kind, {}).items():
            if not data.get(field) and field not in self.errors:
                self.add_error(field, message)
        return data

    def block_data(self) -> dict:
        data = self.cleaned_data
        kind = data["kind"]
        params: dict = {}
        if kind in INDICATOR_KINDS:
            params["indicator"] = data["indicator"]
        if kind in TERRITORY_KINDS and data["territories"]:
            params["territories"] = data["territories"]
        if kind in TERRITORY_KINDS and kind != BlockKind.SEGREGATION and data["periods"]:
            params["periods"] = data["periods"]
        if kind == BlockKind.MAP:
            params["level"] = data["level"]
            if data["period"].strip():
                params["period"] = data["period"].strip()
        if kind == BlockKind.SURVEY:
            params["waves"] = data["waves"]
            params["question"] = data["question"].strip()
        named = {
            BlockKind.SEGREGATION: "series",
            BlockKind.GOAL_PROGRESS: "agreement",
            BlockKind.PROGRAMME_STATUS: "programme",
        }
        if kind in named:
            params[named[kind]] = data[named[kind]]
        return {"kind": kind, "title": data["title"], "params": params}


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}))


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=ReportStatus.choices)


class ReportFilterForm(forms.Form):
    """The filters of the report list: words, type, status, territory (with its districts),
    reference period."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    kind = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("All types")), *ReportKind.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All statuses")), *ReportStatus.choices]
    )
    territory = forms.ModelChoiceField(
        label=_("Territory"),
        required=False,
        queryset=Territory.objects.none(),
        empty_label=_("All territories"),
        help_text=_("Reports of the territory and of its districts."),
    )
    period = forms.CharField(label=_("Reference period"), required=False, max_length=20)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only territories that have a report: the list never offers an empty choice.
        territory_choice(self.fields["territory"], Level.values)
        self.fields["territory"].queryset = self.fields["territory"].queryset.filter(
            pk__in=Report.objects.values("territory")
        )
