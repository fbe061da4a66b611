"""Report PDF: a full report of about 40 pages with 30 indicator blocks (charts with their
tables) rendered to a tagged PDF, with the HTML-only time (the same document as the web
report) beside it.

    DATABASE_URL=sqlite:////tmp/bench_reports.sqlite3 .venv/bin/python bench/reports.py
    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/rep_bench .venv/bin/python bench/reports.py

Target: PDF under 30 s on the two-core machine. Prints the figures and the PDF/HTML ratio of
this run; it is not a test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import sys
import time
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bildungsnetz.settings")
os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/bench_reports.sqlite3")

PARAGRAPH = (
    "<p>Die Bildungsbeteiligung unterscheidet sich zwischen den Stadtteilen deutlich. Der "
    "Bericht beschreibt die Entwicklung seit 2008 und ordnet sie in den Vergleich mit den "
    "Nachbarkreisen ein; jede Zahl trägt ihre Quelle, ihren Zeitraum und ihre Lizenz. "
    "Die Kommentare der Fachämter ergänzen die Daten um das, was Zahlen nicht zeigen.</p>"
)


def build(blocks: int, sections: int, paragraphs: int):
    # after django.setup(): app modules import models
    from django.core.management import call_command

    from monitoring.models import Dataset, Indicator, IndicatorValue  # after django.setup()
    from places.models import Level, Territory  # after django.setup()
    from reports.models import Block, Report, Section  # after django.setup()

    call_command("migrate", verbosity=0)
    Report.objects.filter(slug="bench-bericht").delete()
    territories = []
    for n in range(5):
        t, _ = Territory.objects.get_or_create(
            scheme="ags", code=f"{99100000 + n * 1000}",
            defaults={"name_de": f"Benchstadt {n}", "name_en": f"Benchstadt {n}",
                      "level": Level.CITY, "country": "DE"},
        )  # fmt: skip
        territories.append(t)
    dataset, _ = Dataset.objects.get_or_create(
        code="99999-01-01-4", defaults={"title": "Bench", "source": "Regionaldatenbank"}
    )
    indicators = []
    for i in range(blocks):
        indicator, created = Indicator.objects.get_or_create(
            code=f"bench-indikator-{i}",
            defaults={"area": "context", "name": f"Benchindikator {i}", "unit": "%",
                      "numerator": {"measure": "BENCH"}},
        )  # fmt: skip
        indicators.append(indicator)
        if created:
            IndicatorValue.objects.bulk_create(
                IndicatorValue(
                    indicator=indicator,
                    territory=t,
                    period=str(year),
                    period_date=dt.date(year, 12, 31),
                    value=10 + i + year % 7 + k,
                    dataset=dataset,
                )
                for k, t in enumerate(territories)
                for year in range(2008, 2016)
            )
    report = Report.objects.create(
        slug="bench-bericht", title="Benchbericht", kind="full", territory=territories[0],
        period="2015",
    )  # fmt: skip
    report.comparison_territories.set(territories[1:])
    per_section = -(-blocks // sections)
    for s in range(sections):
        figure = (
            f"{{{{ indicator:{indicators[s].code} territory:{territories[0].key} period:2015 }}}}"
        )
        body = f"<p>Kennzahl: {figure}.</p>" + PARAGRAPH * paragraphs
        section = Section.objects.create(
            report=report, order=s, chapter="D", title=f"Teil {s}", body=body
        )
        for b in range(s * per_section, min(blocks, (s + 1) * per_section)):
            Block.objects.create(
                section=section, order=b, kind="chart", params={"indicator": indicators[b].code}
            )
    return report


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--blocks", type=int, default=30)
    parser.add_argument("--sections", type=int, default=10)
    parser.add_argument("--paragraphs", type=int, default=9)
    args = parser.parse_args()
    django.setup()
    import pypdf  # after django.setup(), with the app modules below

    from reports import pdf  # after django.setup(): app modules import models

    report = build(args.blocks, args.sections, args.paragraphs)
    pdf.document_html(report, language="de")  # warm-up: templates, vl-convert's engine
    started = time.perf_counter()
    html = pdf.document_html(report, language="de")
    html_seconds = time.perf_counter() - started
    started = time.perf_counter()
    data = pdf.pdf_bytes(html, identifier="bench")
    pdf_seconds = time.perf_counter() - started
    pages = len(pypdf.PdfReader(io.BytesIO(data)).pages)
    print(f"report: {args.blocks} chart blocks, {args.sections} sections, {pages} pages")
    print(f"HTML (queries, figures, SVG charts, template): {html_seconds:6.2f} s")
    print(f"PDF from that HTML (WeasyPrint, PDF/UA-1):    {pdf_seconds:6.2f} s")
    print(
        f"total {html_seconds + pdf_seconds:.2f} s; PDF / HTML = {pdf_seconds / html_seconds:.1f}"
    )


if __name__ == "__main__":
    main()
