from django.contrib import admin

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


@admin.register(Dataset)
class DatasetAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "source", "retrieved_at", "is_public"]
    search_fields = ["code", "title"]


@admin.register(Measure)
class MeasureAdmin(admin.ModelAdmin):
    list_display = ["code", "label", "unit"]
    search_fields = ["code", "label"]


@admin.register(Variable)
class VariableAdmin(admin.ModelAdmin):
    list_display = ["code", "label"]


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "area", "unit", "direction", "is_public"]
    list_filter = ["area", "is_public"]
    search_fields = ["code", "name"]


@admin.register(IndicatorValue)
class IndicatorValueAdmin(admin.ModelAdmin):
    list_display = ["indicator", "territory", "period", "value", "symbol"]
    list_filter = ["indicator"]
    raw_id_fields = ["territory", "dataset"]


@admin.register(ImportLog)
class ImportLogAdmin(admin.ModelAdmin):
    list_display = ["filename", "user", "created", "status", "rows_read", "rows_created"]
    list_filter = ["status"]
    readonly_fields = [f.name for f in ImportLog._meta.fields]


@admin.register(PeerGroup)
class PeerGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    filter_horizontal = ["territories"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(SavedMapping)
class SavedMappingAdmin(admin.ModelAdmin):
    list_display = ["name", "created_by", "created"]
