from modeltranslation.translator import TranslationOptions, register

from .models import Page


@register(Page)
@register(Page.history.model)
class PageTranslation(TranslationOptions):
    fields = ("title", "body")
