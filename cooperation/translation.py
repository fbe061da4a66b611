from modeltranslation.translator import TranslationOptions, register

from .models import Agreement, ExchangeProgramme, Goal, Partnership, Project


# simple_history builds its historical models before translation fields exist; registering
# them too keeps every language's column in the history.
@register(Partnership)
@register(Partnership.history.model)
class PartnershipTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Agreement)
@register(Agreement.history.model)
class AgreementTranslation(TranslationOptions):
    fields = ("title", "summary")


@register(Goal)
@register(Goal.history.model)
class GoalTranslation(TranslationOptions):
    fields = ("text",)


@register(Project)
@register(Project.history.model)
class ProjectTranslation(TranslationOptions):
    fields = ("title", "description", "outcomes")


@register(ExchangeProgramme)
@register(ExchangeProgramme.history.model)
class ExchangeProgrammeTranslation(TranslationOptions):
    fields = ("name", "description")
