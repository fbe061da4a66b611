"""The generator leaves its tables ready to read (#19): statistics, and on PostgreSQL the
visibility map (bench/load.py measures on generated data, and a server without autovacuum would
otherwise count every row instead of reading an index alone)."""

import pytest
from django.core.management import call_command
from django.db import connection

from actors.models import Organisation
from offers.models import Offer


@pytest.mark.django_db(transaction=True)
def test_generated_tables_are_vacuumed_so_counts_can_read_an_index_alone():
    call_command("generate", organisations=6, offers=30, seed=7, stdout=None)
    assert Offer.objects.filter(slug__startswith="gen7-").count() == 30
    tables = ["actors_organisation", "offers_offer", "offers_offer_topics"]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT relname, relallvisible FROM pg_class WHERE relname = ANY(%s)", [tables]
            )
            visible = dict(cursor.fetchall())
            assert all(visible[t] > 0 for t in tables), visible
        else:
            cursor.execute(
                "SELECT DISTINCT tbl FROM sqlite_stat1 WHERE tbl IN (%s, %s, %s)", tables
            )
            assert {row[0] for row in cursor.fetchall()} == set(tables)
    assert Organisation.objects.filter(slug__startswith="gen7-").count() == 6
