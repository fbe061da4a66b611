"""The matcher on plain data (no database): what ranks first and why."""

from partners import matching
from partners.matching import Listing, Profile

ERFURT, WIEN, BERLIN, PARIS = 1, 2, 3, 4
SCHOOL, TOPIC_CAREER, TOPIC_BNE, YOUTH, GERMAN = "school_partnership", 10, 11, 20, 30


def _profile(**kwargs):
    values = {"organisation_id": 100, "city_id": ERFURT, "topics": frozenset({TOPIC_CAREER})}
    return Profile(**{**values, **kwargs})


def _seek(**kwargs):
    values = {"id": 1, "organisation_id": 100, "direction": "seek", "format": SCHOOL}
    return Listing(**{**values, **kwargs})


def _offer(pk, org, city, **kwargs):
    values = {"id": pk, "organisation_id": org, "direction": "offer", "format": SCHOOL}
    return Listing(**{**values, "city_id": city, **kwargs})


def _codes(suggestion):
    return [r.code for r in suggestion.reasons]


def test_an_offer_of_the_format_you_seek_ranks_before_a_partner_city_without_one():
    complementary = _offer(2, 200, BERLIN)
    only_partner_city = _offer(3, 300, WIEN, format="premises", topics=frozenset({TOPIC_CAREER}))
    found = matching.suggest(
        _profile(), [_seek()], [only_partner_city, complementary], {WIEN: "cooperation"}
    )
    assert [s.listing_id for s in found] == [2, 3]
    assert _codes(found[0]) == [matching.COMPLEMENTS_SEEK]


def test_a_partner_city_ranks_before_the_same_offer_elsewhere():
    elsewhere = _offer(2, 200, BERLIN)
    in_vienna = _offer(3, 300, WIEN)
    found = matching.suggest(_profile(), [_seek()], [elsewhere, in_vienna], {WIEN: "twinning"})
    assert [s.listing_id for s in found] == [3, 2]
    assert found[0].reasons[1] == matching.Reason(matching.PARTNER_CITY, kind="twinning")


def test_shared_topics_target_groups_and_languages_are_reasons_and_raise_the_rank():
    plain = _offer(2, 200, WIEN)
    shared = _offer(
        3, 300, WIEN, topics=frozenset({TOPIC_CAREER, TOPIC_BNE}),
        target_groups=frozenset({YOUTH}), languages=frozenset({GERMAN}),
    )  # fmt: skip
    profile = _profile(target_groups=frozenset({YOUTH}), languages=frozenset({GERMAN}))
    found = matching.suggest(profile, [_seek()], [plain, shared], {})
    assert [s.listing_id for s in found] == [3, 2]
    reasons = {r.code: r for r in found[0].reasons}
    assert reasons[matching.SHARED_TOPICS].items == (TOPIC_CAREER,)
    assert reasons[matching.SHARED_TARGET_GROUPS].items == (YOUTH,)
    assert reasons[matching.SHARED_LANGUAGES].items == (GERMAN,)


def test_a_listing_for_other_cities_is_not_suggested():
    only_paris = _offer(2, 200, WIEN, cities=frozenset({PARIS}))
    for_erfurt = _offer(3, 300, WIEN, cities=frozenset({ERFURT}))
    found = matching.suggest(_profile(), [_seek()], [only_paris, for_erfurt], {})
    assert [s.listing_id for s in found] == [3]
    assert matching.NAMES_YOUR_CITY in _codes(found[0])


def test_a_need_limited_to_cities_counts_offers_there_only_as_complementary():
    seek_in_vienna = _seek(cities=frozenset({WIEN}))
    berlin = _offer(2, 200, BERLIN, topics=frozenset({TOPIC_CAREER}))
    wien = _offer(3, 300, WIEN)
    found = matching.suggest(_profile(), [seek_in_vienna], [berlin, wien], {})
    assert [s.listing_id for s in found] == [3, 2]
    assert _codes(found[1]) == [matching.SHARED_TOPICS]


def test_the_organisations_own_listings_and_unrelated_ones_are_not_suggested():
    own = _offer(2, 100, ERFURT)
    unrelated = _offer(3, 300, WIEN, format="premises")
    assert matching.suggest(_profile(), [_seek()], [own, unrelated], {WIEN: "twinning"}) == []


def test_a_need_of_the_format_you_offer_is_suggested_as_such():
    offer = _offer(1, 100, ERFURT)
    need = Listing(id=2, organisation_id=200, direction="seek", format=SCHOOL, city_id=WIEN)
    (found,) = matching.suggest(_profile(), [offer], [need], {})
    assert _codes(found) == [matching.COMPLEMENTS_OFFER]


def test_a_directory_school_is_asked_for_a_school_partnership_only_where_the_need_looks():
    profile = Profile(organisation_id=1, city_id=10)
    need = Listing(1, 1, matching.SEEK, "school_partnership", city_id=10, cities=frozenset({20}))
    in_vienna = matching.Entry(organisation_id=2, kind="school", city_id=20)
    in_berlin = matching.Entry(organisation_id=3, kind="school", city_id=30)
    a_library = matching.Entry(organisation_id=4, kind="library", city_id=20)
    found = matching.suggest_from_directory(
        profile, [need], [in_vienna, in_berlin, a_library], {20: "twinning"}
    )
    assert [s.organisation_id for s in found] == [2]
    assert [r.code for r in found[0].reasons] == [matching.KIND_FITS, matching.PARTNER_CITY]
    offer = Listing(2, 1, matching.OFFER, "school_partnership", city_id=10)
    assert matching.suggest_from_directory(profile, [offer], [in_vienna], {}) == []
