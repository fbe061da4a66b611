from search.snippets import highlight


def test_it_marks_matched_words_in_the_original_spelling():
    html = highlight("Hilfe für Schülerinnen und Schüler", ["schul"])
    assert html == "Hilfe für <mark>Schülerinnen</mark> und <mark>Schüler</mark>"


def test_it_escapes_the_text_around_and_inside_marks():
    html = highlight('<script>alert("x")</script> Kurs & <b>Kurse</b>', ["kurs"])
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html
    assert "&amp;" in html
    assert "<mark>Kurse</mark>" in html


def test_it_cuts_a_window_around_the_first_match():
    text = " ".join(["wort"] * 50 + ["Weiterbildung"] + ["ende"] * 50)
    html = highlight(text, ["weiterbild"], words=10, lead=3)
    assert html.startswith("…")
    assert html.endswith("…")
    assert "<mark>Weiterbildung</mark>" in html


def test_it_marks_prefix_matches():
    assert "<mark>Weiterbildung</mark>" in highlight("Weiterbildung", [], prefixes=["weit"])


def test_text_without_match_is_escaped_from_the_start():
    assert highlight("a < b", ["zzz"]) == "a &lt; b"
