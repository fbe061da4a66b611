"""The layout rules of the codebase that import-linter cannot express."""

import ast
import importlib.util
from pathlib import Path

from django.apps import apps
from django.conf import settings


def _project_apps() -> dict[str, Path]:
    """The project's own apps (not libraries) by their top-level package and folder."""
    root = Path(settings.BASE_DIR).resolve()
    return {
        config.name.split(".")[0]: Path(config.path).resolve()
        for config in apps.get_app_configs()
        if Path(config.path).resolve().parent == root
    }


def _is_views(module: str) -> bool:
    """`app.views`, `app.views_import`, `app.views.agreements`: a module of the project's
    pages (Django's own `django.views` is a library)."""
    parts = module.split(".")
    return parts[0] in _project_apps() and any(
        part == "views" or part.startswith("views_") for part in parts[1:]
    )


def _is_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ImportError:
        return False


def _views_imports(path: Path, package: str) -> list[str]:
    """The views modules a source file imports; `package` is the file's own (for `from .`)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names if _is_views(alias.name)]
        elif isinstance(node, ast.ImportFrom):
            module = importlib.util.resolve_name("." * node.level + (node.module or ""), package)
            if _is_views(module):
                found.append(module)
            else:  # `from app import views`, not `from .selectors import views_count`
                found += [
                    f"{module}.{alias.name}"
                    for alias in node.names
                    if _is_views(f"{module}.{alias.name}") and _is_module(f"{module}.{alias.name}")
                ]
    return found


def _project_sources():
    root = Path(settings.BASE_DIR).resolve()
    for folder in _project_apps().values():
        for path in sorted(folder.rglob("*.py")):
            parts = path.relative_to(folder).parts
            if "tests" in parts or "migrations" in parts:
                continue
            package = ".".join(path.relative_to(root).parts[:-1])
            yield path.relative_to(root), path, package


def _is_url_module(relative: Path) -> bool:
    """`urls.py`, or a part of an app's URLs included by it (`surveys/urls_answer.py`)."""
    return relative.name.endswith("urls.py") or relative.name.startswith("urls_")


def _in_views_package(relative: Path) -> bool:
    """A module of a views package (`cooperation/views/…`) may use its siblings."""
    return "views" in relative.parts[:-1]


# Known offenders still to be moved (issue #13), each with what it imports. The test fails
# when one of them is fixed, so the entry goes with the fix.
NOT_YET = {}


def test_only_url_modules_import_views():
    """Pages are reached through URLs only: shared code lives in selectors, services or a
    module of its own (`monitoring/downloads.py`), never in a views module that an API, a
    template tag or another page imports."""
    offenders = {
        str(relative): imports
        for relative, path, package in _project_sources()
        if not _is_url_module(relative) and not _in_views_package(relative)
        for imports in [_views_imports(path, package)]
        if imports
    }
    assert offenders == NOT_YET


def test_the_views_scan_sees_every_form_of_import(tmp_path):
    source = tmp_path / "sample.py"
    source.write_text(
        "import offers.views\n"
        "from . import views_import\n"
        "from .views import download\n"
        "from monitoring import views\n"
        "from .selectors import views_count\n"  # a function, not a module
        "from .previews import x\n"
    )
    assert _views_imports(source, "monitoring") == [
        "offers.views",
        "monitoring.views_import",
        "monitoring.views",
        "monitoring.views",
    ]


def test_monitoring_pages_and_api_read_through_selectors():
    """The monitoring pages and API endpoints ask `monitoring/selectors.py` (the exports use
    the same reads) and write through `monitoring/services.py`: no query of a model's manager
    in a views module or in api.py."""
    folder = Path(settings.BASE_DIR).resolve() / "monitoring"
    views = sorted([*folder.glob("views.py"), *folder.glob("views_*.py"), folder / "api.py"])
    assert views, "no views module found"
    offenders = {
        path.name: [
            n for n, line in enumerate(path.read_text().splitlines(), 1) if ".objects." in line
        ]
        for path in views
    }
    assert {name: lines for name, lines in offenders.items() if lines} == {}
