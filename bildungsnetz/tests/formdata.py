"""What a browser would send back for a form as it was shown (for tests of edit forms)."""

from __future__ import annotations


def posted(form) -> dict:
    data = {}
    for bound in form:
        if bound.field.disabled:
            continue
        value = bound.value()
        if value is None or value is False:
            continue
        if value is True:
            data[bound.html_name] = "on"
        elif isinstance(value, list | tuple):
            data[bound.html_name] = [str(getattr(v, "pk", v)) for v in value]
        elif hasattr(value, "isoformat"):
            data[bound.html_name] = value.isoformat()
        elif hasattr(value, "name") and not isinstance(value, str):
            continue  # a stored file: not sent again
        else:
            data[bound.html_name] = str(value)
    return data
