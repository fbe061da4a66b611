"""Which uploaded files belong to events (see bildungsnetz/files.py): an event's documents and
photos are readable by whoever may view the event."""

from bildungsnetz.files import ProtectedFiles

from .models import EventDocument, EventPhoto

PROTECTED_FILES = [
    ProtectedFiles(
        prefix="events/documents/",
        model=EventDocument,
        field="file",
        permission="events.view_eventdocument",
    ),
    ProtectedFiles(
        prefix="events/photos/",
        model=EventPhoto,
        field="image",
        permission="events.view_eventphoto",
    ),
]
