"""The load test's clients, run by bench/load.py (see there; not meant to be run alone).

`MixUser` replays the mix of the issue: 70 % public pages and search, 20 % API reads, 10 %
logged-in edits (an editor's session, prepared by load.py, GETs an offer's edit form and POSTs it
back with a changed description, CSRF token and edit_version included). `BareUser` asks only
the bare view (the ceiling). `PageUser` asks one page of the mix, named by LOAD_ONLY, without
pause (a page's own saturated throughput). Targets (slugs, codes, the editor's session) come from
the JSON file named by LOAD_TARGETS.
"""

from __future__ import annotations

import itertools
import json
import os
import random
from html.parser import HTMLParser
from http.cookiejar import Cookie
from urllib.parse import urlencode

from locust import between, constant, events, task
from locust.contrib.fasthttp import FastHttpSession, FastHttpUser

TARGETS = json.loads(open(os.environ["LOAD_TARGETS"], encoding="utf-8").read())  # noqa: SIM115
WAIT = [float(x) for x in os.environ.get("LOAD_WAIT", "0.5,2").split(",")]
EDIT_OFFERS = itertools.cycle(TARGETS["edit"]["offers"])
RAW = []  # (page, ms, failed) of every request: load.py computes the public pages' percentiles


@events.request.add_listener
def _record(request_type, name, response_time, response_length, exception=None, **kwargs):
    RAW.append((name, response_time, exception is not None))


@events.quitting.add_listener
def _write(environment, **kwargs):
    if os.environ.get("LOAD_RAW"):
        with open(os.environ["LOAD_RAW"], "w", encoding="utf-8") as f:
            json.dump(RAW, f)


def _words(n):
    return " ".join(random.sample(TARGETS["words"], n))


# --- the pages: (name, share of the mix in %, function(client)) --------------------------------


def home(c):
    c.get("/", name="home")


def organisation_list(c):
    params = random.choice(
        [{"kind": random.choice(TARGETS["org_kinds"])}, {"city": random.choice(TARGETS["cities"])},
         {"q": _words(1)}, {"q": _words(1), "kind": random.choice(TARGETS["org_kinds"])}, {}]
    )  # fmt: skip
    c.get("/organisationen/?" + urlencode(params), name="organisation list (filters)")


def organisation_detail(c):
    c.get(f"/organisationen/{random.choice(TARGETS['organisations'])}/", name="organisation detail")


def offer_search(c):
    params = {"q": _words(random.choice([1, 1, 2, 2, 3]))}
    params.update(random.choice([{}, {}, {"cost": "free"}, {"kind": "non_formal"},
                                 {"access": "step_free"}, {"stage": "school"}]))  # fmt: skip
    c.get("/angebote/?" + urlencode(params), name="offer search (words)")


def offer_list(c):
    params = random.choice([{}, {"cost": "free"}, {"stage": "school"}, {"access": "step_free"}])
    c.get("/angebote/?" + urlencode(params), name="offer list (facets)")


def offer_detail(c):
    c.get(f"/angebote/{random.choice(TARGETS['offers'])}/", name="offer detail")


def indicator(c):
    c.get(f"/monitoring/indikatoren/{random.choice(TARGETS['indicators'])}/", name="indicator")


def report(c):
    c.get(f"/berichte/{random.choice(TARGETS['reports'])}/", name="report")


def event_list(c):
    c.get("/veranstaltungen/", name="event list")


def api_organisations(c):
    params = {"limit": 50, "offset": random.randrange(0, 2000, 50)}
    c.get("/api/v1/organisations/?" + urlencode(params), name="api: organisations")


def api_organisation(c):
    c.get(f"/api/v1/organisations/{random.choice(TARGETS['organisations'])}",
          name="api: organisation")  # fmt: skip


def api_offers(c):
    params = random.choice([{"limit": 50}, {"q": _words(1), "limit": 50}])
    c.get("/api/v1/offers/?" + urlencode(params), name="api: offers")


def api_offer(c):
    c.get(f"/api/v1/offers/{random.choice(TARGETS['offers'])}", name="api: offer")


def api_place(c):
    c.get(f"/api/v1/places/{random.choice(TARGETS['places'])}", name="api: place")


def api_indicators(c):
    c.get("/api/v1/monitoring/indicators", name="api: indicators")


PUBLIC = [("home", 8, home), ("organisation list (filters)", 10, organisation_list),
          ("organisation detail", 10, organisation_detail),
          ("offer search (words)", 14, offer_search), ("offer list (facets)", 6, offer_list),
          ("offer detail", 10, offer_detail), ("indicator", 5, indicator),
          ("report", 4, report), ("event list", 3, event_list)]  # fmt: skip
API = [("api: organisations", 4, api_organisations), ("api: organisation", 4, api_organisation),
       ("api: offers", 4, api_offers), ("api: offer", 4, api_offer),
       ("api: place", 2, api_place), ("api: indicators", 2, api_indicators)]  # fmt: skip
EDIT_SHARE = 10
PAGES = {name: fn for name, _share, fn in PUBLIC + API}


class _Form(HTMLParser):
    """The fields of the form holding `marker`, as a browser would submit them unchanged."""

    def __init__(self, marker):
        super().__init__(convert_charrefs=True)
        self.marker, self.forms, self.current = marker, [], None
        self.select = self.textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.current = []
            self.forms.append(self.current)
        elif self.current is None:
            return
        elif tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self.current.append([a["name"], a.get("value", "on" if kind == "checkbox" else "")])
        elif tag == "select" and a.get("name"):
            self.select = [a["name"], None, None, "multiple" in a]
        elif tag == "option" and self.select is not None:
            value = a.get("value", "")
            if self.select[1] is None:
                self.select[1] = value
            if "selected" in a:
                if self.select[3]:
                    self.current.append([self.select[0], value])
                else:
                    self.select[2] = value
        elif tag == "textarea" and a.get("name"):
            self.textarea = [a["name"], ""]

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "select" and self.select is not None:
            name, first, chosen, multiple = self.select
            if not multiple:
                self.current.append([name, chosen if chosen is not None else first])
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            self.current.append(self.textarea)
            self.textarea = None
        elif tag == "form":
            self.current = None

    def fields(self):
        return next((f for f in self.forms if any(name == self.marker for name, _ in f)), None)


def _cookie(name, value):
    return Cookie(0, name, value, None, False, "127.0.0.1", False, False, "/", True, False, None,
                  True, None, None, {}, False)  # fmt: skip


class _Base(FastHttpUser):
    abstract = True
    wait_time = between(*WAIT)


def edit(user):
    """An editor's save: GET an offer's edit form, POST it back with a changed description."""
    slug = next(EDIT_OFFERS)
    url = f"/angebote/{slug}/bearbeiten/"
    with user.editor.get(url, name="edit: form", catch_response=True) as response:
        parser = _Form("title_de")
        parser.feed(response.text or "")
        fields = parser.fields()
        if response.status_code != 200 or fields is None:
            response.failure(f"no edit form ({response.status_code})")
            return
    user.saves += 1
    text = f"Geändert im Lasttest ({user.saves})."
    data = [(k, text if k == "description_de" else v) for k, v in fields]
    headers = {"Content-Type": "application/x-www-form-urlencoded",
               "Referer": f"{user.host}{url}"}  # fmt: skip
    with user.editor.post(url, data=urlencode(data), headers=headers, name="edit: save",
                          allow_redirects=False, catch_response=True) as response:  # fmt: skip
        if response.status_code != 302:
            response.failure(f"not saved ({response.status_code})")


def _on_client(fn):
    def run(user):
        fn(user.client)

    run.__name__ = fn.__name__
    return run


class MixUser(_Base):
    """A visitor of the mix; every tenth action is an editor's save through the edit form."""

    tasks = {**{_on_client(fn): share for _name, share, fn in PUBLIC + API}, edit: EDIT_SHARE}

    def on_start(self):
        # The same timeouts and no retries, as self.client (the session's own defaults time out
        # after 20 s and send the request again: more load exactly when the server is full).
        self.editor = FastHttpSession(
            self.host, self.environment.events.request, self,
            network_timeout=self.network_timeout, connection_timeout=self.connection_timeout,
            max_retries=self.max_retries,
        )  # fmt: skip
        self.editor.cookiejar.set_cookie(_cookie("sessionid", TARGETS["edit"]["session"]))
        self.saves = 0


class BareUser(_Base):
    """The ceiling: the bare view (HttpResponse("ok")) on the same server, without pause."""

    wait_time = constant(0)

    @task
    def bare(self):
        self.client.get("/__bench/bare", name="bare view")


class PageUser(_Base):
    """One page of the mix alone, without pause: its saturated throughput."""

    wait_time = constant(0)

    @task
    def page(self):
        PAGES[os.environ["LOAD_ONLY"]](self.client)
