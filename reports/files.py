"""Which stored files belong to reports (see bildungsnetz/files.py): a rendered PDF is read by
whoever may see its report (a published report's PDF by anyone, a draft's by its writers)."""

from bildungsnetz.files import ProtectedFiles

from .models import Rendering

PROTECTED_FILES = [
    ProtectedFiles(
        prefix="reports/pdf/", model=Rendering, field="file", permission="reports.view_rendering"
    ),
]
