import datetime as dt

import pytest

from cooperation.models import GoalIndicator
from cooperation.progress import share_of_way

from .factories import GoalFactory, TerritoryFactory


def test_share_of_way_goes_both_directions():
    assert share_of_way(10, 20, 15) == 50
    assert share_of_way(20, 10, 15) == 50
    assert share_of_way(10, 20, None) is None
    assert share_of_way(10, 10, 12) is None


@pytest.mark.django_db
def test_the_goal_page_shows_latest_value_against_baseline_and_target(client):
    from monitoring.models import Indicator, IndicatorValue

    goal = GoalFactory()
    city = TerritoryFactory()
    indicator = Indicator.objects.create(code="quote-test", area="context", name="Testquote")
    IndicatorValue.objects.create(
        indicator=indicator, territory=city, period="2023", period_date=dt.date(2023, 12, 31),
        value=30.0,
    )  # fmt: skip
    IndicatorValue.objects.create(
        indicator=indicator, territory=city, period="2024", period_date=dt.date(2024, 12, 31),
        value=35.0,
    )  # fmt: skip
    GoalIndicator.objects.create(
        goal=goal, indicator=indicator, territory=city, baseline_value=30, baseline_period="2023",
        target_value=40, target_period="2030",
    )  # fmt: skip
    html = client.get(goal.get_absolute_url()).content.decode()
    assert "Testquote" in html
    assert "35" in html and "50 %" in html
