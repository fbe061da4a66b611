"""The ranking rule (search.ranking) on small data, and the engine's answer checked against
the brute-force reference (search.reference) on random data, on the current database."""

import random
from datetime import date, timedelta

import pytest
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone

from offers.models import Offer
from offers.selectors import offer_list
from offers.tests.factories import OfferFactory, OrganisationFactory
from search import engine, forgiving, ranking, reference
from search.indexing import optimise
from search.tags import tag

pytestmark = pytest.mark.django_db


@pytest.fixture
def provider(reference_territories):
    forgiving.forget_vocabulary()
    yield OrganisationFactory(name_de="Träger", slug="traeger")
    forgiving.forget_vocabulary()


def _ranked(q, **kwargs):
    return [o.title_de for o in engine.ranked(Offer.objects.all(), q, kind="offer", **kwargs)]


def _offer(provider, title, body="Ein Lernangebot.", **fields):
    return OfferFactory(provider=provider, title_de=title, description_de=body, **fields)


def test_a_title_match_outranks_body_matches_however_late_it_was_inserted(provider):
    for n in range(30):
        _offer(provider, f"Treffpunkt {n}", "Wir lernen Origami gemeinsam.")
    _offer(provider, "Origami für alle")
    titles = _ranked("Origami")
    assert len(titles) == 31
    assert titles[0] == "Origami für alle"


def test_more_query_words_in_the_title_rank_higher(provider):
    _offer(provider, "Schach am Abend", "Für Senioren und alle anderen.")
    _offer(provider, "Schach für Senioren", "Am Abend.")
    assert _ranked("Schach Senioren") == ["Schach für Senioren", "Schach am Abend"]


def test_the_rarer_word_in_the_title_ranks_higher(provider):
    # "Kalligrafie" is in 2 offers, "Workshop" in 12: with one of the two in its title each,
    # the offer with the rare word in its title is the better match.
    _offer(provider, "Workshop am Samstag", "Kalligrafie mit Feder.")
    _offer(provider, "Kalligrafie am Samstag", "Ein Workshop mit Feder.")
    for n in range(10):
        _offer(provider, f"Workshop {n}", "Basteln.")
    optimise()  # the words' frequencies
    assert _ranked("Workshop Kalligrafie") == ["Kalligrafie am Samstag", "Workshop am Samstag"]


def test_a_shorter_title_ranks_higher_with_the_same_title_words(provider):
    _offer(provider, "Töpfern im Gemeinschaftsgarten mit Tee und Kuchen")
    _offer(provider, "Töpfern am Abend")
    assert _ranked("Töpfern") == [
        "Töpfern am Abend", "Töpfern im Gemeinschaftsgarten mit Tee und Kuchen",
    ]  # fmt: skip


def test_a_fresher_offer_outranks_an_older_one_with_equal_text_score(provider):
    today = timezone.now()
    _offer(provider, "Imkern A", start_date=date(2027, 5, 1), confirmed_at=today)
    _offer(provider, "Imkern B", start_date=date(2027, 3, 1), confirmed_at=today)
    earlier = today - timedelta(days=9)
    _offer(provider, "Imkern C", start_date=date(2027, 3, 1), confirmed_at=earlier)
    _offer(provider, "Imkern D", start_date=None, confirmed_at=today)
    # Later start first; the same start: confirmed more recently first; no start date last.
    assert _ranked("Imkern") == ["Imkern A", "Imkern B", "Imkern C", "Imkern D"]


def test_confirming_an_offer_again_moves_it_up(provider):
    old = timezone.now() - timedelta(days=30)
    first = _offer(provider, "Filzen X", confirmed_at=old)
    _offer(provider, "Filzen Y", confirmed_at=old + timedelta(days=1))
    assert _ranked("Filzen") == ["Filzen Y", "Filzen X"]
    first.confirmed_at = timezone.now()
    first.save()
    assert _ranked("Filzen") == ["Filzen X", "Filzen Y"]


def test_a_typo_finds_the_word(provider):
    _offer(provider, "Deutschkurs für Eltern")
    _offer(provider, "Hausaufgabenhilfe am Nachmittag")
    assert _ranked("Deutschkurz") == ["Deutschkurs für Eltern"]
    assert _ranked("Hausaufgabnhilfe Nachmittag") == ["Hausaufgabenhilfe am Nachmittag"]
    assert engine.ranked(Offer.objects.all(), "Deutschkurz", kind="offer").corrected


def test_compound_words_find_their_parts_and_the_parts_the_compound(provider):
    _offer(provider, "Deutsch-Kurs am Morgen")
    _offer(provider, "Kurs Deutsch für Eltern")
    _offer(provider, "Deutschkurs am Abend")
    assert sorted(_ranked("Deutschkurs")) == [
        "Deutsch-Kurs am Morgen", "Deutschkurs am Abend", "Kurs Deutsch für Eltern",
    ]  # fmt: skip
    assert sorted(_ranked("Deutsch Kurs")) == sorted(_ranked("Deutschkurs"))


def test_typing_without_umlauts_finds_them(provider):
    _offer(provider, "Lernförderung für Schüler")
    assert _ranked("Lernfoerderung Schueler") == ["Lernförderung für Schüler"]


def test_the_count_is_exact_up_to_the_limit_and_says_more_beyond(provider, monkeypatch):
    for n in range(7):
        _offer(provider, f"Jonglieren {n}")
    results = engine.ranked(Offer.objects.all(), "Jonglieren", kind="offer")
    assert results.count() == 7 and not results.more
    monkeypatch.setattr(engine, "COUNT_LIMIT", 5)
    results = engine.ranked(Offer.objects.all(), "Jonglieren", kind="offer")
    assert results.count() == 5 and results.more


def test_the_global_search_interleaves_kinds_by_the_same_rule(provider):
    OrganisationFactory(name_de="Sternwarte Nord", slug="sternwarte", description_de="Verein.")
    _offer(provider, "Abend in der Sternwarte")
    _offer(provider, "Himmelskunde", "Besuch der Sternwarte.")
    hits = engine.search("Sternwarte").hits
    # Title matches of both kinds first (the shorter title first), then the body match.
    assert [h.title for h in hits] == ["Sternwarte Nord", "Abend in der Sternwarte", "Himmelskunde"]


def test_static_rank_orders_freshness_then_newer_object():
    def rank(start=None, confirmed=None, code=2, object_id=1):
        return ranking.static_rank(start=start, confirmed=confirmed, code=code,
                                   object_id=object_id)  # fmt: skip

    assert rank(start=date(2027, 1, 2)) < rank(start=date(2027, 1, 1)) < rank(start=None)
    assert rank(confirmed=date(2026, 1, 2)) < rank(confirmed=date(2026, 1, 1))
    assert rank(start=date(2027, 1, 1)) < rank(start=None, confirmed=date(2030, 1, 1))
    assert rank(object_id=9) < rank(object_id=8)
    assert rank(code=1) != rank(code=2)
    assert 0 <= rank(object_id=0) < 2**63
    with pytest.raises(ValueError, match="object ids"):
        rank(object_id=2**24)


def test_tiers_put_more_title_words_first_then_rarer_ones_then_shorter_titles():
    # Word 0 rare (idf 3), word 1 common (idf 1), word 2 medium (idf 2).
    sets = ranking.title_sets([3.0, 1.0, 2.0])
    assert sets[0] == 0b111 and sets[-1] == 0
    assert sets[1:4] == [0b101, 0b011, 0b110]
    assert sets[4:7] == [0b001, 0b100, 0b010]
    assert ranking.tiers([1.0])[:3] == [(1, 0), (1, 1), (1, 2)]
    assert [ranking.length_band(n) for n in (1, 3, 4, 6, 7, 30)] == [0, 0, 1, 1, 2, 2]


WORDS = ["Garten", "Kinder", "Musik", "Eltern", "Sprache", "Tanz", "Natur", "Computer"]


@pytest.fixture
def random_offers(provider):
    rng = random.Random(7)
    today = timezone.now()
    for n in range(80):
        title = " ".join(rng.sample(WORDS, rng.randint(1, 4)))
        body = " ".join(rng.sample(WORDS, rng.randint(0, 5)))
        OfferFactory(
            provider=provider, title_de=f"{title} {n}", description_de=body or "Leer",
            cost=rng.choice(["free", "paid"]),
            start_date=rng.choice([None, date(2027, 1, 1), date(2027, 2, 1)]),
            confirmed_at=today - timedelta(days=rng.randint(0, 3)),
        )  # fmt: skip
    optimise()
    return rng


@pytest.mark.parametrize("few_max", [0, 300])
def test_the_engine_returns_exactly_the_brute_force_top_k(random_offers, monkeypatch, few_max):
    # 0: tier by tier (as with many matches); 300: all matches read at once and ranked.
    monkeypatch.setattr(engine, "FEW_MAX", few_max)
    rng = random_offers
    for _ in range(25):
        q = " ".join(rng.sample(WORDS, rng.randint(1, 3)))
        tags = [[tag("cost", "free")]] if rng.random() < 0.3 else []
        results = engine.ranked(Offer.objects.all(), q, kind="offer", tags=tags)
        k = rng.choice([1, 5, 20])
        expected = [obj for _entry, obj in reference.brute_force(results, k)]
        assert [row[1] for row in results.rows(k)] == expected, q
        # A later page is the continuation of the same order.
        assert [o.pk for o in results[5:10]] == [
            obj for _e, obj in reference.brute_force(results, 10)
        ][5:10], q


def test_the_offers_page_ranks_exactly_with_filters(random_offers):
    search = offer_list(filters=QueryDict("q=Garten Kinder&cost=free"))
    results = search.ranked()
    assert results.count() > 3
    assert [o.pk for o in results[0:20]] == [obj for _e, obj in reference.brute_force(results, 20)]


def test_the_global_page_groups_the_ranked_hits_by_kind(client, provider):
    OrganisationFactory(name_de="Sternwarte Nord", slug="sternwarte", description_de="Verein.")
    _offer(provider, "Abend in der Sternwarte")
    body = client.get(reverse("search:global", query={"q": "Sternwarte"})).content.decode()
    organisations, offers = body.index('id="group-organisation"'), body.index('id="group-offer"')
    # The organisation's title is the better match (shorter), so its group comes first.
    assert organisations < body.index("</mark> Nord") < offers < body.index("Abend in der")


def test_nothing_found_suggests_words_the_index_knows(client, provider):
    _offer(provider, "Deutschkurs für Eltern")
    result = engine.search("Deutschkurs Quittenbaum")
    assert result.total == 0 and result.suggestion == "Deutschkurs"
    page = client.get(reverse("search:global", query={"q": "Deutschkurs Quittenbaum"}))
    assert 'href="?q=Deutschkurs"' in page.content.decode()
    offers = client.get(reverse("offers:offer_list", query={"q": "Deutschkurs Quittenbaum"}))
    assert 'href="?q=Deutschkurs"' in offers.content.decode()
    # Words that do match but not with the filters: no suggestion of other words.
    filtered = client.get(
        reverse("offers:offer_list", query={"q": "Deutschkurs", "cost": "reduced"})
    )
    assert "bn-suggestion" not in filtered.content.decode()


def test_the_daily_task_refreshes_how_common_each_word_is(provider):
    from search.models import SearchTerm
    from search.tasks import refresh_word_statistics
    from search.vocabulary import frequencies

    for n in range(3):
        _offer(provider, f"Bogenschießen {n}")
    assert frequencies(["bogenschiess"])[0]["bogenschiess"] == 0  # new since the last refresh
    refresh_word_statistics.call()
    counts, total = frequencies(["bogenschiess"])
    assert counts["bogenschiess"] == 3
    assert total == SearchTerm._meta.apps.get_model("search", "SearchEntry").objects.count()


def test_the_search_api_says_what_was_meant(client, provider):
    _offer(provider, "Deutschkurs für Eltern")
    data = client.get(reverse("api-v1:search", query={"q": "Deutschkurs Quittenbaum"})).json()
    assert data["total"] == 0 and data["suggestion"] == "Deutschkurs"


@pytest.mark.parametrize("bitmap_max", [0, 10**9])
def test_both_ways_of_reading_a_tier_give_the_exact_answer(random_offers, monkeypatch, bitmap_max):
    # 0: every non-empty tier is walked in rank order; 10**9: every tier read from the bitmap.
    monkeypatch.setattr(engine, "BITMAP_MAX", bitmap_max)
    monkeypatch.setattr(engine, "FEW_MAX", 0)
    for q in ["Garten", "Kinder Musik", "Natur Tanz Eltern"]:
        results = engine.ranked(Offer.objects.all(), q, kind="offer")
        expected = [obj for _entry, obj in reference.brute_force(results, 20)]
        assert [row[1] for row in results.rows(20)] == expected, q


def test_the_plan_choices_do_not_outlive_the_search(random_offers):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the plan settings are PostgreSQL's")
    results = engine.ranked(Offer.objects.all(), "Garten Kinder", kind="offer")
    assert results[0:20]
    with connection.cursor() as cursor:
        for name in ("enable_seqscan", "enable_indexscan", "enable_bitmapscan"):
            cursor.execute(f"SHOW {name}")
            assert cursor.fetchone()[0] == "on", name
