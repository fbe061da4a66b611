"""Facet tags and prefix expansion: filters and typing-ahead answered by the index alone."""

import pytest

from offers.models import Offer
from offers.tests.factories import OfferFactory, OrganisationFactory
from search import engine, query
from search.ranking import Term
from search.tags import as_text, tag, territory_tags

pytestmark = pytest.mark.django_db


def test_tags_are_single_lowercase_tokens_and_distinct():
    assert tag("cost", "free") == "zzcostqfree"
    assert tag("kind", "non_formal") == "zzkindqnonq5fqformal"
    assert tag("in", 42) == "zzinq42"
    values = ["non_formal", "non-formal", "nonformal", "nonq5fqformal", "Qq", "qq"]
    encoded = [tag("kind", v) for v in values]
    assert all(t.isascii() and t.isalnum() and t == t.lower() for t in encoded)
    assert len(set(encoded)) == len({v.lower() for v in values})


def test_a_tag_name_must_be_a_plain_word():
    with pytest.raises(ValueError, match="tag names"):
        tag("quality", "x")
    with pytest.raises(ValueError, match="tag names"):
        tag("a b", "x")


def test_territory_tags_cover_every_ancestor():
    assert territory_tags(["/1/5/42", "/1/7"]) == ["zzinq1", "zzinq5", "zzinq7", "zzinq42"]
    assert as_text(["b", "a", "b"]) == "a b"


def test_the_index_query_syntax_on_both_databases():
    terms = (
        Term("gitarr", (("gitarr",),)),
        Term("kur", (("kur",), ("kurs",), ("deutsch", "kur"))),
        Term("anf", (), prefix="anf"),
    )
    match = query.Match(terms, ((tag("cost", "free"),),))
    assert match.fts5() == (
        '"gitarr" AND ("kur" OR "kurs" OR ("deutsch" AND "kur")) AND "anf"* AND "zzcostqfree"'
    )
    assert match.tsquery() == "gitarr & (kur | kurs | (deutsch & kur)) & anf:* & zzcostqfree"
    # A tier: "gitarr" in the title, "kur" somewhere but not in the title.
    # A tier: "gitarr" in the title, "kur" somewhere but not in the title, a short title.
    tier = match.tier((0b001, 0), candidates=[0, 1])
    assert tier.fts5() == (
        '("zztiqgitarr" AND ("kur" OR "kurs" OR ("deutsch" AND "kur")) AND "anf"* AND '
        '"zzcostqfree" AND "zzlenq0") NOT (("zztiqkur" OR "zztiqkurs" OR ("zztiqdeutsch" AND '
        '"zztiqkur")))'
    )
    assert tier.tsquery() == (
        "zztiqgitarr & (kur | kurs | (deutsch & kur)) & anf:* & zzcostqfree & zzlenq0 & "
        "!(zztiqkur | zztiqkurs | (zztiqdeutsch & zztiqkur))"
    )


@pytest.fixture
def offers(reference_territories):
    provider = OrganisationFactory()
    made = {}
    for title, cost, step_free in [
        ("Gitarrenkurs Anfänger", "free", True),
        ("Gitarrenkurse am Abend", "paid", True),
        ("Gitarrenwerkstatt", "free", False),
        ("Klavierkurs", "free", True),
    ]:
        made[title] = OfferFactory(
            provider=provider, title_de=title, cost=cost, step_free=step_free
        )
    return made


def _titles(results):
    return sorted(o.title_de for o in results)


def test_facet_tags_filter_like_the_offer_fields(offers):
    tags = [[tag("cost", "free")], [tag("access", "step_free")]]
    results = engine.ranked(Offer.objects.all(), "Gitarre", kind="offer", tags=tags)
    expected = Offer.objects.filter(cost="free", step_free=True, title_de__startswith="Gitarre")
    assert _titles(results) == _titles(expected) == ["Gitarrenkurs Anfänger"]
    either = [[tag("cost", "free"), tag("cost", "paid")]]
    assert len(engine.ranked(Offer.objects.all(), "Gitarre", kind="offer", tags=either)) == 3


def test_an_empty_tag_group_matches_nothing(offers):
    assert engine.ranked(Offer.objects.all(), "Gitarre", kind="offer", tags=[[]]).count() == 0


def test_a_prefix_is_expanded_to_the_tokens_it_stands_for(offers):
    (term,) = query.resolve(query.parse("gitarre"))
    # "gitarr" stands for the stems of Gitarrenkurs, Gitarrenkurse, Gitarrenwerkstatt.
    assert term.prefix is None
    assert all(t.startswith("gitarr") for alt in term.alternatives for t in alt)
    assert len(term.alternatives) >= 3


def test_expansion_and_native_prefix_find_the_same(offers, monkeypatch):
    expanded = _titles(engine.ranked(Offer.objects.all(), "Gitarren", kind="offer"))
    monkeypatch.setattr(query, "EXPANSION_MAX", 0)
    assert query.resolve(query.parse("Gitarren"))[0].prefix == "gitarr"
    native = _titles(engine.ranked(Offer.objects.all(), "Gitarren", kind="offer"))
    assert expanded == native
    assert len(expanded) == 3


def test_a_prefix_nobody_uses_finds_nothing(offers):
    assert engine.ranked(Offer.objects.all(), "Xylofonbau", kind="offer").count() == 0
    assert engine.search("Xylofonbau").total == 0
