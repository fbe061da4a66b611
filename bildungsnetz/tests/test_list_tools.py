"""Every list page sorts and exports through one partial, includes/list_tools.html (#13,
finding 9): the same links, the current order marked, the other filters kept."""

import re

import pytest
from django.urls import reverse

LISTS = [
    ("actors:organisation_list", "city"),
    ("offers:offer_list", "start"),
    ("cooperation:partnership_list", "since"),
    ("cooperation:agreement_list", None),
    ("cooperation:project_list", None),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "sort"), LISTS, ids=[name for name, _sort in LISTS])
def test_every_list_page_sorts_and_exports_through_the_one_partial(client, name, sort):
    url = reverse(name)
    params = {"q": "Schule"}
    if sort:
        params["sort"] = sort
    html = client.get(url, params).content.decode()
    tools = re.search(r'<nav aria-label="Sortieren und exportieren".*?</nav>', html, re.S)
    assert tools, f"{url} has no sort-and-export links"
    links = tools.group(0)
    for fmt in ("csv", "xlsx", "json"):
        assert re.search(rf'href="\?q=Schule(&amp;sort=\S+)?&amp;format={fmt}"', links), fmt
    if sort:
        assert re.search(rf'sort={re.escape(sort)}" aria-current="true"', links), links
