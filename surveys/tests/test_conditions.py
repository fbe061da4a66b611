"""Conditions are pure: whether a question is shown, from the answers given (no database)."""

import pytest

from surveys.conditions import Condition, holds, is_shown, visible_codes


@pytest.mark.parametrize(
    ("operator", "values", "given", "expected"),
    [
        ("equals", ["1"], ["1"], True),
        ("equals", ["1"], ["2"], False),
        ("equals", ["1"], [], False),
        ("equals", ["3"], ["3.0"], True),
        ("equals", ["2"], ["1", "2"], True),  # a multiple choice with that option chosen
        ("not_equals", ["1"], ["2"], True),
        ("not_equals", ["1"], ["1"], False),
        ("not_equals", ["1"], [], False),  # unanswered: nothing to follow up on
        ("any_of", ["1", "2"], ["2"], True),
        ("any_of", ["1", "2"], ["3"], False),
        ("answered", [], ["Ja"], True),
        ("answered", [], [""], False),
        ("answered", [], [], False),
        ("greater", ["17"], ["18"], True),
        ("greater", ["17"], ["17"], False),
        ("greater", ["17"], ["abc"], False),
        ("less", ["3"], ["2,5"], True),
        ("less", ["3"], ["3"], False),
        ("unknown", ["1"], ["1"], False),
        ("equals", [], ["1"], False),
    ],
)
def test_each_operator_decides_as_documented(operator, values, given, expected):
    assert holds(Condition("A", operator, tuple(values)), given) is expected


def test_a_question_without_condition_is_shown():
    assert is_shown(None, {}) is True


def test_is_shown_reads_the_condition_question_answer():
    condition = Condition("A", "equals", ("1",))
    assert is_shown(condition, {"A": ["1"]}) is True
    assert is_shown(condition, {"A": ["2"]}) is False
    assert is_shown(condition, {}) is False


def test_a_follow_up_of_a_hidden_question_is_hidden_too():
    conditions = {
        "A": None,
        "B": Condition("A", "equals", ("1",)),
        "C": Condition("B", "answered"),
    }
    # B was answered earlier, then A changed so that B is hidden: C hides with it.
    assert visible_codes(conditions, {"A": ["2"], "B": ["x"]}) == {"A"}
    assert visible_codes(conditions, {"A": ["1"], "B": ["x"]}) == {"A", "B", "C"}
    assert visible_codes(conditions, {"A": ["1"]}) == {"A", "B"}


def test_a_cycle_of_conditions_hides_its_questions_instead_of_looping():
    conditions = {
        "A": Condition("B", "answered"),
        "B": Condition("A", "answered"),
        "C": None,
    }
    assert visible_codes(conditions, {"A": ["1"], "B": ["1"]}) == {"C"}


def test_a_condition_on_a_question_not_listed_is_judged_by_its_answer():
    conditions = {"B": Condition("A", "greater", ("2",))}
    assert visible_codes(conditions, {"A": ["5"]}) == {"B"}
    assert visible_codes(conditions, {"A": ["1"]}) == set()
