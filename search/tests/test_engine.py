"""The engine on the current database (SQLite in one CI leg, PostgreSQL in the other)."""

import pytest
from django.core.management import call_command
from django.db import transaction

from actors.models import Organisation, Topic
from actors.tests.factories import OrganisationFactory
from offers.models import Offer
from offers.tests.factories import OfferFactory
from search import engine
from search.indexing import suspended
from search.models import SearchEntry

pytestmark = pytest.mark.django_db


def _titles(q, **kwargs):
    return [h.title for h in engine.search(q, **kwargs).hits]


@pytest.fixture
def territories(reference_territories):
    pass


def test_saving_an_object_indexes_it(territories):
    OrganisationFactory(name_de="Schülerhilfe Nord", slug="schuelerhilfe-nord")
    assert _titles("Schuelerhilfe") == ["Schülerhilfe Nord"]


def test_index_update_is_in_the_same_transaction_and_rolled_back_with_it(territories):
    with pytest.raises(RuntimeError), transaction.atomic():
        OrganisationFactory(name_de="Rollback Akademie", slug="rollback-akademie")
        # Inside the transaction the entry is already there: same transaction, no queue.
        assert _titles("Rollback") == ["Rollback Akademie"]
        raise RuntimeError
    assert _titles("Rollback") == []
    assert not SearchEntry.objects.filter(title="Rollback Akademie").exists()


def test_renaming_updates_and_deleting_removes_the_entry(territories):
    org = OrganisationFactory(name_de="Alter Name", slug="alt")
    org.name_de = org.name_en = "Neuer Titel"
    org.save()
    assert _titles("Alter") == []
    assert _titles("Titel") == ["Neuer Titel"]
    org.delete()
    assert _titles("Titel") == []


def test_adding_a_topic_indexes_its_name(territories):
    from actors.services import taxonomies_load

    taxonomies_load()
    org = OrganisationFactory(name_de="Verein Y", slug="verein-y")
    assert _titles("Ganztagsschule") == []
    org.topics.add(Topic.objects.get(slug="ganztag"))
    assert _titles("Ganztagsschule") == ["Verein Y"]


def test_renaming_a_provider_reindexes_its_offers(territories):
    offer = OfferFactory(title_de="Schwimmkurs")
    offer.provider.name_de = "Wasserfreunde"
    offer.provider.save()
    assert "Schwimmkurs" in _titles("Wasserfreunde", kinds=["offer"])


def test_title_matches_rank_above_body_matches(territories):
    OrganisationFactory(name_de="Verein A", slug="a", description_de="Wir bieten Mathematik.")
    OrganisationFactory(name_de="Mathematik für alle", slug="b", description_de="Ein Verein.")
    assert _titles("Mathematik") == ["Mathematik für alle", "Verein A"]


def test_every_word_must_match(territories):
    OrganisationFactory(name_de="Lesen in Erfurt", slug="x1")
    assert _titles("Lesen Wien") == []
    assert _titles("lesen erfurt") == ["Lesen in Erfurt"]


def test_the_last_word_matches_as_a_prefix_while_typing(territories):
    OrganisationFactory(name_de="Weiterbildungszentrum", slug="wbz")
    assert _titles("Weiterbil") == ["Weiterbildungszentrum"]


def test_snippets_highlight_and_escape(territories):
    OrganisationFactory(
        name_de="Verein <b>Z</b>", slug="z", description_de="Nachhilfe für Schüler & Eltern"
    )
    hit = engine.search("Schueler").hits[0]
    assert "<mark>Schüler</mark>" in hit.snippet
    assert "&amp;" in hit.snippet
    assert "<b>" not in hit.title_html


def test_hidden_objects_stay_out_of_the_global_search(territories):
    OrganisationFactory(name_de="Geheimer Kreis", slug="geheim", is_public=False)
    assert _titles("Geheimer") == []


def test_territory_filter_keeps_objects_below_the_city(reference_territories):
    from places.models import Territory

    erfurt = Territory.objects.get_by_key("ags:16051000")
    OrganisationFactory(name_de="Lernladen Erfurt", slug="le", seat=erfurt)
    OrganisationFactory(
        name_de="Lernladen Wien", slug="lw", seat=Territory.objects.get_by_key("gkz:90001")
    )
    assert _titles("Lernladen", territory=erfurt) == ["Lernladen Erfurt"]


def test_reindex_rebuilds_what_bulk_loaders_skipped(territories):
    with suspended():
        OrganisationFactory(name_de="Stiller Import", slug="still")
    assert _titles("Stiller") == []
    call_command("search_reindex", "organisation", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert _titles("Stiller") == ["Stiller Import"]


def test_ranked_results_page_through_a_filtered_queryset(territories):
    provider = OrganisationFactory()
    for n in range(5):
        OfferFactory(
            provider=provider, title_de=f"Gitarrenkurs {n}", cost="free" if n % 2 else "paid"
        )
    results = engine.ranked(Offer.objects.filter(cost="free"), "Gitarrenkurs", kind="offer")
    assert results.count() == 2
    page = results[0:1]
    assert len(page) == 1 and page[0].cost == "free"
    assert "<mark>" in page[0].search_title


def test_empty_query_leaves_the_queryset_alone(territories):
    OrganisationFactory()
    qs = Organisation.objects.all()
    assert engine.filter_queryset(qs, "  ", kind="organisation") is qs
    assert engine.search("").total == 0


@pytest.mark.django_db
def test_postgresql_sessions_run_without_jit_and_parallel_workers():
    """The first matches in storage order must not depend on timing (no parallel workers), and
    no query pays for JIT compilation (bench/README.md: it doubled the p95)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL session settings")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
        cursor.execute("SHOW max_parallel_workers_per_gather")
        assert cursor.fetchone()[0] == "0"


@pytest.mark.django_db
def test_postgresql_keeps_the_entries_texts_out_of_line_so_counts_read_narrow_rows():
    """A count visits the row of every match; the texts and the tsvector live in the TOAST
    table (search/migrations/0006), so the rows it visits are a few hundred bytes."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL storage")
    with connection.cursor() as cursor:
        cursor.execute("SELECT reloptions FROM pg_class WHERE relname = 'search_searchentry'")
        assert "toast_tuple_target=128" in cursor.fetchone()[0]
        cursor.execute(
            "SELECT attname, attstorage FROM pg_attribute WHERE attrelid = "
            "'search_searchentry'::regclass AND attname IN ('document', 'body', 'body_norm')"
        )
        assert dict(cursor.fetchall()) == {"document": "e", "body": "e", "body_norm": "e"}


@pytest.mark.django_db
def test_postgresql_counts_organisations_on_an_index_of_their_own():
    """Organisations' matches come from their own GIN index, not from the one shared with a
    million offers (search/migrations/0007): a common word or a prefix there merges the
    offers' posting lists too."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL indexes")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'search_entry_organisation_gin'"
        )
        (definition,) = cursor.fetchone()
    assert "USING gin (document) WHERE ((kind)::text = 'organisation'::text)" in definition
    assert "organisation" in engine.PARTIAL_INDEX_KINDS  # counted without the type tag


def test_a_query_without_words_ranks_nothing(territories):
    """Characters that normalise to nothing (a 200-digit number) are no words: no match, no
    SQL error."""
    OrganisationFactory(name_de="Zahlenverein", slug="zahlen")
    queryset = Organisation.objects.all()
    assert list(engine.ranked(queryset, "0" * 200, kind="organisation")) == []
    assert engine.search("0" * 200).total == 0
