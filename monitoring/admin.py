"""The admin site: the platform's admins edit the catalogue; a coordinator with staff access
reaches the datasets and import logs of their territories (monitoring/rules.py, per object)."""

from django.contrib import admin
from rules.contrib.admin import ObjectPermissionsModelAdmin

from .forms import DatasetProvenanceForm
from .models import (
    Dataset,
    ImportLog,
    Indicator,
    IndicatorValue,
    Measure,
    PeerGroup,
    SavedMapping,
    Variable,
)
from .selectors import dataset_measure_codes
from .services import dataset_figures_refresh


@admin.register(Dataset)
class DatasetAdmin(ObjectPermissionsModelAdmin):
    form = DatasetProvenanceForm
    list_display = [
        "code", "title", "publisher", "licence", "stand", "retrieved_at", "is_public",
        "is_official",
    ]  # fmt: skip
    list_filter = ["licence", "is_public", "is_official"]
    search_fields = ["code", "title", "source", "publisher"]
    readonly_fields = ["format", "region_variable", "period_type", "created", "updated"]

    def get_readonly_fields(self, request, obj=None):
        # Whether a table is shared official statistics is the platform's decision: a
        # coordinator who marked their own table official would hand it to every importer.
        fields = list(super().get_readonly_fields(request, obj))
        return fields if request.user.is_superuser else [*fields, "is_official"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "is_public" in form.changed_data:
            # Indicators take public tables only: publishing or withdrawing one changes them.
            dataset_figures_refresh(measures=dataset_measure_codes(obj))

    def delete_model(self, request, obj):
        measures = dataset_measure_codes(obj)
        super().delete_model(request, obj)
        dataset_figures_refresh(measures=measures)

    def delete_queryset(self, request, queryset):
        measures = set().union(*(dataset_measure_codes(d) for d in queryset))
        super().delete_queryset(request, queryset)
        dataset_figures_refresh(measures=measures)


@admin.register(Measure)
class MeasureAdmin(ObjectPermissionsModelAdmin):
    list_display = ["code", "unit", "label"]
    search_fields = ["code", "label", "unit"]


@admin.register(Variable)
class VariableAdmin(ObjectPermissionsModelAdmin):
    list_display = ["code", "label"]


@admin.register(Indicator)
class IndicatorAdmin(ObjectPermissionsModelAdmin):
    list_display = ["code", "name", "area", "unit", "direction", "is_public"]
    list_filter = ["area", "is_public"]
    search_fields = ["code", "name"]


@admin.register(IndicatorValue)
class IndicatorValueAdmin(ObjectPermissionsModelAdmin):
    list_display = ["indicator", "territory", "period", "value", "symbol"]
    list_filter = ["indicator"]
    raw_id_fields = ["territory", "dataset"]


@admin.register(ImportLog)
class ImportLogAdmin(ObjectPermissionsModelAdmin):
    list_display = ["filename", "user", "created", "status", "rows_read", "rows_created"]
    list_filter = ["status"]
    readonly_fields = [f.name for f in ImportLog._meta.fields] + ["datasets", "territories"]


@admin.register(PeerGroup)
class PeerGroupAdmin(ObjectPermissionsModelAdmin):
    list_display = ["name", "slug"]
    filter_horizontal = ["territories"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(SavedMapping)
class SavedMappingAdmin(ObjectPermissionsModelAdmin):
    list_display = ["name", "created_by", "created"]
