"""Background work of surveys (django-tasks; run by `db_worker`): invitation mails, queued
after a wave opens or invitees are imported into a running wave, and the daily reminders
(registered in `SurveysConfig.periodic_tasks`). Only ids travel through the queue: tokens are
issued when the mail is written (see surveys/invitations.py)."""

from django_tasks import task

from .invitations import invitations_remind, invitations_send


@task()
def send_invitations(wave_id: int) -> int:
    """Mail the invitations of a running wave that were not sent yet; how many were sent."""
    return invitations_send(wave_id=wave_id).mails


@task()
def remind_invitees() -> int:
    """Remind invitees of running waves who have not completed (at most twice, a week apart)."""
    return invitations_remind().mails
