"""Every API endpoint has a URL name of its own.

django-ninja names an endpoint's URL after its function; two routers with a function of the
same name (`get_programme` in cooperation for exchange programmes and in programme for work
programmes) made `reverse("api-v1:get_programme")` answer one app's URL for the other's."""

from collections import Counter

from django.urls import URLPattern, URLResolver, get_resolver


def _names(patterns, namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _names(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", str(entry.pattern)


def test_no_two_api_endpoints_share_a_url_name():
    routes: dict[str, set[str]] = {}
    for name, pattern in _names(get_resolver().url_patterns):
        if name.startswith("api-v1:"):
            routes.setdefault(name, set()).add(pattern)
    shared = {name: sorted(patterns) for name, patterns in routes.items() if len(patterns) > 1}
    assert not shared, f"endpoints named alike (rename one function): {shared}"
    assert Counter(name.split(":")[0] for name in routes)["api-v1"] > 20  # the walk found them
