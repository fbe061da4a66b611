"""The report's own texts in German and English (`title_de`, `title_en`, …): the English
edition exists where every text has its English version (`Report.has_english`)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Report, Section


@register(Report)
class ReportTranslation(TranslationOptions):
    fields = ("title", "summary")


@register(Section)
class SectionTranslation(TranslationOptions):
    fields = ("title", "body")
