"""Tests reach the site's pages and API by `reverse()`, never by a hand-written path.

A path written into a test goes stale silently when a URL changes; `reverse()` fails loudly.
This scans every test module and fails on a string (or f-string) that resolves to one of the
site's URLs. The few literals that are themselves the thing tested are listed in ALLOWED."""

import ast
import re
from pathlib import Path

from django.urls import Resolver404, resolve
from django.utils import translation

ROOT = Path(__file__).resolve().parents[2]

# (test module, literal): why the literal itself is the thing tested.
ALLOWED = {
    ("bildungsnetz/tests/test_site.py", "/healthz"): "probes ask this exact path",
    ("bildungsnetz/tests/test_private_files.py", "/media/cooperation/agreements/"): "file layout",
    ("bildungsnetz/tests/test_private_files.py", "/media/monitoring/imports/"): "file layout",
    ("bildungsnetz/tests/test_private_files.py", "/media/loose/geheim.txt"): "unclaimed file",
    (
        "bildungsnetz/tests/test_private_files.py",
        "/media/cooperation/agreements/x/../",
    ): "traversal",
    ("api/tests/test_api.py", "/api/v1/organisations/{slug}"): "OpenAPI path key",
    ("api/tests/test_api.py", "/api/v1/places/{key}"): "OpenAPI path key",
    ("api/tests/test_openapi_document.py", "/api/v1/places/{key}"): "OpenAPI path key",
    ("offers/tests/test_concurrent_edits.py", "/api/v1/offers/{slug}"): "OpenAPI path key",
}


def _test_modules():
    for path in sorted(ROOT.glob("*/tests/**/*.py")):
        if path != Path(__file__).resolve() and ".venv" not in path.parts:
            yield path


def _literals(tree):
    """(line, text, probes): every string that starts like a path; an f-string's `{…}` fields
    are filled with probe values (a word, then a number for `<int:…>` converters), and a
    leading `{live_server.url}`-like field is dropped."""
    inside = {id(v) for n in ast.walk(tree) if isinstance(n, ast.JoinedStr) for v in n.values}
    for node in ast.walk(tree):
        if id(node) in inside:
            continue
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.lineno, node.value, [node.value]
        elif isinstance(node, ast.JoinedStr):
            values = node.values
            if values and not isinstance(values[0], ast.Constant):
                values = values[1:]
            text = "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in values)
            probes = [text.replace("{}", probe) for probe in ("probe", "1")]
            yield node.lineno, text, probes


def _resolves(path: str) -> bool:
    path = re.split(r"[?#]", path, maxsplit=1)[0]
    if path.startswith("/en/"):
        path = path[3:]
    if not path.startswith("/") or path.startswith("//") or path == "/" or " " in path:
        return False
    with translation.override("de"):
        try:
            resolve(path)
        except Resolver404:
            return False
    return True


def hard_coded_urls(path: Path) -> list[str]:
    name = path.relative_to(ROOT).as_posix()
    return [
        f"{name}:{line}: {text!r}"
        for line, text, probes in _literals(ast.parse(path.read_text()))
        if (name, text) not in ALLOWED and any(_resolves(probe) for probe in probes)
    ]


def test_no_test_writes_a_url_of_the_site_by_hand():
    found = [hit for path in _test_modules() for hit in hard_coded_urls(path)]
    assert found == [], "use reverse() (or list a deliberate literal in ALLOWED):\n" + "\n".join(
        found
    )


def test_the_guard_finds_plain_and_formatted_paths_and_spares_other_strings():
    source = (
        'client.get("/angebote/?q=x")\n'
        'client.get(f"/api/v1/offers/{slug}")\n'
        'page.goto(f"{live_server.url}/en/orte/{key}/")\n'
        'client.get(f"/monitoring/import/{log.pk}/")\n'
        'Path("/usr/bin/chromium")\n'
        'client.get("/api/v1/no-such-thing")\n'
        'client.get("/")\n'
    )
    tree = ast.parse(source)
    flagged = [text for _line, text, probes in _literals(tree) if any(_resolves(p) for p in probes)]
    assert sorted(flagged) == sorted(
        ["/angebote/?q=x", "/api/v1/offers/{}", "/en/orte/{}/", "/monitoring/import/{}/"]
    )
