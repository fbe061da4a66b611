from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from accounts.history_admin import HistoryAdmin
from bildungsnetz.text import sanitize_html

from .models import Page


@admin.register(Page)
class PageAdmin(HistoryAdmin, TranslationAdmin):
    list_display = ["title", "slug", "in_footer", "footer_order", "updated"]
    prepopulated_fields = {"slug": ["title_de"]}

    def save_model(self, request, obj, form, change):
        obj.body_de = sanitize_html(obj.body_de)
        obj.body_en = sanitize_html(obj.body_en)
        super().save_model(request, obj, form, change)
