from modeltranslation.translator import TranslationOptions, register

from .models import Entry


# simple_history builds its historical model before translation fields exist; registering it
# too keeps both languages in the history (as offers do).
@register(Entry)
@register(Entry.history.model)
class EntryTranslation(TranslationOptions):
    fields = ("title", "summary")
