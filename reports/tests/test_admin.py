import pytest
from django.urls import reverse

from accounts.tests.factories import UserFactory, with_mfa

from .factories import SectionFactory

pytestmark = pytest.mark.django_db


def test_the_admin_shows_a_report_with_its_sections(client):
    section = SectionFactory(title="Rahmenbedingungen")
    admin = with_mfa(UserFactory(is_staff=True, is_superuser=True))
    client.force_login(admin)
    response = client.get(reverse("admin:reports_report_change", args=[section.report.pk]))
    assert response.status_code == 200
    assert "Rahmenbedingungen" in response.content.decode()
