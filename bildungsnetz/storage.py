"""The media storage on the local disk: Django's, except that a write that fails half-way (the
disk is full, a quota is reached) leaves no half file behind.

Django's FileSystemStorage creates the file and writes it in chunks; when a chunk fails it
closes the file and leaves it. No row points at it (the row is saved after the file), yet it
takes the space that is short and would be served or backed up as if it were whole.
"""

from __future__ import annotations

import os

from django.core.files import storage


class FileSystemStorage(storage.FileSystemStorage):
    def _save(self, name, content):
        path = self.path(name)
        existed = os.path.lexists(path)
        try:
            return super()._save(name, content)
        except OSError:
            # The file under `name` is this write's own when it was not there before (it is
            # created exclusively); anything else is left alone.
            if not existed and os.path.lexists(path):
                os.remove(path)
            raise
