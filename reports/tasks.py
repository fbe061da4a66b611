"""Background work of reports (django-tasks; run by `db_worker`)."""

from django_tasks import task

from .services import rendering_run


@task()
def render_report_pdf(rendering_id: int) -> str:
    """Make the PDF of one requested rendering; its final status."""
    return rendering_run(rendering_id)
