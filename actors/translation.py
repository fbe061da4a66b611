from modeltranslation.translator import TranslationOptions, register

from .models import Language, Organisation, Role, TargetGroup, Topic


@register(Topic)
@register(TargetGroup)
@register(Language)
class NameTranslation(TranslationOptions):
    fields = ("name",)


# simple_history builds its historical models before translation fields exist; registering
# them too keeps both columns in the history (before/after in every language).
@register(Organisation)
@register(Organisation.history.model)
class OrganisationTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Role)
@register(Role.history.model)
class RoleTranslation(TranslationOptions):
    fields = ("function",)
