"""A small OParl 1.1 client: from a council paper to the result of its decisive consultation.

No models here: `Client` fetches JSON through the SSRF guard (`bildungsnetz.urlguard`) with a
timeout and a size limit, and the `parse_*` functions turn OParl objects into plain records, so
they are tested without a server. `read_decision` walks Paper → its authoritative Consultation
→ that consultation's AgendaItem (and its Meeting once there is a result). Once the agenda item
is known, later checks read the Body's `agendaItem` list with `modified_since` (OParl 1.1,
"Aktualisierungsmechanismus") instead of the item itself: an unchanged item costs nothing.

Every failure is an `OParlError` whose message (German through the catalogue) can be shown to
a coordinator as it is.
"""

from __future__ import annotations

import http.client
import json
from dataclasses import dataclass, field
from datetime import date, datetime
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.utils.translation import gettext as _

from bildungsnetz.urlguard import UnsafeURL, check_url, guarded_get

DEFAULT_TIMEOUT = 10.0
MAX_BYTES = 5 * 1024 * 1024
MAX_LIST_PAGES = 20

# Results of an agenda item are free text. These words decide the proposed step; everything
# else (deferred, referred, taken note of) proposes none.
NEGATIVE_WORDS = ("abgelehnt", "nicht beschlossen", "nicht zugestimmt", "nicht angenommen",
                  "rejected")  # fmt: skip
POSITIVE_WORDS = ("beschlossen", "zugestimmt", "angenommen", "genehmigt", "bestätigt",
                  "approved", "adopted")  # fmt: skip

APPROVED = "approved"
REJECTED = "rejected"
OTHER = "other"


class OParlError(Exception):
    """A council system could not be read; the message says why, for the coordinator."""


@dataclass
class Consultation:
    id: str
    agenda_item: str = ""
    meeting: str = ""
    authoritative: bool = False
    role: str = ""
    web: str = ""


@dataclass
class Paper:
    id: str
    body: str = ""
    name: str = ""
    reference: str = ""
    web: str = ""
    consultations: list[Consultation] = field(default_factory=list)


@dataclass
class AgendaItem:
    id: str
    meeting: str = ""
    number: str = ""
    name: str = ""
    consultation: str = ""
    result: str = ""
    resolution_text: str = ""
    resolution_file: str = ""
    start: date | None = None
    web: str = ""
    deleted: bool = False


@dataclass
class Meeting:
    id: str
    name: str = ""
    start: date | None = None
    web: str = ""


@dataclass
class Decision:
    """What a check found. `result` is empty while the council has not decided."""

    paper: Paper
    consultation: Consultation | None = None
    agenda_item: AgendaItem | None = None
    meeting: Meeting | None = None
    changes_url: str = ""  # the Body's agendaItem list, for the next check
    unchanged: bool = False  # the list said nothing changed since the last check

    @property
    def result(self) -> str:
        return self.agenda_item.result if self.agenda_item else ""

    @property
    def decided_on(self) -> date | None:
        if self.meeting and self.meeting.start:
            return self.meeting.start
        return self.agenda_item.start if self.agenda_item else None

    @property
    def web(self) -> str:
        """The page a person can read: the agenda item's, else the consultation's, the
        meeting's, the paper's; the API address of the agenda item as the last resort."""
        for candidate in (
            self.agenda_item.web if self.agenda_item else "",
            self.consultation.web if self.consultation else "",
            self.meeting.web if self.meeting else "",
            self.paper.web,
            self.agenda_item.id if self.agenda_item else "",
        ):
            if candidate.startswith(("http://", "https://")):  # never a javascript: link
                return candidate
        return ""


# --- Parsing (pure) ---------------------------------------------------------------------------


def _type_is(data, kind: str) -> bool:
    return isinstance(data, dict) and str(data.get("type", "")).rstrip("/").endswith("/" + kind)


def _require(data, kind: str) -> dict:
    if not _type_is(data, kind):
        raise OParlError(
            _("The council system did not return an OParl %(kind)s object here.") % {"kind": kind}
        )
    if not isinstance(data.get("id"), str) or not data["id"]:
        raise OParlError(_("An OParl %(kind)s object has no id.") % {"kind": kind})
    return data


def _text(data: dict, key: str) -> str:
    value = data.get(key)
    return value.strip() if isinstance(value, str) else ""


def _url(data: dict, key: str) -> str:
    value = data.get(key)
    if isinstance(value, dict):  # an embedded object: its id
        value = value.get("id")
    return value if isinstance(value, str) and value.startswith(("http://", "https://")) else ""


def _date(value) -> date | None:
    """The date of an OParl `date` or `date-time` (in the time zone it was given in)."""
    if not isinstance(value, str) or not value:
        return None
    try:
        if "T" in value:
            return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
        return date.fromisoformat(value)
    except ValueError:
        return None


def parse_consultation(data) -> Consultation:
    data = _require(data, "Consultation")
    return Consultation(
        id=data["id"],
        agenda_item=_url(data, "agendaItem"),
        meeting=_url(data, "meeting"),
        authoritative=data.get("authoritative") is True,
        role=_text(data, "role"),
        web=_url(data, "web"),
    )


def parse_paper(data) -> Paper:
    data = _require(data, "Paper")
    consultations = data.get("consultation") or []
    if not isinstance(consultations, list):
        raise OParlError(_("The paper's consultations are not a list."))
    return Paper(
        id=data["id"],
        body=_url(data, "body"),
        name=_text(data, "name"),
        reference=_text(data, "reference"),
        web=_url(data, "web"),
        consultations=[parse_consultation(c) for c in consultations if isinstance(c, dict)],
    )


def parse_agenda_item(data) -> AgendaItem:
    data = _require(data, "AgendaItem")
    return AgendaItem(
        id=data["id"],
        meeting=_url(data, "meeting"),
        number=_text(data, "number"),
        name=_text(data, "name"),
        consultation=_url(data, "consultation"),
        result=_text(data, "result"),
        resolution_text=_text(data, "resolutionText"),
        resolution_file=_file_url(data.get("resolutionFile")),
        start=_date(data.get("start")),
        web=_url(data, "web"),
        deleted=data.get("deleted") is True,
    )


def _file_url(data) -> str:
    if not isinstance(data, dict):
        return ""
    return _url(data, "web") or _url(data, "accessUrl") or _url(data, "id")


def parse_meeting(data) -> Meeting:
    data = _require(data, "Meeting")
    start = _date(data.get("start"))
    return Meeting(id=data["id"], name=_text(data, "name"), start=start, web=_url(data, "web"))


def parse_list_page(data) -> tuple[list[dict], str]:
    """The objects of one list page and the URL of the next page ("" on the last)."""
    if not isinstance(data, dict) or not isinstance(data.get("data"), list):
        raise OParlError(_("The council system did not return an OParl list."))
    links = data.get("links") if isinstance(data.get("links"), dict) else {}
    return [d for d in data["data"] if isinstance(d, dict)], _url(links, "next")


def authoritative_consultation(paper: Paper) -> Consultation | None:
    """The consultation whose decision counts (OParl `authoritative: true`); the last one
    if a paper names several (a later session overrides an earlier one)."""
    found = [c for c in paper.consultations if c.authoritative]
    return found[-1] if found else None


def classify_result(result: str) -> str:
    """APPROVED, REJECTED or OTHER for the free text of an agenda item's result."""
    text = " ".join(result.lower().split())
    if not text:
        return OTHER
    if any(word in text for word in NEGATIVE_WORDS):
        return REJECTED
    if any(word in text for word in POSITIVE_WORDS):
        return APPROVED
    return OTHER


def with_query(url: str, **params) -> str:
    """The URL with these query parameters set (others kept)."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in params]
    query += [(k, v) for k, v in params.items() if v is not None]
    return urlunsplit(parts._replace(query=urlencode(query)))


# --- Fetching ---------------------------------------------------------------------------------


def _unsafe(url: str) -> OParlError:
    return OParlError(
        _(
            "The address %(url)s is not fetched: it is not an http(s) address of a public "
            "server that can be found."
        )
        % {"url": url}
    )


def check(url: str, *, allow: frozenset[str] = frozenset()) -> None:
    """Raise OParlError unless the URL leads to a public server (the SSRF guard's rule)."""
    try:
        check_url(url, allow=allow)
    except UnsafeURL as exc:
        raise _unsafe(url) from exc


@dataclass
class Client:
    timeout: float = DEFAULT_TIMEOUT
    max_bytes: int = MAX_BYTES
    allow: frozenset[str] = frozenset()  # hosts let through the SSRF guard (tests)

    def get(self, url: str) -> dict:
        try:
            response = guarded_get(
                url,
                timeout=self.timeout,
                max_bytes=self.max_bytes,
                headers={"Accept": "application/json"},
                allow=self.allow,
            )
        except UnsafeURL as exc:
            raise _unsafe(url) from exc
        except TimeoutError as exc:
            raise OParlError(
                _("The council system did not answer in time (%(url)s).") % {"url": url}
            ) from exc
        except (OSError, http.client.HTTPException) as exc:
            raise OParlError(
                _("The council system could not be reached (%(url)s).") % {"url": url}
            ) from exc
        if response.status != 200:
            raise OParlError(
                _("The council system answered with HTTP status %(status)s (%(url)s).")
                % {"status": response.status, "url": url}
            )
        try:
            data = json.loads(response.content.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as exc:
            raise OParlError(
                _("The council system did not return valid JSON (%(url)s).") % {"url": url}
            ) from exc
        if not isinstance(data, dict):
            raise OParlError(
                _("The council system did not return an OParl object (%(url)s).") % {"url": url}
            )
        return data

    def changed(self, list_url: str, since: datetime, wanted: str) -> dict | None:
        """The object `wanted` if it is among the list's objects modified since `since`."""
        url = with_query(list_url, modified_since=since.isoformat(timespec="seconds"),
                         omit_internal="true")  # fmt: skip
        for _page in range(MAX_LIST_PAGES):
            items, url = parse_list_page(self.get(url))
            for item in items:
                if item.get("id") == wanted:
                    return item
            if not url:
                return None
        raise OParlError(_("The council system's list of changes has too many pages."))


def read_decision(
    client: Client,
    paper_url: str,
    *,
    agenda_item_url: str = "",
    changes_url: str = "",
    since: datetime | None = None,
) -> Decision:
    """Read what the council has decided on a paper.

    With the agenda item, the Body's list of changed agenda items (`changes_url`) and the time
    of the last check (`since`) from an earlier check, only the list is asked whether the item
    changed; otherwise the paper is read and the item fetched.
    """
    paper = parse_paper(client.get(paper_url))
    consultation = authoritative_consultation(paper)
    decision = Decision(paper=paper, consultation=consultation, changes_url=changes_url)
    if consultation is None or not consultation.agenda_item:
        return decision
    if not decision.changes_url and paper.body:
        decision.changes_url = _url(_require(client.get(paper.body), "Body"), "agendaItem")
    if agenda_item_url == consultation.agenda_item and decision.changes_url and since is not None:
        data = client.changed(decision.changes_url, since, consultation.agenda_item)
        if data is None:
            decision.unchanged = True
            return decision
    else:
        data = client.get(consultation.agenda_item)
    item = parse_agenda_item(data)
    if item.deleted:
        raise OParlError(_("The council system has deleted the agenda item of this paper."))
    decision.agenda_item = item
    meeting_url = consultation.meeting or item.meeting
    if item.result and meeting_url:
        decision.meeting = parse_meeting(client.get(meeting_url))
    return decision
