from django import forms
from django.utils.translation import gettext_lazy as _

from bildungsnetz.uploads import UploadValidator
from places.forms import TerritoryKeysField

from .import_messages import import_message
from .licences import licence_lookup
from .models import Dataset, SavedMapping
from .parsers.common import ParseError
from .parsers.mapped import ColumnMapping


class ImportForm(forms.Form):
    # Size, real content and, for a ZIP or XLSX, what it unpacks to are checked before the
    # file is stored (`import_files` names every limit).
    file = forms.FileField(
        label=_("File"),
        help_text=_("GENESIS flat file (ffcsv), classic GENESIS CSV, Vienna OGD CSV, a ZIP of "
                    "these, or a CSV/XLSX with a saved column mapping."),
        validators=[UploadValidator({"csv", "zip", "xlsx"})],
    )  # fmt: skip
    mapping = forms.ModelChoiceField(
        label=_("Column mapping"),
        queryset=SavedMapping.objects.all(),
        required=False,
        empty_label=_("none (official format)"),
    )
    table_code = forms.RegexField(
        label=_("Table code"),
        regex=r"^[A-Za-z0-9][A-Za-z0-9._-]*$",
        max_length=100,
        required=False,
        help_text=_(
            "Leave empty to import under the code in the file. Enter a code of your own to "
            "import your figures as a table of your own, e.g. erfurt-schulabgaenger-2024 "
            "(letters, digits, dots, hyphens and underscores)."
        ),
        error_messages={
            "invalid": _("Use letters, digits, dots, hyphens and underscores only (no spaces).")
        },
    )
    dry_run = forms.BooleanField(
        label=_("Dry run: check and count only, write nothing"), required=False, initial=True
    )


def _columns(text: str) -> list[str]:
    return [c.strip() for c in text.split(",") if c.strip()]


class MappingForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    region_key = forms.CharField(label=_("Column with the regional key"), required=False)
    region_label = forms.CharField(label=_("Column with the region name"), required=False)
    period = forms.CharField(label=_("Column with the period"), required=False)
    fixed_period = forms.CharField(
        label=_("Fixed period (when the file has no period column)"), required=False
    )
    measures = forms.CharField(label=_("Value columns (comma-separated)"))
    dimensions = forms.CharField(label=_("Breakdown columns (comma-separated)"), required=False)
    sep = forms.CharField(label=_("Separator"), initial=";", max_length=3)
    decimal = forms.ChoiceField(label=_("Decimal mark"), choices=[(",", ","), (".", ".")])
    dataset_code = forms.CharField(label=_("Table code"), max_length=100)
    title = forms.CharField(label=_("Title"), max_length=500)
    source = forms.CharField(label=_("Source"), max_length=300)
    licence = forms.CharField(label=_("Licence"), max_length=200, required=False)

    def clean_name(self):
        name = self.cleaned_data["name"]
        if SavedMapping.objects.filter(name=name).exists():
            raise forms.ValidationError(_("A mapping with this name exists."))
        return name

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        mapping = {
            "region_key": data["region_key"] or None,
            "region_label": data["region_label"] or None,
            "period": data["period"] or None,
            "fixed_period": data["fixed_period"] or None,
            "measures": _columns(data["measures"]),
            "dimensions": _columns(data.get("dimensions", "")),
            "sep": data["sep"],
            "decimal": data["decimal"],
            "dataset_code": data["dataset_code"],
            "title": data["title"],
            "source": data["source"],
            "licence": data["licence"],
        }
        try:
            ColumnMapping.from_dict(mapping).validate()
        except ParseError as exc:
            raise forms.ValidationError(import_message(exc.code, exc.params)) from exc
        data["mapping"] = mapping
        return data


class DatasetProvenanceForm(forms.ModelForm):
    """Where a table comes from and under which licence, for what its file does not say.

    A licence the registry knows (by name, short id, deed URL or IRI) gets its own name, deed
    URL and DCAT-AP.de IRI, so the three never disagree; another licence keeps what is typed.
    """

    class Meta:
        model = Dataset
        fields = [
            "code", "title", "source", "publisher", "licence", "licence_url", "licence_iri",
            "stand", "retrieved_at", "notes", "is_public", "is_official", "is_demo",
        ]  # fmt: skip
        help_texts = {
            "source": _("The database or publication, e.g. Regionaldatenbank Deutschland."),
            "publisher": _("Who publishes the data, as the licence asks to name them."),
            "licence": _(
                "A known licence (e.g. dl-de/by-2-0, CC BY 4.0, CC BY 3.0 DE) fills in its URL "
                "and DCAT-AP.de IRI."
            ),
            "retrieved_at": _("When the data was taken from the source (not its Stand)."),
        }

    def clean(self):
        data = super().clean()
        text = data.get("licence") or ""
        known = licence_lookup(text) or (
            None if text else licence_lookup(data.get("licence_url") or "")
        )
        if known is not None:
            data["licence"], data["licence_url"], data["licence_iri"] = (
                known.name,
                known.url,
                known.dcat,
            )
        return data


class ValueFilterForm(forms.Form):
    """The filters of an indicator's values and of the observations (API): an unknown territory
    key is an error (422), not "no territory"."""

    territory = TerritoryKeysField(required=False)
