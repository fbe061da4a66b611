from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")
    periodic_tasks = {"search.tasks.refresh_word_statistics": timedelta(days=1)}

    def ready(self):
        # in ready(): indexing imports models, loaded only now
        from .indexing import connect_signals

        connect_signals()
