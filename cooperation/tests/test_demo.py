import pytest
from django.core.management import call_command
from django.urls import reverse

from cooperation.apps import CooperationConfig
from cooperation.models import Agreement, AgreementStatus, Goal, Partnership
from places.models import Territory

# The demos this module reads (and those they build on): see the root conftest's whole_demo.
WHOLE_DEMO_APPS = ["actors", "accounts", "cooperation"]

AGREEMENT = "kooperationsvereinbarung-erfurt-wien-2022"


@pytest.fixture
def demo(whole_demo, db):
    """The whole demo, loaded once for this module (see the root conftest)."""


def _counts():
    from django.apps import apps

    models = apps.get_app_config("cooperation").get_models()
    return {m.__name__: m._default_manager.count() for m in models}


def test_loading_the_demo_twice_leaves_the_same_rows_and_history(demo):
    before = _counts()
    call_command("demo", only=["cooperation"], stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert _counts() == before
    assert before["HistoricalGoal"] == 7


def test_the_erfurt_wien_agreement_is_pending_committee_approval_with_seven_goals(demo):
    agreement = Agreement.objects.get(slug=AGREEMENT)
    assert agreement.status == AgreementStatus.PENDING_APPROVAL
    assert agreement.signed_on.isoformat() == "2022-10-04"
    assert agreement.signed_place.name_de == "Erfurt"
    assert list(agreement.goals.values_list("number", flat=True)) == [1, 2, 3, 4, 5, 6, 7]
    assert agreement.goals.get(number=4).text_de.startswith("Inklusion und gesellschaftliche")
    assert agreement.goals.get(number=4).text_en
    names = [s.person.full_name for s in agreement.signatories.all()]
    assert names == ["Andreas Bausewein", "Michael Ludwig"]


def test_the_agreement_page_shows_goals_status_signatories_and_projects_per_goal(demo, client):
    from .factories import ProjectFactory

    agreement = Agreement.objects.get(slug=AGREEMENT)
    goal4 = Goal.objects.get(agreement=agreement, number=4)
    for progress in (20, 60):
        project = ProjectFactory(
            partnership=agreement.partnership, status="running", progress=progress
        )
        project.goals.add(goal4)
    html = client.get(agreement.get_absolute_url()).content.decode()
    for number in range(1, 8):
        assert f'id="ziel-{number}"' in html
    assert "Gremienvorbehalt" in html
    assert "Andreas Bausewein" in html and "Michael Ludwig" in html
    assert "Oberbürgermeister der Landeshauptstadt Erfurt" in html
    assert project.title in html
    # Goal 4's two projects average to 40 %, counted by the database.
    rolled = agreement.goals.with_rollup().get(number=4)
    assert (rolled.project_count, rolled.projects_running, round(rolled.project_progress)) == (
        2,
        2,
        40,
    )
    assert "40 %" in html


def test_berlins_city_page_lists_17_twinning_partners(demo):
    berlin = Territory.objects.get_by_key("ags:11000000")
    sections = CooperationConfig.territory_sections(None, berlin)
    twinnings, exchange = sections[0], sections[1]
    assert len(twinnings["items"]) == 17
    assert {str(r["partner"]) for r in twinnings["items"]} >= {"Windhuk", "Los Angeles", "Tokio"}
    assert {str(r["partner"]) for r in exchange["items"]} == {
        "Amsterdam", "Wien", "Barcelona", "Madrid", "Guangzhou", "Johannesburg"
    }  # fmt: skip


def test_berlins_city_page_through_the_places_view_when_it_exists(demo, client):
    try:
        url = reverse("places:territory_detail", args=["ags:11000000"])
    except Exception:
        pytest.skip("the places city page is not there yet")
    html = client.get(url).content.decode()
    assert "Windhuk" in html


def test_the_organisation_page_shows_its_partnerships(demo, client):
    html = client.get(reverse("actors:organisation_detail", args=["emmd"])).content.decode()
    assert "EMMD – BiSMit" in html


def test_emmd_bismit_runs_until_the_end_of_2024(demo):
    partnership = Partnership.objects.get(slug="emmd-bismit")
    assert partnership.until.isoformat() == "2024-12-31"
    assert set(partnership.topics.values_list("slug", flat=True)) >= {
        "berufsorientierung", "fachkraefte", "weiterbildung"
    }  # fmt: skip
