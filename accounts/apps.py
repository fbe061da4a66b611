from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts and permissions")
    periodic_tasks = {"accounts.tasks.purge_auth_events": timedelta(days=1)}

    def ready(self) -> None:
        from . import signals  # in ready(): the signals module imports models, loaded only now

        signals.connect()
