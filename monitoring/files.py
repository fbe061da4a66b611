"""Which uploaded files belong to monitoring objects (see bildungsnetz/files.py).

The raw file of an import may hold unpublished figures: only the person who imported it, the
coordinators of every territory it covers and platform admins read it.
"""

from bildungsnetz.files import ProtectedFiles

from .models import ImportLog

PROTECTED_FILES = [
    ProtectedFiles(
        prefix="monitoring/imports/",
        model=ImportLog,
        field="upload",
        permission="monitoring.view_importlog",
    ),
]
