"""Small-cell suppression and the statistics of coded answers (pure, no database)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from surveys import stats
from surveys.stats import COMPLEMENTARY, MIN_CELL, PRIMARY, SHOWN


def _recoverable(counts: np.ndarray, reasons: np.ndarray) -> list[tuple[int, int]]:
    """Hidden entries of the table with margins that a reader could compute: those alone
    among the hidden entries of a line (a row or column with its total) whose total is shown."""
    r, c = counts.shape
    grid = np.zeros((r + 1, c + 1))
    grid[:r, :c] = counts
    grid[:r, c] = counts.sum(axis=1)
    grid[r, :c] = counts.sum(axis=0)
    grid[r, c] = counts.sum()
    hidden = reasons != SHOWN
    # a hidden cell in a row or column whose shown total is 0 is known to be 0
    zero_rows = (grid[:, c] == 0) & ~hidden[:, c]
    zero_cols = (grid[r, :] == 0) & ~hidden[r, :]
    hidden[:r, :c] &= ~(zero_rows[:r, None] | zero_cols[None, :c])
    found = []
    for i in range(r + 1):
        if hidden[i].sum() == 1:
            found.append((i, int(np.flatnonzero(hidden[i])[0])))
    for j in range(c + 1):
        if hidden[:, j].sum() == 1:
            found.append((int(np.flatnonzero(hidden[:, j])[0]), j))
    return found


def test_min_cell_is_five():
    assert MIN_CELL == 5


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        # nothing small: everything shown
        ([[10, 20], [30, 40]], [["", "", ""], ["", "", ""], ["", "", ""]]),
        # one small cell: its row and column partners go too, and the crossing cell
        (
            [[3, 20], [30, 40]],
            [
                [PRIMARY, COMPLEMENTARY, ""],
                [COMPLEMENTARY, COMPLEMENTARY, ""],
                ["", "", ""],
            ],
        ),
        # zeros are shown (a true zero), counts of five are shown
        ([[0, 5], [5, 0]], [["", "", ""], ["", "", ""], ["", "", ""]]),
    ],
)
def test_suppression_cases(counts, expected):
    reasons = stats.suppress(np.array(counts))
    assert reasons.tolist() == expected


@pytest.mark.parametrize(
    "counts",
    [
        [[1, 2, 3], [4, 5, 6], [7, 8, 9]],
        [[20, 4], [15, 0], [30, 6]],
        [[100, 1, 50], [60, 70, 80]],
        [[2, 0, 0], [0, 40, 30], [12, 13, 14]],
        [[6, 7, 3, 9, 11]],
        [[5], [3], [40]],
        [[3, 0, 9], [0, 0, 0], [10, 2, 20]],
        [[20, 3], [0, 0], [15, 1], [30, 0]],
    ],
)
def test_no_hidden_cell_can_be_recovered_from_the_totals(counts):
    counts = np.array(counts, dtype=float)
    reasons = stats.suppress(counts)
    r, c = counts.shape
    small = (counts > 0) & (counts < MIN_CELL)
    assert (reasons[:r, :c][small] != SHOWN).all()
    assert _recoverable(counts, reasons) == []


def test_a_table_of_fewer_than_five_respondents_shows_nothing():
    reasons = stats.suppress(np.array([[2, 0], [1, 1]]))
    assert (reasons == PRIMARY).all()


def test_a_breakdown_with_4_respondents_shows_no_number_and_its_total_cannot_reveal_it():
    # 20 respondents in group a, 4 in group b (two answered 1, two answered 2)
    rows = ["1"] * 12 + ["2"] * 8 + ["1"] * 2 + ["2"] * 2
    cols = ["a"] * 20 + ["b"] * 4
    table = stats.crosstab(rows, cols, ["1", "2"], ["a", "b"])
    b = table.col_codes.index("b")
    assert all(row[b].value is None and row[b].reason == PRIMARY for row in table.cells)
    assert table.col_totals[b].value is None
    # the group's total is not the difference of the grand total and the other groups
    a = table.col_codes.index("a")
    assert table.col_totals[a].value is None or table.total.value is None
    # nor is any of its cells the difference of a row total and the other cells
    for i in range(2):
        assert table.cells[i][a].value is None or table.row_totals[i].value is None
    assert table.cells[0][b].percent is None


def test_a_zero_in_a_small_group_is_hidden_too():
    rows = ["1"] * 10 + ["2"] * 10 + ["1"] * 3
    cols = ["a"] * 20 + ["b"] * 3
    table = stats.crosstab(rows, cols, ["1", "2"], ["a", "b"])
    assert table.cells[1][1].value is None  # "nobody in group b answered 2" is not shown


def test_frequencies_count_codes_and_list_missing_codes_apart():
    values = ["1"] * 10 + ["2"] * 7 + ["99"] * 6
    result = stats.frequencies(values, ["1", "2", "3", "99"], missing_codes=["99"])
    assert [code for code, _ in result.rows] == ["1", "2", "3"]
    assert [code for code, _ in result.missing] == ["99"]
    assert result.rows[0][1].value == 10
    assert result.rows[0][1].percent == pytest.approx(10 / 23 * 100)
    assert result.rows[2][1].value == 0
    assert result.total.value == 23


def test_frequencies_hide_a_small_count_and_its_percentage_with_the_next_smallest():
    values = ["1"] * 10 + ["2"] * 3 + ["3"] * 6
    result = stats.frequencies(values, ["1", "2", "3"])
    cells = dict(result.rows)
    assert cells["2"].value is None and cells["2"].percent is None
    assert cells["2"].reason == PRIMARY
    assert cells["3"].value is None and cells["3"].reason == COMPLEMENTARY
    assert cells["1"].value == 10
    assert result.total.value == 19


def test_frequencies_of_four_respondents_show_nothing():
    result = stats.frequencies(["1", "1", "2", "2"], ["1", "2"])
    assert result.suppressed
    assert all(cell.value is None for _, cell in result.rows)


def test_describe_leaves_out_missing_values_and_hides_small_groups():
    summary = stats.describe([1, 2, 3, 4, 5, np.nan])
    assert summary.n == 5
    assert summary.mean == pytest.approx(3)
    assert summary.median == pytest.approx(3)
    assert summary.sd == pytest.approx(np.std([1, 2, 3, 4, 5], ddof=1))
    hidden = stats.describe([1, 2, 3, 4])
    assert hidden.suppressed and hidden.mean is None and hidden.n is None


def test_describe_by_hides_the_mean_of_a_small_group_and_one_more():
    values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]
    groups = list("aaaaa") + list("bbbbbb") + list("ccc")
    parts, overall = stats.describe_by(values, groups, ["a", "b", "c"])
    assert parts[2].reason == PRIMARY and parts[2].mean is None
    # the overall mean and n would give away group c's mean: a second group is hidden
    assert parts[0].reason == COMPLEMENTARY and parts[0].mean is None
    assert parts[1].mean == pytest.approx(8.5)
    assert overall.n == 14


def test_multiple_choice_hides_options_chosen_or_left_by_fewer_than_five():
    chosen = np.zeros((20, 3))
    chosen[:10, 0] = 1  # 10 of 20
    chosen[:2, 1] = 1  # 2 of 20
    chosen[:18, 2] = 1  # 18 of 20: 2 did not choose it
    result = stats.multiple_choice(chosen, ["1", "2", "3"])
    cells = dict(result.rows)
    assert cells["1"].value == 10 and cells["1"].percent == pytest.approx(50)
    assert cells["2"].value is None
    assert cells["3"].value is None
    assert result.total.value == 20


def test_index_scores_need_min_items_and_rescale_to_0_100():
    codes = pd.DataFrame({"a": ["1", "5", "3", "99"], "b": ["5", None, "1", "99"]})
    scores = pd.DataFrame(
        {
            "a": stats.item_scores(codes["a"].where(codes["a"] != "99"), 1, 5),
            "b": stats.item_scores(codes["b"].where(codes["b"] != "99"), 1, 5),
        }
    )
    per_respondent = stats.index_scores(scores, min_items=1)
    assert per_respondent.tolist()[:3] == [50.0, 100.0, 25.0]
    assert np.isnan(per_respondent.iloc[3])
    two = stats.index_scores(scores, min_items=2)
    assert np.isnan(two.iloc[1])


def test_a_table_without_answers_shows_zeros_and_no_percentages():
    result = stats.frequencies([], ["1", "2"])
    assert [cell.value for _, cell in result.rows] == [0, 0]
    assert all(cell.percent is None for _, cell in result.rows)
    assert result.total.value == 0


def test_margins_hidden_in_another_table_stay_hidden_and_are_protected():
    counts = np.array([[10, 12], [3, 30], [20, 25]], dtype=float)
    # the question's own table hid row 0 as well (complementary for row 1's 3 … well, 33 here)
    reasons = stats.suppress(counts, hidden_rows=[True, False, False])
    assert reasons[0, 2] != SHOWN
    assert _recoverable(counts, reasons) == []


def test_describe_by_hides_groups_hidden_elsewhere():
    values = list(range(30))
    groups = ["a"] * 10 + ["b"] * 10 + ["c"] * 10
    parts, _ = stats.describe_by(values, groups, ["a", "b", "c"], [False, True, False])
    assert parts[1].mean is None
    assert sum(p.mean is None for p in parts) >= 2
