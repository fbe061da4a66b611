"""Which uploaded files belong to the knowledge base (see bildungsnetz/files.py): an entry's
files are readable by whoever may view the entry."""

from bildungsnetz.files import ProtectedFiles

from .models import Attachment

PROTECTED_FILES = [
    ProtectedFiles(
        prefix="knowledge/attachments/",
        model=Attachment,
        field="file",
        permission="knowledge.view_attachment",
    ),
]
