"""The admin's history is the platform's history: one page, one revert.

django-simple-history's admin pages would be a second history next to `accounts.history`,
with raw reasons ("None"), untranslated headers, unmasked private fields and a revert that
writes an agreement's status back behind its status log. Every admin with history uses
`HistoryAdmin`, whose history and version pages lead to the platform's history page, where a
revert goes through `history_revert` (permissions, visibility and lifecycles applied).
"""

from django.shortcuts import redirect
from simple_history.admin import SimpleHistoryAdmin


class HistoryAdmin(SimpleHistoryAdmin):
    def _platform_history(self, object_id):
        meta = self.model._meta
        return redirect("accounts:history", meta.app_label, meta.model_name, object_id)

    def history_view(self, request, object_id, extra_context=None):
        return self._platform_history(object_id)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        return self._platform_history(object_id)
