"""Two coordinators edit the same entry: the second saver sees the conflict and keeps their
input; nothing of the first save is lost (#11, finding 6)."""

from django.test import Client
from django.urls import reverse

from bildungsnetz.concurrency import TOKEN_FIELD
from bildungsnetz.tests.formdata import posted
from cooperation.models import Agreement


def _open(client, url) -> dict:
    response = client.get(url)
    assert response.status_code == 200
    return posted(response.context["form"])


def test_the_second_saver_of_an_agreement_sees_the_conflict_and_keeps_their_input(world):
    agreement = world.agreement
    url = reverse("cooperation:agreement_edit", args=[agreement.slug])
    first, second = Client(), Client()
    first.force_login(world.users["coordinator_a"])
    second.force_login(world.users["coordinator_b"])
    mine, theirs = _open(first, url), _open(second, url)

    mine.update(summary_de="Zusammenfassung von A", text="Text von A")
    assert first.post(url, mine).status_code == 302

    theirs.update(summary_de="Zusammenfassung von B", text="Text von B")
    response = second.post(url, theirs)

    assert response.status_code == 409
    html = response.content.decode()
    form = response.context["form"]
    changed = {d.field: d for d in form.conflict["differences"]}
    assert changed["summary_de"].yours == "Zusammenfassung von B"
    assert changed["summary_de"].stored == "Zusammenfassung von A"
    assert changed["text"].stored == "Text von A"
    assert "Zusammenfassung von A" in html  # stored now, shown in the comparison
    assert form["summary_de"].value() == "Zusammenfassung von B"  # their input kept
    stored = Agreement.objects.get(pk=agreement.pk)
    assert (stored.summary_de, stored.text) == ("Zusammenfassung von A", "Text von A")
    assert stored.versions.order_by("-number").first().text == "Text von A"


def test_saving_again_after_the_conflict_replaces_the_stored_values(world):
    agreement = world.agreement
    url = reverse("cooperation:agreement_edit", args=[agreement.slug])
    first, second = Client(), Client()
    first.force_login(world.users["coordinator_a"])
    second.force_login(world.users["coordinator_b"])
    mine, theirs = _open(first, url), _open(second, url)
    first.post(url, {**mine, "summary_de": "A"})
    conflicted = second.post(url, {**theirs, "summary_de": "B"})
    again = posted(conflicted.context["form"])
    assert again[TOKEN_FIELD] != theirs[TOKEN_FIELD]

    assert second.post(url, again).status_code == 302
    assert Agreement.objects.get(pk=agreement.pk).summary_de == "B"


def test_a_status_change_meanwhile_does_not_block_an_edit_that_cannot_touch_it(world, client):
    agreement = world.agreement
    url = reverse("cooperation:agreement_edit", args=[agreement.slug])
    client.force_login(world.users["coordinator_a"])
    data = _open(client, url)
    Agreement.objects.filter(pk=agreement.pk).update(status="pending_approval")
    assert client.post(url, {**data, "summary_de": "Neu"}).status_code == 302


def test_the_second_saver_of_a_goal_sees_the_conflict(world):
    goal = world.goal
    url = reverse("cooperation:goal_edit", args=[goal.agreement.slug, goal.number])
    first, second = Client(), Client()
    first.force_login(world.users["coordinator_a"])
    second.force_login(world.users["coordinator_b"])
    mine, theirs = _open(first, url), _open(second, url)
    assert first.post(url, {**mine, "text_de": "Ziel von A"}).status_code == 302
    response = second.post(url, {**theirs, "text_de": "Ziel von B"})
    assert response.status_code == 409
    goal.refresh_from_db()
    assert goal.text_de == "Ziel von A"


def test_the_second_saver_of_a_partnership_and_a_project_sees_the_conflict(world):
    for url, field in (
        (reverse("cooperation:partnership_edit", args=[world.partnership.slug]), "name_de"),
        (reverse("cooperation:project_edit", args=[world.project.slug]), "title_de"),
    ):
        first, second = Client(), Client()
        first.force_login(world.users["coordinator_a"])
        second.force_login(world.users["coordinator_b"])
        mine, theirs = _open(first, url), _open(second, url)
        assert first.post(url, {**mine, field: "Von A"}).status_code == 302
        response = second.post(url, {**theirs, field: "Von B"})
        assert response.status_code == 409, url
        assert response.context["form"][field].value() == "Von B"
