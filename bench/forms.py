"""The edit forms' territory select: its options written in the widget's own template
(`places/widgets/grouped_territory_select.html`) against Django's `select.html`, which
includes `select_option.html` once per option, in the same run.

Renders an offer's whole edit form (every field through `includes/form_field.html`, as the
edit page does) for a public offer of the database, --repeat times each way, alternating.

    make run                      (once: the demo, with Leipzig's and Vienna's districts)
    .venv/bin/python bench/forms.py [--repeat 30]
    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/load_bench .venv/bin/python bench/forms.py

Prints the figures; it is not a test.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bildungsnetz.settings")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=30)
    options = parser.parse_args()

    django.setup()
    # after django.setup(): app modules import models
    from django.forms import Select
    from django.template.loader import render_to_string

    from actors.models import Organisation
    from offers.forms import OfferForm
    from offers.models import Offer
    from places.forms import GroupedTerritorySelect

    offer = Offer.objects.filter(is_public=True).order_by("pk").first()
    if offer is None:
        sys.exit("No public offer in this database: load the demo first (make run).")

    def render() -> float:
        form = OfferForm(instance=offer)
        # As for an editor of the one organisation (without a user: every organisation).
        form.fields["provider"].queryset = Organisation.objects.filter(pk=offer.provider_id)
        started = time.perf_counter()
        for field in form:
            render_to_string("includes/form_field.html", {"field": field})
        return time.perf_counter() - started

    ours, django_s = GroupedTerritorySelect.template_name, Select.template_name
    times: dict[str, list[float]] = {ours: [], django_s: []}
    render()  # templates loaded and compiled once
    for _ in range(options.repeat):
        for template in (django_s, ours):
            GroupedTerritorySelect.template_name = template
            times[template].append(render())
    GroupedTerritorySelect.template_name = ours

    choices = len(OfferForm(instance=offer).fields["district"].choices)
    base, new = statistics.median(times[django_s]), statistics.median(times[ours])
    print(f"offer edit form, district select with {choices} options, median of {options.repeat}:")
    print(f"  Django's select.html (one include per option): {base * 1000:7.1f} ms")
    print(f"  options in the widget's template:              {new * 1000:7.1f} ms")
    print(f"  ratio: {base / new:.1f}x faster")


if __name__ == "__main__":
    main()
