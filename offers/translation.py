from modeltranslation.translator import TranslationOptions, register

from .models import Offer


@register(Offer)
class OfferTranslation(TranslationOptions):
    fields = ("title", "description")
