from modeltranslation.translator import TranslationOptions, register

from .models import PartnerListing


# simple_history builds its historical model before the translation fields exist; registering
# it too keeps every language's column in the history (as cooperation does).
@register(PartnerListing)
@register(PartnerListing.history.model)
class PartnerListingTranslation(TranslationOptions):
    fields = ("title", "description")
