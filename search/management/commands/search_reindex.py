from django.core.management.base import BaseCommand

from search.indexing import reindex
from search.registry import sources


class Command(BaseCommand):
    help = "Rebuild the full-text index (all kinds, or the ones given)."

    def add_arguments(self, parser):
        parser.add_argument("kinds", nargs="*", help=f"kinds to rebuild: {', '.join(sources())}")

    def handle(self, *args, kinds=None, **options):
        unknown = set(kinds or ()) - set(sources())
        if unknown:
            self.stderr.write(f"unknown kinds: {', '.join(sorted(unknown))}")
            return
        count = reindex(kinds or None, stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS(f"{count} entries indexed."))
