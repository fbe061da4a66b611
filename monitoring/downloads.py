"""The one way the monitoring pages and /opendata/ answer with a file: CSV or JSON streamed,
XLSX written whole (a spreadsheet has a row limit, `opendata.TooManyRows`)."""

from __future__ import annotations

import io

from django.http import HttpResponse, HttpResponseBadRequest, StreamingHttpResponse
from django.utils.translation import gettext as _

from .opendata import TooManyRows, stream_csv, stream_json, write_xlsx

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def download(fmt: str, filename: str, header, rows):
    """The rows as a CSV or JSON stream, or an XLSX file; every row names its source and
    licence (see `selectors.EXPORT_HEADER`)."""
    if fmt == "xlsx":
        buffer = io.BytesIO()
        try:
            write_xlsx(buffer, header, rows)
        except TooManyRows:
            return HttpResponseBadRequest(
                _("Too many rows for a spreadsheet; download CSV or JSON instead."),
                content_type="text/plain; charset=utf-8",
            )
        response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
        return response
    if fmt == "json":
        response = StreamingHttpResponse(stream_json(header, rows), content_type="application/json")
    else:
        response = StreamingHttpResponse(
            stream_csv(header, rows), content_type="text/csv; charset=utf-8"
        )
        fmt = "csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response
