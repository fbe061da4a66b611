"""A forgiving search: compounds split and joined, typing errors corrected, and the
"Did you mean" query, all from the index's own vocabulary (SearchTerm)."""

import pytest

from search import forgiving
from search.forgiving import compound_split, corrections, forget_vocabulary, joined, suggestion
from search.models import SearchTerm
from search.normalise import stem, tokens

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_vocabulary():
    """The vocabulary lives in process memory: no test sees another's words."""
    forget_vocabulary()
    yield
    forget_vocabulary()


def vocabulary(*terms):
    SearchTerm.objects.bulk_create([SearchTerm(token=t) for t in terms], ignore_conflicts=True)


class Known:
    """The `known` the engine passes: the tokens SearchTerm holds, counting the queries."""

    def __init__(self):
        self.calls = 0

    def __call__(self, terms):
        self.calls += 1
        return set(SearchTerm.objects.filter(token__in=list(terms)).values_list("token", flat=True))


# compound_split


def test_a_compound_splits_into_its_two_known_parts_with_one_query():
    vocabulary("deutsch", "kur", "deut", "schkur")
    known = Known()
    assert compound_split("deutschkurs", known) == ("deutsch", "kur")
    assert known.calls == 1


def test_a_compound_whose_part_is_unknown_does_not_split():
    vocabulary("deutsch")
    assert compound_split("deutschkurs", Known()) is None


def test_the_linking_s_between_the_parts_is_not_part_of_either():
    vocabulary(stem("bewerbung"), "training")
    assert compound_split("bewerbungstraining", Known()) == (stem("bewerbung"), "training")


def test_the_other_linking_elements_are_not_part_of_either():
    vocabulary(stem("gitarre"), "kur", stem("sprache"), stem("schule"), "hund", "jahr", "bericht")
    assert compound_split("gitarrenkurs", Known()) == ("gitarr", "kur")
    assert compound_split("sprachenschule", Known()) == ("sprach", "schul")
    assert compound_split("hundeschule", Known()) == ("hund", "schul")
    assert compound_split("jahresbericht", Known()) == ("jahr", "bericht")


def test_the_most_balanced_split_wins():
    vocabulary(stem("sprachkurs"), stem("angebot"), stem("sprach"), stem("kursangebot"))
    assert compound_split("sprachkursangebot", Known()) == (stem("sprachkurs"), stem("angebot"))


def test_short_words_are_not_split():
    vocabulary("kind", "tag", "eis")
    known = Known()
    assert compound_split("eistag", known) is None
    assert known.calls == 0


def test_a_short_last_part_must_be_a_noun_that_ends_compounds():
    vocabulary("jugend", "amt", "berat", "ung")
    assert compound_split("jugendamt", Known()) == ("jugend", "amt")
    assert compound_split("beratung", Known()) is None


def test_prefixes_and_suffixes_are_not_parts():
    vocabulary("nach", stem("hilfe"), "wiss", "schaft", "unt", "richt", "berat", "ung", "los")
    vocabulary(stem("arbeit"))
    assert compound_split("nachhilfe", Known()) is None
    assert compound_split("unterricht", Known()) is None
    assert compound_split("wissenschaft", Known()) is None
    assert compound_split("wissenschaften", Known()) is None
    assert compound_split("beratungen", Known()) is None
    assert compound_split("arbeitslose", Known()) is None


# joined


def test_two_words_join_into_the_known_compound():
    vocabulary("deutschkur")
    known = Known()
    assert joined("deutsch", "kurs", known) == "deutschkur"
    assert known.calls == 1


def test_two_words_join_with_a_linking_element():
    vocabulary("bewerbungstraining", "gitarrenkur", "schulhof")
    assert joined("bewerbung", "training", Known()) == "bewerbungstraining"
    assert joined("gitarre", "kurs", Known()) == "gitarrenkur"
    assert joined("schule", "hof", Known()) == "schulhof"


def test_words_whose_compound_is_unknown_do_not_join():
    vocabulary("deutsch", "kur", stem("zzcostqfree"))
    assert joined("deutsch", "kurs", Known()) is None
    assert joined("zzcost", "qfree", Known()) is None


# corrections


def test_a_misspelt_word_is_corrected_to_the_known_one():
    vocabulary("deutschkur", "deutsch", "kur")
    assert "deutschkur" in corrections(stem("deutschkurz"))


def test_missing_and_swapped_letters_are_corrected():
    vocabulary("hausaufgabenhilf", "hausaufgab", "hilf", "gitarr")
    assert corrections(stem("hausaufgabnhilfe")) == ("hausaufgabenhilf",)
    assert corrections(stem("hausaufgabenhlife")) == ("hausaufgabenhilf",)
    assert corrections("gitrar") == ("gitarr",)  # a swap is one typing error


def test_the_allowed_distance_grows_with_the_word():
    vocabulary("gitarr", "gitarrenkur")
    assert corrections("gitar") == ("gitarr",)
    assert corrections("gita") == ()  # two letters off a word of four
    assert corrections("gitarrkur") == ("gitarrenkur",)  # two letters off a word of nine


def test_short_words_get_no_corrections():
    vocabulary("kur", "kurs", "tag")
    assert corrections("kux") == ()
    assert corrections("ta") == ()


def test_tags_and_the_word_itself_are_never_corrections():
    vocabulary("zzkindqkurs", "zzinq4", "zzinq5", "kurse")
    assert corrections("zzinq6") == ()
    assert corrections("zzkindqkur") == ()
    assert corrections("kurse") == ()


def test_closest_first_then_same_first_letter_then_same_length():
    vocabulary("gitarrenkur", "gitarrenkurz", "bitarrenkur", "lathe", "lathes", "bathe", "lasthe")
    assert corrections("gitarrenkux") == ("gitarrenkur", "gitarrenkurz", "bitarrenkur")
    assert corrections("lathe") == ("lasthe", "lathes", "bathe")
    assert corrections("lathe", limit=1) == ("lasthe",)


def test_the_vocabulary_is_read_again_after_forget_vocabulary():
    vocabulary("gitarr")
    assert corrections(stem("klavir")) == ()
    vocabulary(stem("klavier"))
    assert corrections(stem("klavir")) == ()  # still the vocabulary in memory
    forget_vocabulary()
    assert corrections(stem("klavir")) == (stem("klavier"),)


def test_the_vocabulary_is_read_again_when_it_is_old(monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr(forgiving, "_now", lambda: clock[0])
    assert corrections(stem("klavir")) == ()
    vocabulary(stem("klavier"))
    clock[0] += forgiving.VOCABULARY_TTL
    assert corrections(stem("klavir")) == ()
    clock[0] += 1
    assert corrections(stem("klavir")) == (stem("klavier"),)


# suggestion


class Index:
    """The engine's side of suggestion(): which queries find something, and how the index
    wrote its words."""

    def __init__(self, *matching, written=None):
        self.matching = set(matching)
        self.written = written or {}
        self.asked = []

    def has_matches(self, query):
        self.asked.append(query)
        return query in self.matching

    def surface(self, stems):
        return {s: self.written[s] for s in stems if s in self.written}


def test_an_unknown_word_is_replaced_by_the_known_one_as_the_index_wrote_it():
    vocabulary("deutschkur", stem("abend"))
    index = Index("Deutschkurs Abend", written={"deutschkur": "Deutschkurs"})
    assert suggestion(["Deutschkurz", "Abend"], index.has_matches, index.surface) == (
        "Deutschkurs Abend"
    )


def test_a_word_that_kills_the_match_is_dropped_from_the_end():
    vocabulary("deutschkur", stem("sonntag"), stem("abend"))
    index = Index("Deutschkurs", written={"deutschkur": "Deutschkurs"})
    assert (
        suggestion(["Deutschkurz", "Sonntag", "Abend"], index.has_matches, index.surface)
        == "Deutschkurs"
    )
    assert index.asked == ["Deutschkurs Sonntag Abend", "Deutschkurs Sonntag", "Deutschkurs"]


def test_known_words_dropped_until_one_finds_something_but_never_the_query_itself():
    vocabulary(stem("gitarre"), stem("montag"))
    index = Index("Gitarre")
    assert suggestion(["Gitarre", "Montag"], index.has_matches, index.surface) == "Gitarre"
    assert index.asked == ["Gitarre"]  # "Gitarre Montag" found nothing: not asked again
    assert suggestion(["Gitarre"], index.has_matches, index.surface) is None


def test_an_unknown_word_without_a_close_one_is_left_out():
    vocabulary("gitarr")
    index = Index("Gitarre")
    assert suggestion(["Gitarre", "Qwxyz"], index.has_matches, index.surface) == "Gitarre"


def test_the_last_word_is_known_when_a_word_starts_with_it():
    """It is being typed ("Klavi" → "Klavierkurs"), not misspelt: kept, not replaced by the
    close "klava"."""
    vocabulary("gitarr", "klavierkur", "klava")
    index = Index("Gitarre", "Gitarre klava")
    assert suggestion(["Gitarre", "Klavi"], index.has_matches, index.surface) == "Gitarre"
    assert index.asked == ["Gitarre"]


def test_a_stem_without_a_written_form_stands_for_itself():
    vocabulary("deutschkur")
    index = Index("deutschkur")
    assert suggestion(["Deutschkurz"], index.has_matches, index.surface) == "deutschkur"


def test_tags_are_never_suggested():
    vocabulary("zzinq42", "zzcostqfree")
    index = Index("zzinq42", "zzcostqfree")
    assert suggestion(["zzinq41"], index.has_matches, index.surface) is None
    assert suggestion(["zzcostqfre"], index.has_matches, index.surface) is None
    assert index.asked == []


def test_nothing_to_suggest_asks_a_handful_of_times_at_most():
    words = ["eins", "zwei", "drei", "vier", "fünf", "sechs"]
    vocabulary(*tokens(" ".join(words)))
    index = Index()
    assert suggestion(words, index.has_matches, index.surface) is None
    assert len(index.asked) == forgiving.SUGGESTION_CHECKS
    assert suggestion([], index.has_matches, index.surface) is None
