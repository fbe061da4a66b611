from modeltranslation.translator import TranslationOptions, register

from .models import Offer


# simple_history builds its historical model before translation fields exist; registering it
# too keeps both languages in the history (before/after in every language).
@register(Offer)
@register(Offer.history.model)
class OfferTranslation(TranslationOptions):
    fields = ("title", "description")
