from modeltranslation.translator import TranslationOptions, register

from .models import Choice, Instrument, Question, SurveyIndex, SurveySection


@register(Instrument)
class InstrumentTranslation(TranslationOptions):
    fields = ("title", "description")


@register(SurveySection)
class SurveySectionTranslation(TranslationOptions):
    fields = ("title", "description")


@register(Question)
class QuestionTranslation(TranslationOptions):
    fields = ("text", "help_text")


@register(Choice)
class ChoiceTranslation(TranslationOptions):
    fields = ("label",)


@register(SurveyIndex)
class SurveyIndexTranslation(TranslationOptions):
    fields = ("name", "definition")
