"""`manage.py import_open_data leipzig bochum`: the cities' open data into the directory and
the portal (organisations, and Leipzig's STEM learning offers). Safe to run again: what did not
change is not written."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from actors import opendata as directory

from ... import opendata

CITIES = ("leipzig", "bochum")


class Command(BaseCommand):
    help = "Load the open data of Leipzig and Bochum (organisations, learning offers)."

    def add_arguments(self, parser):
        parser.add_argument("cities", nargs="*", help="leipzig, bochum (default: both)")

    def handle(self, *args, cities=(), **options):
        cities = cities or CITIES
        unknown = sorted(set(cities) - set(CITIES))
        if unknown:
            raise CommandError(f"unknown cities: {', '.join(unknown)} (known: {', '.join(CITIES)})")
        self.stdout.write(f"open data from {directory.data_dir()}")
        with transaction.atomic():
            directory.load(self.stdout, cities=cities)
            if "leipzig" in cities:
                opendata.load_mint_offers(self.stdout)
        self.stdout.write(self.style.SUCCESS("Open data loaded."))
