from django.urls import reverse


def test_the_api_lists_public_partnerships_with_stable_paging(world, client):
    response = client.get(reverse("api-v1:list_partnerships"), {"limit": 10})
    assert response.status_code == 200
    data = response.json()
    slugs = [item["slug"] for item in data["items"]]
    assert world.partnership.slug in slugs
    assert world.private_partnership.slug not in slugs
    assert data["count"] == len(slugs)


def test_the_api_shows_an_agreement_with_its_goals(world, client):
    response = client.get(reverse("api-v1:get_agreement", kwargs={"slug": world.agreement.slug}))
    assert response.status_code == 200
    assert [g["number"] for g in response.json()["goals"]] == [1]


def test_the_api_hides_private_partnerships(world, client):
    response = client.get(
        reverse("api-v1:get_partnership", kwargs={"slug": world.private_partnership.slug})
    )
    assert response.status_code == 404


def test_the_api_filters_projects_by_city(world, client):
    response = client.get(reverse("api-v1:list_projects"), {"city": world.city_c.code})
    assert response.json()["items"] == []
    response = client.get(reverse("api-v1:list_projects"), {"city": world.city_a.code})
    assert [p["slug"] for p in response.json()["items"]] == [world.project.slug]
