"""Discovery of the SearchSource lists the apps declare in `<app>/search_index.py`."""

from __future__ import annotations

from functools import cache
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps

from .ranking import CODE_MAX
from .sources import SearchSource


@cache
def sources() -> dict[str, SearchSource]:
    """kind -> source, in INSTALLED_APPS order."""
    found: dict[str, SearchSource] = {}
    for config in apps.get_app_configs():
        module_name = f"{config.name}.search_index"
        if config.name.startswith("django") or not find_spec(module_name):
            continue
        for source in getattr(import_module(module_name), "SOURCES", []):
            if source.kind in found:
                raise ValueError(f"search kind {source.kind!r} declared twice")
            taken = {s.code: s.kind for s in found.values()}
            if source.code in taken or not 1 <= source.code <= CODE_MAX:
                raise ValueError(
                    f"search kind {source.kind!r}: code {source.code} is taken by "
                    f"{taken.get(source.code)!r} or outside 1-{CODE_MAX}"
                )
            found[source.kind] = source
    return found


def source_for_model(model) -> SearchSource | None:
    for source in sources().values():
        if source.model is model or issubclass(model, source.model):
            return source
    return None
