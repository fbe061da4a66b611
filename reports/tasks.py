"""Background work of reports (django-tasks; run by `db_worker`)."""

from django_tasks import task

from .services import rendering_abandon, rendering_run


@task()
def render_report_pdf(rendering_id: int) -> str:
    """Make the PDF of one requested rendering; its final status."""
    return rendering_run(rendering_id)


def render_report_pdf_abandoned(rendering_id: int) -> None:
    """`render_report_pdf` failed or its worker died before the rendering was finished (see
    bildungsnetz/task_recovery.py): the rendering says so instead of "running"."""
    rendering_abandon(rendering_id=rendering_id)
