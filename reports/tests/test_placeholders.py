from reports import placeholders

TEXT = (
    "<p>Ohne Abschluss: {{ indicator:abgaenger-ohne-hauptschulabschluss "
    "territory:ags:16051000 period:2015 }} – und {{indicator:x territory:gkz:90001 period:2022}}"
)


def test_it_finds_every_placeholder_in_order_with_its_parts():
    found = placeholders.find(TEXT)
    assert [p.key for p in found] == [
        ("abgaenger-ohne-hauptschulabschluss", "ags:16051000", "2015"),
        ("x", "gkz:90001", "2022"),
    ]
    assert not any(p.error for p in found)


def test_it_reports_malformed_placeholders_instead_of_skipping_them():
    cases = {
        "{{ indicator:a territory:ags:1 }}": (placeholders.MISSING, "period"),
        "{{ indicator:a territory:ags:1 period:2015 colour:red }}": (
            placeholders.UNKNOWN_PART, "colour:red"
        ),
        "{{ indicator:a indicator:b territory:ags:1 period:1 }}": (
            placeholders.GIVEN_TWICE, "indicator"
        ),
        "{{ indicator:A! territory:ags:1 period:1 }}": (placeholders.MALFORMED_INDICATOR, "A!"),
        "{{ indicator:a territory:16051000 period:1 }}": (
            placeholders.MALFORMED_TERRITORY, "16051000"
        ),
        "{{ indicator:a territory:ags:1 period:20*15 }}": (placeholders.MALFORMED_PERIOD, "20*15"),
    }  # fmt: skip
    for text, (error, detail) in cases.items():
        (found,) = placeholders.find(text)
        assert (found.error, found.detail) == (error, detail), text


def test_spacing_does_not_change_which_figure_a_placeholder_names():
    a, b = placeholders.find(
        "{{indicator:a territory:ags:1 period:2}}{{  indicator:a  territory:ags:1 period:2 }}"
    )
    assert a.key == b.key and a.canonical == b.canonical


def test_replace_substitutes_each_placeholder_and_keeps_the_rest():
    out = placeholders.replace(TEXT, lambda p: f"[{p.indicator}]")
    assert out == "<p>Ohne Abschluss: [abgaenger-ohne-hauptschulabschluss] – und [x]"
