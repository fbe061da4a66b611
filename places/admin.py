from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import Territory


@admin.register(Territory)
class TerritoryAdmin(TranslationAdmin):
    list_display = ["name", "scheme", "code", "level", "country", "parent"]
    list_filter = ["level", "scheme", "country"]
    search_fields = ["name", "code", "nuts", "lau", "ars"]
    autocomplete_fields = ["parent"]
    readonly_fields = ["path"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        path = obj.compute_path()
        if obj.path != path:
            obj.path = path
            obj.save(update_fields=["path"])
