"""Statistics of coded survey answers with small-cell suppression (pure pandas/NumPy).

No Django models here: selectors hand in arrays of coded answers and get back plain tables
whose cells carry either a number or the reason it is not shown.

Suppression (the rules of official statistics, symbol "."):

- **primary**: a cell counting 1 to MIN_CELL - 1 respondents is not shown; a group (a row or
  column of a breakdown) with fewer than MIN_CELL respondents shows none of its cells, zeros
  included (a zero in a group of four says what the four answered);
- **complementary**: where a line (a row or a column with its total) has exactly one cell not
  shown, the next smallest cell of that line is not shown either, until no line has exactly one;
  so no hidden value is the difference of a total and the cells shown;
- a table of fewer than MIN_CELL respondents shows nothing;
- percentages and means of a hidden cell or group are hidden with it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

#: Cells with 1 to MIN_CELL - 1 respondents are never shown (primary suppression).
MIN_CELL = 5

#: Why a cell is not shown. The interface turns them into sentences.
SHOWN = ""
PRIMARY = "primary"  # fewer than MIN_CELL respondents
COMPLEMENTARY = "complementary"  # hidden so that another hidden cell cannot be computed

_NONE, _PRIMARY, _COMPLEMENTARY = 0, 1, 2
_REASONS = np.array([SHOWN, PRIMARY, COMPLEMENTARY], dtype=object)
# Costs of choosing an entry for complementary suppression: the smallest non-zero inner cell
# first, a zero cell only if there is none, a total last.
_ZERO_COST = 1e12
_TOTAL_COST = 1e15


@dataclass(frozen=True)
class Cell:
    """A count (or mean) that is shown, or the reason it is not."""

    value: float | None
    reason: str = SHOWN
    percent: float | None = None

    @property
    def suppressed(self) -> bool:
        return bool(self.reason)


def _cell(value, reason: str, percent=None) -> Cell:
    if reason:
        return Cell(None, reason, None)
    share = None if percent is None or np.isnan(percent) else float(percent)
    return Cell(float(value), SHOWN, share)


def suppress(
    counts,
    *,
    row_totals: bool = True,
    col_totals: bool = True,
    hidden_rows=None,
    hidden_cols=None,
    hidden_cells=None,
) -> np.ndarray:
    """Reasons (`SHOWN`, `PRIMARY`, `COMPLEMENTARY`) for a table of counts with its margins.

    `counts` is R × C; the answer is (R + 1) × (C + 1): the cells, the row totals in the last
    column, the column totals in the last row and the grand total in the corner. Row totals
    (resp. column totals) take part only when shown (`row_totals`, `col_totals`); the grand
    total is shown when both are. A table of fewer than MIN_CELL respondents is wholly
    `PRIMARY`.

    `hidden_rows` / `hidden_cols` (booleans per row / column) are margins, `hidden_cells`
    (R × C) cells, that another published table already hides (the frequencies of the two
    questions of a breakdown): they are hidden here too, so that the two tables together give
    nothing away that each hides."""
    inner = np.asarray(counts, dtype=np.float64)
    if inner.ndim != 2:
        raise ValueError("counts must be a 2-D table")
    rows, cols = inner.shape
    grid = np.zeros((rows + 1, cols + 1))
    grid[:rows, :cols] = inner
    grid[:rows, cols] = inner.sum(axis=1)
    grid[rows, :cols] = inner.sum(axis=0)
    grid[rows, cols] = inner.sum()
    shown = np.zeros(grid.shape, dtype=bool)
    shown[:rows, :cols] = True
    shown[:rows, cols] = row_totals
    shown[rows, :cols] = col_totals
    shown[rows, cols] = row_totals and col_totals
    status = np.zeros(grid.shape, dtype=np.int8)
    total = grid[rows, cols]
    if 0 < total < MIN_CELL:
        status[:] = _PRIMARY
        return _REASONS[status]
    small = (grid > 0) & (grid < MIN_CELL) & shown
    status[small] = _PRIMARY
    # A group too small to show: none of its cells either, zeros included.
    if row_totals:
        status[:rows][small[:rows, cols]] = _PRIMARY
    if col_totals:
        status[:, :cols][:, small[rows, :cols]] = _PRIMARY
    if hidden_cells is not None:
        seeded = np.asarray(hidden_cells, dtype=bool) & (status[:rows, :cols] == _NONE)
        status[:rows, :cols][seeded] = _COMPLEMENTARY
    if hidden_rows is not None and row_totals:
        seeded = np.asarray(hidden_rows, dtype=bool) & (status[:rows, cols] == _NONE)
        status[:rows, cols][seeded] = _COMPLEMENTARY
    if hidden_cols is not None and col_totals:
        seeded = np.asarray(hidden_cols, dtype=bool) & (status[rows, :cols] == _NONE)
        status[rows, :cols][seeded] = _COMPLEMENTARY
    # Lines: the inner rows when their totals are shown, the row of column totals when the
    # grand total is; the same for columns.
    row_lines = np.zeros(rows + 1, dtype=bool)
    row_lines[:rows] = row_totals
    row_lines[rows] = row_totals and col_totals
    col_lines = np.zeros(cols + 1, dtype=bool)
    col_lines[:cols] = col_totals
    col_lines[cols] = row_totals and col_totals
    cost = np.where(grid > 0, grid, _ZERO_COST)
    changed = True
    while changed:
        changed = False
        known_zero = _known_zeros(grid, status, shown)
        for transpose in (False, True):
            s = status.T if transpose else status
            vis = shown.T if transpose else shown
            lines = col_lines if transpose else row_lines
            c = _line_cost(cost.T if transpose else cost)
            # A hidden cell in a line whose shown total is 0 is known to be 0: no protection.
            hidden = (s > 0) & vis & ~(known_zero.T if transpose else known_zero)
            lonely = lines & (hidden.sum(axis=1) == 1) & (vis.sum(axis=1) >= 2)
            if not lonely.any():
                continue
            choice = np.where(vis & (s == 0), c, np.inf)
            picks = np.argmin(choice, axis=1)
            possible = np.isfinite(choice[np.arange(len(picks)), picks])
            line_idx = np.flatnonzero(lonely & possible)
            if len(line_idx):
                s[line_idx, picks[line_idx]] = _COMPLEMENTARY
                changed = True
    return _REASONS[status]


def _known_zeros(grid: np.ndarray, status: np.ndarray, shown: np.ndarray) -> np.ndarray:
    """Entries a reader knows to be 0: the cells of a row or column whose total is shown as 0."""
    visible_total = shown & (status == _NONE) & (grid == 0)
    known = np.zeros(grid.shape, dtype=bool)
    known[:-1, :-1] = visible_total[:-1, -1:] | visible_total[-1:, :-1]
    return known


def _line_cost(cost: np.ndarray) -> np.ndarray:
    """Costs along lines: in each line its own total (the last entry) comes last."""
    out = cost.copy()
    out[:, -1] = _TOTAL_COST
    return out


@dataclass
class Frequencies:
    """Counts of the codes of one variable among `n` respondents, each a `Cell` with its
    percentage of `n`; `missing` are the missing-value codes (listed apart)."""

    rows: list[tuple[str, Cell]]
    missing: list[tuple[str, Cell]]
    total: Cell
    n: int

    @property
    def suppressed(self) -> bool:
        return self.total.suppressed


def frequencies(
    values: Sequence[str], codes: Sequence[str], missing_codes: Sequence[str] = ()
) -> Frequencies:
    """Frequencies of `values` (one code per respondent) over `codes` (in their order; codes in
    `missing_codes` are counted but listed apart), suppressed."""
    series = pd.Series(list(values), dtype=object).astype(str)
    order = [str(c) for c in codes]
    counts = series.value_counts().reindex(order, fill_value=0).to_numpy(dtype=np.float64)
    n = int(counts.sum())
    reasons = suppress(counts[:, None], row_totals=False, col_totals=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        percents = counts / n * 100 if n else np.full(len(counts), np.nan)
    cells = [_cell(counts[i], reasons[i, 0], percents[i]) for i in range(len(order))]
    miss = {str(c) for c in missing_codes}
    total = _cell(n, reasons[len(order), 0], 100.0 if n else None)
    return Frequencies(
        rows=[(code, cell) for code, cell in zip(order, cells, strict=True) if code not in miss],
        missing=[(code, cell) for code, cell in zip(order, cells, strict=True) if code in miss],
        total=total,
        n=n,
    )


@dataclass
class Choices:
    """A multiple choice: per option how many of the `n` respondents chose it."""

    rows: list[tuple[str, Cell]]
    total: Cell
    n: int


def multiple_choice(chosen: np.ndarray, codes: Sequence[str]) -> Choices:
    """`chosen` is respondents × options (0/1). An option is hidden when the respondents who
    chose it, or those who did not, are fewer than MIN_CELL (a line `chose, did not | n`)."""
    matrix = np.asarray(chosen, dtype=np.float64).reshape(-1, len(codes))
    n = matrix.shape[0]
    yes = matrix.sum(axis=0)
    no = n - yes
    rows = []
    total_reason = PRIMARY if 0 < n < MIN_CELL else SHOWN
    for i, code in enumerate(codes):
        reasons = suppress(np.array([[yes[i], no[i]]]), row_totals=True, col_totals=False)
        reason = total_reason or reasons[0, 0]
        rows.append((str(code), _cell(yes[i], reason, yes[i] / n * 100 if n else None)))
    return Choices(rows=rows, total=_cell(n, total_reason, 100.0 if n else None), n=n)


@dataclass(frozen=True)
class Summary:
    """n, mean, median and standard deviation of valid numbers; hidden (`reason`) when n is."""

    n: float | None
    mean: float | None = None
    median: float | None = None
    sd: float | None = None
    reason: str = SHOWN

    @property
    def suppressed(self) -> bool:
        return bool(self.reason)


def _summary(values: np.ndarray, reason: str = SHOWN) -> Summary:
    values = values[~np.isnan(values)]
    n = len(values)
    if reason or 0 < n < MIN_CELL:
        return Summary(None, reason=reason or PRIMARY)
    if n == 0:
        return Summary(0)
    sd = float(np.std(values, ddof=1)) if n > 1 else None
    return Summary(n, float(np.mean(values)), float(np.median(values)), sd)


def describe(values) -> Summary:
    """Summary of numbers (NaN for no answer or a missing code), hidden below MIN_CELL."""
    return _summary(np.asarray(values, dtype=np.float64))


def describe_by(
    values, groups, group_codes: Sequence[str], hidden_groups=None
) -> tuple[list[Summary], Summary]:
    """Summaries of `values` per group (`groups` holds each value's group code), and overall.
    The groups' n form one line with the overall n: a group's hidden n (and mean) cannot be
    recovered from the others."""
    values = np.asarray(values, dtype=np.float64)
    groups = np.asarray([str(g) for g in groups], dtype=object)
    valid = ~np.isnan(values)
    order = [str(g) for g in group_codes]
    counts = np.array([(valid & (groups == g)).sum() for g in order], dtype=np.float64)
    in_groups = valid & np.isin(groups, order)
    seed = None if hidden_groups is None else np.asarray(hidden_groups, dtype=bool)[None, :]
    reasons = suppress(counts[None, :], row_totals=True, col_totals=False, hidden_cells=seed)
    parts = [_summary(values[groups == g], reasons[0, i]) for i, g in enumerate(order)]
    overall = _summary(values[in_groups], reasons[0, len(order)])
    return parts, overall


@dataclass
class CrossTable:
    """A breakdown: `cells[i][j]` counts row code i in column group j, with the percentage of
    the column (the group); `row_totals`, `col_totals`, `total`."""

    row_codes: list[str]
    col_codes: list[str]
    cells: list[list[Cell]]
    row_totals: list[Cell]
    col_totals: list[Cell]
    total: Cell
    hidden: int = field(default=0)


def crosstab(
    rows,
    cols,
    row_codes: Sequence[str],
    col_codes: Sequence[str],
    *,
    hidden_rows=None,
    hidden_cols=None,
) -> CrossTable:
    """Breakdown of `rows` (codes, one per respondent) by `cols` (the group codes of the same
    respondents), suppressed with its margins; `hidden_rows` / `hidden_cols`: margins the
    questions' own tables hide (see `suppress`)."""
    frame = pd.DataFrame({"r": [str(v) for v in rows], "c": [str(v) for v in cols]})
    rc, cc = [str(c) for c in row_codes], [str(c) for c in col_codes]
    table = (
        pd.crosstab(frame["r"], frame["c"]).reindex(index=rc, columns=cc, fill_value=0)
        if len(frame)
        else pd.DataFrame(0, index=rc, columns=cc)
    )
    counts = table.to_numpy(dtype=np.float64)
    reasons = suppress(
        counts, row_totals=True, col_totals=True, hidden_rows=hidden_rows, hidden_cols=hidden_cols
    )
    r, c = counts.shape
    col_sums = counts.sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        percents = np.where(col_sums > 0, counts / col_sums * 100, np.nan)
    cells = [
        [_cell(counts[i, j], reasons[i, j], percents[i, j]) for j in range(c)] for i in range(r)
    ]
    row_totals = [_cell(counts[i].sum(), reasons[i, c]) for i in range(r)]
    col_totals = [_cell(col_sums[j], reasons[r, j], 100.0) for j in range(c)]
    return CrossTable(
        row_codes=rc,
        col_codes=cc,
        cells=cells,
        row_totals=row_totals,
        col_totals=col_totals,
        total=_cell(counts.sum(), reasons[r, c]),
        hidden=int((reasons != SHOWN).sum()),
    )


def item_scores(codes: pd.Series, minimum: float, maximum: float) -> pd.Series:
    """Scores 0–100 of numeric codes on a scale from `minimum` to `maximum`."""
    values = pd.to_numeric(codes, errors="coerce")
    if maximum == minimum:
        return pd.Series(np.nan, index=codes.index)
    return (values - minimum) / (maximum - minimum) * 100


def index_scores(scores: pd.DataFrame, min_items: int) -> pd.Series:
    """Per respondent (rows) the mean of the item scores (columns, NaN = not answered or a
    missing code), where at least `min_items` are answered; NaN otherwise."""
    answered = scores.notna().sum(axis=1)
    means = scores.mean(axis=1, skipna=True)
    return means.where(answered >= max(int(min_items), 1))


def index_value(respondent_scores: pd.Series) -> Summary:
    """The index of a wave: the mean over its respondents' indices, hidden below MIN_CELL."""
    return describe(respondent_scores.to_numpy(dtype=np.float64))
