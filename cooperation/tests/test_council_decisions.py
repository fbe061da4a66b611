"""Committee decisions (OParl 1.1): the council check records the authoritative consultation's
result on an agreement under committee reservation and proposes the step to its coordinators.

The council system is a local HTTP server in the test serving the OParl specification's
examples (cooperation/tests/oparl/, see SOURCE.md) with their URLs rewritten to it; the SSRF
guard lets it through only because the test names it in `OPARL_ALLOWED_HOSTS`.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.models import RoleLevel
from cooperation import oparl
from cooperation.apps import CooperationConfig
from cooperation.models import Agreement, AgreementStatus, CouncilDecision
from cooperation.services_council import (
    CLOCK_MARGIN,
    agreement_council_check,
    agreements_council_check,
)
from cooperation.tasks import check_council_decisions

from .factories import AgreementFactory, PartnershipFactory, TerritoryFactory, member

EXAMPLES = Path(__file__).parent / "oparl"
SPEC_HOST = "https://oparl.example.org"
PAPER = "/paper/749"
ITEM = "/agendaitem/3271"
OTHER_ITEM = "/agendaitem/15569"
MEETING = "/meeting/281"
BODY = "/bodies/1"
CHANGES = "/body/0/agendaItems/"


def example(name: str) -> dict:
    return json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))


class CouncilSystem:
    """A tiny OParl server: path (with "?page=n" for later list pages) -> (status, body,
    delay); every request is kept."""

    def __init__(self):
        self.routes: dict[str, tuple[int, bytes, float]] = {}
        self.requests: list[str] = []
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True).start()

    def _handler(self):
        system = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (the name http.server asks for)
                system.requests.append(self.path)
                parts = urlsplit(self.path)
                page = parse_qs(parts.query).get("page")
                key = f"{parts.path}?page={page[0]}" if page else parts.path
                status, body, delay = system.routes.get(key, (404, b"{}", 0.0))
                if delay:
                    time.sleep(delay)
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (the timeout test)

            def log_message(self, *args):
                pass

        return Handler

    def url(self, path: str) -> str:
        return self.base + path

    def serve(self, path: str, data: dict) -> None:
        text = json.dumps(data, ensure_ascii=False).replace(SPEC_HOST, self.base)
        self.routes[path] = (200, text.encode("utf-8"), 0.0)

    def fail(self, path: str, status: int = 200, body: bytes = b"", delay: float = 0.0) -> None:
        self.routes[path] = (status, body, delay)

    def asked(self, path: str) -> list[dict]:
        """The query parameters of each request for `path`."""
        return [parse_qs(urlsplit(r).query) for r in self.requests if urlsplit(r).path == path]


def paper(*, authoritative=True, with_other=False) -> dict:
    """Paper-01 whose consultation is decisive (or not) at agenda item 3271 of meeting 281;
    `with_other` keeps the example's own, non-authoritative consultation beside it."""
    data = example("Paper-01")
    original = data["consultation"][0]
    decisive = copy.deepcopy(original)
    decisive.update(id=f"{SPEC_HOST}/consultation/1034", agendaItem=SPEC_HOST + ITEM,
                    meeting=SPEC_HOST + MEETING, authoritative=authoritative)  # fmt: skip
    data["consultation"] = [original, decisive] if with_other else [decisive]
    return data


def agenda_item(**changes) -> dict:
    data = example("AgendaItem-01")
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


@pytest.fixture
def council(settings):
    system = CouncilSystem()
    settings.OPARL_ALLOWED_HOSTS = [system.base.removeprefix("http://")]
    settings.OPARL_TIMEOUT = 0.5
    system.serve(PAPER, paper())
    system.serve(BODY, example("Body-01"))
    system.serve(ITEM, agenda_item())
    system.serve(MEETING, example("Meeting-01"))
    other = agenda_item(id=SPEC_HOST + OTHER_ITEM, result="Abgelehnt")
    system.serve(OTHER_ITEM, other)
    system.serve(CHANGES, {"data": [], "links": {}})
    yield system
    system.httpd.shutdown()
    system.httpd.server_close()


@pytest.fixture
def world(db):
    """Lighter than the app's `world`: two partner cities, the agreement, and the roles the
    council tests ask (a coordinator of each side, a viewer and editor of A, a coordinator of
    an unrelated city C)."""
    a, b, c = TerritoryFactory(name="Astadt"), TerritoryFactory(name="Bstadt"), TerritoryFactory()
    agreement = AgreementFactory(partnership=PartnershipFactory(parties=[a, b]))
    users = {
        "coordinator_a": member(a, RoleLevel.COORDINATOR),
        "coordinator_b": member(b, RoleLevel.COORDINATOR),
        "coordinator_c": member(c, RoleLevel.COORDINATOR),
        "viewer": member(a, RoleLevel.VIEWER),
        "editor": member(a, RoleLevel.EDITOR),
    }
    return SimpleNamespace(agreement=agreement, users=users)


@pytest.fixture
def capture(django_capture_on_commit_callbacks):
    """Runs what a transaction left for after its commit (the mails), as the task would."""
    return django_capture_on_commit_callbacks


@pytest.fixture
def agreement(world, council):
    Agreement.objects.filter(pk=world.agreement.pk).update(
        status=AgreementStatus.PENDING_APPROVAL,
        signed_on=dt.date(2022, 10, 4),
        council_paper_url=council.url(PAPER),
    )
    return Agreement.objects.get(pk=world.agreement.pk)


def check(agreement, capture):
    with capture(execute=True):
        return agreement_council_check(agreement=agreement)


def test_it_records_the_authoritative_result_with_a_link(
    agreement, council, world, client, capture
):
    council.serve(ITEM, agenda_item(web="https://ris.example.org/to0050.asp?__ktonr=3271"))
    decision = check(agreement, capture)
    assert decision.error == ""
    assert decision.result == "Geändert beschlossen"
    assert decision.resolution_text.startswith("Der Beschluss weicht")
    assert decision.decided_on == dt.date(2013, 1, 4)  # the meeting's start
    assert decision.meeting_name == "4. Sitzung des Finanzausschusses"
    assert decision.web_url == "https://ris.example.org/to0050.asp?__ktonr=3271"
    assert decision.proposed_step == AgreementStatus.IN_FORCE
    # Only proposed: the agreement still waits for a coordinator.
    assert Agreement.objects.get(pk=agreement.pk).status == AgreementStatus.PENDING_APPROVAL
    client.force_login(world.users["coordinator_a"])
    page = client.get(agreement.get_absolute_url()).content.decode()
    assert "Beschluss des Stadtrats vom 4. Januar 2013 liegt vor" in page
    assert "Geändert beschlossen" in page
    assert "https://ris.example.org/to0050.asp?__ktonr=3271" in page
    assert reverse("cooperation:agreement_council_step", args=[agreement.slug]) in page


def test_without_a_web_page_the_link_is_the_agenda_item(agreement, council, capture):
    decision = check(agreement, capture)
    assert decision.web_url == council.url(ITEM)


def test_it_proposes_nothing_while_the_agenda_item_has_no_result(
    agreement, council, world, client, mailoutbox, capture
):
    council.serve(ITEM, agenda_item(result=None, resolutionText=None))
    decision = check(agreement, capture)
    assert (decision.error, decision.result, decision.proposed_step) == ("", "", "")
    assert decision.agenda_item_url == council.url(ITEM)
    assert mailoutbox == []
    client.force_login(world.users["coordinator_a"])
    page = client.get(agreement.get_absolute_url()).content.decode()
    assert "noch kein Ergebnis" in page
    assert reverse("cooperation:agreement_council_step", args=[agreement.slug]) not in page


def test_a_non_authoritative_consultation_is_not_the_decision(agreement, council, capture):
    council.serve(PAPER, example("Paper-01"))  # the example's only consultation: not decisive
    decision = check(agreement, capture)
    assert (decision.result, decision.proposed_step, decision.agenda_item_url) == ("", "", "")
    assert council.asked(OTHER_ITEM) == []


def test_the_authoritative_consultation_is_chosen_among_several(agreement, council, capture):
    council.serve(PAPER, paper(with_other=True))
    decision = check(agreement, capture)
    assert decision.result == "Geändert beschlossen"  # not the other item's "Abgelehnt"
    assert council.asked(OTHER_ITEM) == []


def test_a_later_check_asks_the_council_system_for_changes_since_the_last_read(
    agreement, council, capture
):
    council.serve(ITEM, agenda_item(result=None))
    first = check(agreement, capture)
    assert len(council.asked(ITEM)) == 1
    # Page 1 of the changes does not hold the item; page 2 (its links.next) does, decided.
    council.serve(CHANGES, {"data": [agenda_item(id=SPEC_HOST + "/agendaitem/1")],
                            "links": {"next": SPEC_HOST + CHANGES + "?page=2"}})  # fmt: skip
    council.serve(CHANGES + "?page=2", {"data": [agenda_item(result="Beschlossen")], "links": {}})
    second = check(agreement, capture)
    asked = council.asked(CHANGES)
    since = dt.datetime.fromisoformat(asked[0]["modified_since"][0])
    assert since == (first.synced_at - CLOCK_MARGIN).replace(microsecond=0)
    assert asked[0]["omit_internal"] == ["true"]
    assert asked[1]["page"] == ["2"]
    assert len(council.asked(ITEM)) == 1  # the item itself was not fetched again
    assert second.result == "Beschlossen"
    assert second.proposed_step == AgreementStatus.IN_FORCE


def test_unchanged_items_are_not_fetched_again(agreement, council, capture):
    council.serve(ITEM, agenda_item(result=None))
    check(agreement, capture)
    decision = check(agreement, capture)
    assert len(council.asked(CHANGES)) == 1
    assert len(council.asked(ITEM)) == 1
    assert decision.error == "" and decision.result == ""


@pytest.mark.parametrize(
    ("status", "body", "delay", "message"),
    [
        (500, b"{}", 0.0, "HTTP-Status 500"),
        (200, b"<html>kein JSON</html>", 0.0, "kein gültiges JSON"),
        (200, b'{"type": "https://schema.oparl.org/1.1/Meeting", "id": "x"}', 0.0, "Paper"),
        (200, b"{}", 1.5, "nicht rechtzeitig"),
    ],
    ids=["http-500", "invalid-json", "unexpected-schema", "timeout"],
)
def test_a_failing_council_system_is_recorded_as_an_error(
    agreement, council, mailoutbox, status, body, delay, message, capture
):
    council.fail(PAPER, status, body, delay)
    with translation.override("de"), capture(execute=True):
        assert check_council_decisions.call() == 0  # the task itself does not fail
    decision = CouncilDecision.objects.get(agreement=agreement)
    assert message in decision.error
    assert decision.checked_at is not None
    assert (decision.result, decision.proposed_step) == ("", "")
    assert Agreement.objects.get(pk=agreement.pk).status == AgreementStatus.PENDING_APPROVAL
    assert mailoutbox == []


def test_an_error_after_a_result_keeps_the_result(agreement, council, capture):
    check(agreement, capture)
    council.fail(PAPER, 500, b"{}")
    decision = check(agreement, capture)
    assert decision.error and decision.result == "Geändert beschlossen"


def test_a_second_check_records_once_and_mails_once(agreement, council, world, mailoutbox, capture):
    with capture(execute=True):
        assert agreements_council_check() == 1
        assert agreements_council_check() == 0
    first = CouncilDecision.objects.get(agreement=agreement)
    # Even checked again directly (the task leaves agreements with a waiting step alone).
    again = check(agreement, capture)
    assert again.recorded_at == first.recorded_at
    assert CouncilDecision.objects.filter(agreement=agreement).count() == 1
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    coordinators = {world.users["coordinator_a"].email, world.users["coordinator_b"].email}
    assert set(mail.to) == coordinators
    assert "Geändert beschlossen" in mail.body
    assert agreement.get_absolute_url() in mail.body


def test_a_negative_result_proposes_going_back_to_a_draft(agreement, council, capture):
    council.serve(ITEM, agenda_item(result="Abgelehnt"))
    decision = check(agreement, capture)
    assert decision.proposed_step == AgreementStatus.DRAFT


def test_a_deferred_result_proposes_no_step(agreement, council, world, client, capture):
    council.serve(ITEM, agenda_item(result="Vertagt"))
    decision = check(agreement, capture)
    assert decision.result == "Vertagt" and decision.proposed_step == ""
    client.force_login(world.users["coordinator_a"])
    page = client.get(agreement.get_absolute_url()).content.decode()
    assert reverse("cooperation:agreement_council_step", args=[agreement.slug]) not in page


def test_a_coordinator_takes_the_proposed_step_in_one_click(
    agreement, council, world, client, capture
):
    check(agreement, capture)
    client.force_login(world.users["coordinator_b"])
    url = reverse("cooperation:agreement_council_step", args=[agreement.slug])
    response = client.post(url, {"action": "take"})
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.IN_FORCE
    step = agreement.transitions.latest("pk")
    assert step.user == world.users["coordinator_b"]
    assert "Geändert beschlossen" in step.note
    page = client.get(agreement.get_absolute_url()).content.decode()
    assert url not in page  # the proposal is settled


def test_a_coordinator_may_dismiss_the_proposal(agreement, council, world, client, capture):
    check(agreement, capture)
    client.force_login(world.users["coordinator_a"])
    url = reverse("cooperation:agreement_council_step", args=[agreement.slug])
    client.post(url, {"action": "dismiss"})
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.PENDING_APPROVAL
    assert CouncilDecision.objects.get(agreement=agreement).open_proposal == ""


@pytest.mark.parametrize("role", ["viewer", "editor", "coordinator_c"])
def test_others_cannot_take_the_step(agreement, council, world, client, role, capture):
    check(agreement, capture)
    client.force_login(world.users[role])
    assert reverse("cooperation:agreement_council_step", args=[agreement.slug]) not in (
        client.get(agreement.get_absolute_url()).content.decode()
    )
    response = client.post(reverse("cooperation:agreement_council_step", args=[agreement.slug]))
    assert response.status_code == 403
    assert Agreement.objects.get(pk=agreement.pk).status == AgreementStatus.PENDING_APPROVAL


def _edit(client, agreement, url):
    data = {"title_de": agreement.title, "kind": agreement.kind, "is_public": "on",
            "council_paper_url": url}  # fmt: skip
    return client.post(reverse("cooperation:agreement_edit", args=[agreement.slug]), data)


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1:8000/oparl/paper/1", "file:///etc/passwd", "http://[::1]/paper/1",
     "http://10.0.0.7/oparl/paper/1"],
)  # fmt: skip
def test_the_form_refuses_an_unsafe_council_paper_url(world, client, url, settings):
    settings.OPARL_ALLOWED_HOSTS = []
    agreement = world.agreement
    client.force_login(world.users["coordinator_a"])
    with translation.override("de"):
        response = _edit(client, agreement, url)
    assert response.status_code == 200  # the form again, with the error at the field
    errors = response.context["form"].errors["council_paper_url"]
    expected = "http- oder https-Adresse" if url.startswith("file:") else "öffentlichen Servers"
    assert expected in errors[0]
    assert errors[0] in response.content.decode()
    assert Agreement.objects.get(pk=agreement.pk).council_paper_url == ""


def test_the_form_saves_a_council_paper_the_guard_lets_through(world, client, council):
    client.force_login(world.users["coordinator_a"])
    response = _edit(client, world.agreement, council.url(PAPER))
    assert response.status_code == 302
    assert Agreement.objects.get(pk=world.agreement.pk).council_paper_url == council.url(PAPER)


def test_the_check_is_a_periodic_task():
    assert "cooperation.tasks.check_council_decisions" in CooperationConfig.periodic_tasks


# --- The client's parsing, without a server -------------------------------------------------


def test_parsing_the_specification_paper():
    parsed = oparl.parse_paper(example("Paper-01"))
    assert parsed.body == "https://oparl.example.org/bodies/1"
    assert [c.authoritative for c in parsed.consultations] == [False]
    assert oparl.authoritative_consultation(parsed) is None


def test_parsing_the_specification_agenda_item_and_meeting():
    item = oparl.parse_agenda_item(example("AgendaItem-01"))
    assert (item.result, item.consultation) == (
        "Geändert beschlossen",
        "https://oparl.example.org/consultation/1034",
    )
    assert oparl.parse_meeting(example("Meeting-01")).start == dt.date(2013, 1, 4)


def test_a_list_page_gives_its_objects_and_the_next_page():
    items, following = oparl.parse_list_page(
        {"data": [example("AgendaItem-01")], "links": {"next": "https://o.example/l?page=2"}}
    )
    assert [i["id"] for i in items] == ["https://oparl.example.org/agendaitem/3271"]
    assert following == "https://o.example/l?page=2"
    with pytest.raises(oparl.OParlError):
        oparl.parse_list_page(example("Meeting-01"))


@pytest.mark.parametrize(
    ("result", "kind"),
    [("Beschlossen", oparl.APPROVED), ("Geändert beschlossen", oparl.APPROVED),
     ("einstimmig zugestimmt", oparl.APPROVED), ("Abgelehnt", oparl.REJECTED),
     ("nicht beschlossen", oparl.REJECTED), ("Vertagt", oparl.OTHER),
     ("Zur Kenntnis genommen", oparl.OTHER), ("", oparl.OTHER)],
)  # fmt: skip
def test_results_are_classified(result, kind):
    assert oparl.classify_result(result) == kind


def test_a_new_council_paper_starts_the_record_over(agreement, council, world, client, capture):
    check(agreement, capture)
    other = example("Paper-01")  # no decisive consultation
    other["id"] = SPEC_HOST + "/paper/750"
    council.serve("/paper/750", other)
    Agreement.objects.filter(pk=agreement.pk).update(council_paper_url=council.url("/paper/750"))
    client.force_login(world.users["coordinator_a"])
    page = client.get(agreement.get_absolute_url()).content.decode()
    assert "Geändert beschlossen" not in page  # the old paper's result is not this paper's
    decision = check(Agreement.objects.get(pk=agreement.pk), capture)
    assert (decision.paper_url, decision.result, decision.proposed_step) == (
        council.url("/paper/750"),
        "",
        "",
    )
    assert CouncilDecision.objects.filter(agreement=agreement).count() == 1


def test_coordinators_are_asked_to_name_the_council_paper(world, client):
    Agreement.objects.filter(pk=world.agreement.pk).update(status=AgreementStatus.PENDING_APPROVAL)
    edit = reverse("cooperation:agreement_edit", args=[world.agreement.slug])
    client.force_login(world.users["coordinator_a"])
    assert (
        edit + "#id_council_paper_url"
        in client.get(world.agreement.get_absolute_url()).content.decode()
    )
    client.force_login(world.users["viewer"])
    assert (
        "#id_council_paper_url"
        not in client.get(world.agreement.get_absolute_url()).content.decode()
    )


def test_a_link_is_only_ever_an_http_address():
    decision = oparl.Decision(
        paper=oparl.Paper(id="javascript:alert(1)"),
        agenda_item=oparl.AgendaItem(id="javascript:alert(2)", result="Beschlossen"),
    )
    assert decision.web == ""


def test_the_api_gives_the_council_decision(agreement, council, client, capture):
    check(agreement, capture)
    response = client.get(reverse("api-v1:get_agreement", kwargs={"slug": agreement.slug}))
    assert response.status_code == 200
    data = response.json()
    assert data["council_paper_url"] == council.url(PAPER)
    assert data["council_decision"]["result"] == "Geändert beschlossen"
    assert data["council_decision"]["decided_on"] == "2013-01-04"
    assert data["council_decision"]["url"] == council.url(ITEM)
    assert data["council_decision"]["proposed_step"] == "in_force"
