"""Which uploaded files belong to cooperation objects (see bildungsnetz/files.py).

An agreement's document (a draft or the signed text) is readable by whoever may view the
agreement: anyone for a public agreement of a public partnership, else only its parties.
"""

from bildungsnetz.files import ProtectedFiles

from .models import Agreement

PROTECTED_FILES = [
    ProtectedFiles(
        prefix="cooperation/agreements/",
        model=Agreement,
        field="document",
        permission="cooperation.view_agreement",
    ),
]
