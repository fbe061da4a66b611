from cooperation.diff import diff_stats, text_diff


def test_a_changed_word_shows_as_removed_and_added():
    segments = text_diff("Ziel 4: Inklusion wird angestrebt.", "Ziel 4: Inklusion wird erreicht.")
    ops = [(s.op, s.text) for s in segments]
    assert ("delete", "angestrebt.") in ops
    assert ("insert", "erreicht.") in ops
    assert diff_stats(segments) == {"added": 1, "removed": 1}


def test_identical_texts_have_no_changes():
    assert [s.op for s in text_diff("a b", "a b")] == ["equal"]


def test_joining_the_segments_gives_back_the_new_text():
    old, new = "eins zwei drei", "eins drei vier"
    segments = text_diff(old, new)
    assert "".join(s.text for s in segments if s.op != "delete") == new
    assert "".join(s.text for s in segments if s.op != "insert") == old
