from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = _("Surveys")
    periodic_tasks = {
        # Invitees of running waves without a complete response: at most two reminders, a
        # week apart (surveys/invitations.py).
        "surveys.tasks.remind_invitees": timedelta(days=1),
    }
