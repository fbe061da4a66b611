"""Background work of the knowledge base (django-tasks; run by `db_worker`, queued by the
scheduler or after an upload's commit)."""

from django_tasks import task

from .models import Attachment
from .reminders import entries_remind_review
from .texts import attachment_extract_text


@task()
def extract_attachment_text(attachment_id: int) -> str:
    """Read an uploaded file's text for the search; its status ("done", "empty", "failed")."""
    attachment = Attachment.objects.filter(pk=attachment_id).select_related("entry").first()
    if attachment is None:
        return "gone"
    return attachment_extract_text(attachment=attachment).text_status


@task()
def remind_review_due() -> int:
    """Mail the owners of entries past their review date (once per entry and review date)."""
    return entries_remind_review().mails
