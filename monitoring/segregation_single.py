"""Single-group (two-group) segregation indices, vectorised over cities and periods.

Every function takes the count of the focal group and the total population per spatial unit
as arrays of shape ``(..., units)``: any leading dimensions are a batch (cities, periods, ...)
and the result has the batch shape. Cities with fewer units are padded with NaN, or described
by ``mask`` (True where a unit exists); a padded unit is treated exactly like a unit with no
population, which every index here ignores, so padding never changes a value.

The formulas follow PySAL ``segregation`` 2.5.4 (``segregation.singlegroup``), including what
it returns for degenerate inputs (no member of the group, nobody outside it, no population at
all): usually NaN, but 0 where PySAL sums only undefined terms with ``nansum`` (entropy,
isolation, interaction, correlation ratio). Values agree with PySAL to rounding (1e-15).

No Django here: these are pure functions over NumPy arrays.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = [
    "SINGLE_GROUP_CORES",
    "atkinson",
    "compute_single",
    "correlation_ratio",
    "dissimilarity",
    "entropy",
    "gini",
    "interaction",
    "isolation",
    "row_chunks",
    "to_result",
    "weighted_abs_diff_sum",
]

FloatArray = NDArray[np.float64]
# One city gives a NumPy float, a batch gives an array of the batch shape.
Result = np.float64 | FloatArray

# Cities are computed in blocks of about this many cells: the temporaries of a block stay in
# memory the allocator reuses, instead of page-faulting fresh gigabytes for a large batch.
CHUNK_CELLS = 1 << 16


@dataclass(frozen=True)
class Units:
    """Counts of a block of cities (rows x units) with padding zeroed, and their shares."""

    x: FloatArray  # group count per unit
    t: FloatArray  # total per unit
    T: FloatArray  # total per city
    X: FloatArray  # group per city
    P: FloatArray  # group share per city
    pi: FloatArray  # group share per unit, 0 in empty units (as PySAL sets it)

    @classmethod
    def of(cls, x: FloatArray, t: FloatArray, present: NDArray[np.bool_]) -> Units:
        x = np.where(present, x, 0.0)
        t = np.where(present, t, 0.0)
        if np.any(x < 0) or np.any(t < 0):
            raise ValueError("population counts must not be negative")
        if np.any(t < x):
            raise ValueError(
                "Group of interest population must equal or lower than the total population "
                "of the units."
            )
        T = t.sum(axis=-1)
        X = x.sum(axis=-1)
        pi = np.where(t == 0, 0.0, x / np.where(t == 0, 1.0, t))
        return cls(x=x, t=t, T=T, X=X, P=X / T, pi=pi)


def _dissimilarity(u: Units) -> FloatArray:
    num = (u.t * np.abs(u.pi - u.P[:, None])).sum(axis=-1)
    return num / (2 * u.T * u.P * (1 - u.P))


def _gini(u: Units) -> FloatArray:
    return weighted_abs_diff_sum(u.pi, u.t) / (2 * u.T * u.T * u.P * (1 - u.P))


def _binary_entropy(p: FloatArray) -> FloatArray:
    # PySAL's exact expression: a unit as mixed as its city must give E - Ei == 0 exactly,
    # which matters when E itself is tiny.
    return p * np.log(1 / p) + (1 - p) * np.log(1 / (1 - p))


def _entropy(u: Units) -> FloatArray:
    E = _binary_entropy(u.P)
    # 0 * log 0 counts as 0 in a unit with none or only members of the group, as in PySAL.
    inside = (u.pi > 0) & (u.pi < 1)
    Ei = np.where(inside, _binary_entropy(np.where(inside, u.pi, 0.5)), 0.0)
    H = (u.t * (E[:, None] - Ei)).sum(axis=-1) / (E * u.T)
    # E is NaN without members or non-members; PySAL's nansum then sums nothing: 0.
    return np.where(np.isnan(E), 0.0, H)


def _exposure_of_group(u: Units, share: FloatArray) -> FloatArray:
    """Sum over units of (x / X) * share, 0 for a city without the group (PySAL's nansum of
    only undefined terms)."""
    X = np.where(u.X == 0, 1.0, u.X)
    return np.where(u.X == 0, 0.0, ((u.x / X[:, None]) * share).sum(axis=-1))


def _isolation(u: Units) -> FloatArray:
    return _exposure_of_group(u, u.pi)


def _interaction(u: Units) -> FloatArray:
    t = np.where(u.t == 0, 1.0, u.t)
    return _exposure_of_group(u, np.where(u.t == 0, 0.0, (u.t - u.x) / t))


def _correlation_ratio(u: Units) -> FloatArray:
    return (_exposure_of_group(u, u.pi) - u.P) / (1 - u.P)


def _atkinson(u: Units, b: float = 0.5) -> FloatArray:
    PT = u.P * u.T
    inner = ((1 - u.pi) ** (1 - b) * u.pi**b * u.t).sum(axis=-1) / PT
    return 1 - (u.P / (1 - u.P)) * np.abs(inner) ** (1 / (1 - b))


SINGLE_GROUP_CORES: dict[str, Callable[[Units], FloatArray]] = {
    "dissimilarity": _dissimilarity,
    "gini": _gini,
    "entropy": _entropy,
    "isolation": _isolation,
    "interaction": _interaction,
    "atkinson": _atkinson,
    "correlation_ratio": _correlation_ratio,
}


def compute_single(
    cores: dict[str, Callable[[Units], FloatArray]],
    group: ArrayLike,
    total: ArrayLike,
    mask: ArrayLike | None = None,
) -> dict[str, Result]:
    """Run index cores over a batch of cities, block by block, sharing the preparation."""
    x = np.asarray(group, dtype=np.float64)
    t = np.asarray(total, dtype=np.float64)
    x, t = np.broadcast_arrays(x, t)
    if x.ndim == 0:
        raise ValueError("counts need a units axis (shape (..., units))")
    present = ~(np.isnan(x) | np.isnan(t))
    if mask is not None:
        present &= np.broadcast_to(np.asarray(mask, dtype=bool), x.shape)
    batch, n = x.shape[:-1], x.shape[-1]
    x, t, present = (a.reshape(-1, n) for a in (x, t, present))
    out = {name: np.empty(x.shape[0]) for name in cores}
    with np.errstate(divide="ignore", invalid="ignore"):
        for rows in row_chunks(x.shape[0], n):
            units = Units.of(x[rows], t[rows], present[rows])
            for name, core in cores.items():
                out[name][rows] = core(units)
    return {name: to_result(values.reshape(batch)) for name, values in out.items()}


def row_chunks(n_rows: int, cells_per_row: int) -> Iterator[slice]:
    step = max(1, CHUNK_CELLS // max(1, cells_per_row))
    for start in range(0, max(n_rows, 1), step):
        yield slice(start, min(start + step, n_rows))


def weighted_abs_diff_sum(p: FloatArray, w: FloatArray) -> FloatArray:
    """``sum_i sum_j w_i w_j |p_i - p_j|`` over the last axis in O(n log n).

    PySAL builds the full n x n matrix; sorting p turns every |p_i - p_j| into p_j - p_i for
    i < j, so the double sum becomes running sums. Shifting p by its weighted mean first keeps
    the running sums small, which keeps the result within rounding of the pairwise sum.
    """
    wsum = w.sum(axis=-1, keepdims=True)
    centre = (w * p).sum(axis=-1, keepdims=True) / np.where(wsum == 0, 1.0, wsum)
    q = np.ascontiguousarray(p - centre)
    order = np.argsort(q, axis=-1)
    qs = np.take_along_axis(q, order, axis=-1)
    ws = np.take_along_axis(np.broadcast_to(w, q.shape), order, axis=-1)
    wq = ws * qs
    # Exclusive running sums: everything sorted strictly before unit j.
    before_w = np.cumsum(ws, axis=-1) - ws
    before_wq = np.cumsum(wq, axis=-1) - wq
    return 2.0 * (ws * (qs * before_w - before_wq)).sum(axis=-1)


def to_result(values: ArrayLike) -> Result:
    values = np.asarray(values, dtype=np.float64)
    return values[()] if values.ndim == 0 else values


def dissimilarity(group: ArrayLike, total: ArrayLike, *, mask: ArrayLike | None = None) -> Result:
    """Dissimilarity index D (Massey and Denton 1988), PySAL ``Dissim``."""
    return compute_single({"d": _dissimilarity}, group, total, mask)["d"]


def gini(group: ArrayLike, total: ArrayLike, *, mask: ArrayLike | None = None) -> Result:
    """Gini segregation index G (Massey and Denton 1988), PySAL ``Gini``."""
    return compute_single({"g": _gini}, group, total, mask)["g"]


def entropy(group: ArrayLike, total: ArrayLike, *, mask: ArrayLike | None = None) -> Result:
    """Entropy index H, Theil's information index (Massey and Denton 1988), PySAL ``Entropy``.

    Natural logarithms, normalised by the city's entropy E, so H lies in [0, 1]. A city
    without any member of the group (or nobody outside it) gives 0, as in PySAL.
    """
    return compute_single({"h": _entropy}, group, total, mask)["h"]


def isolation(group: ArrayLike, total: ArrayLike, *, mask: ArrayLike | None = None) -> Result:
    """Isolation index xPx (Massey and Denton 1988), PySAL ``Isolation``."""
    return compute_single({"i": _isolation}, group, total, mask)["i"]


def interaction(group: ArrayLike, total: ArrayLike, *, mask: ArrayLike | None = None) -> Result:
    """Interaction index xPy (Massey and Denton 1988), PySAL ``Interaction``."""
    return compute_single({"i": _interaction}, group, total, mask)["i"]


def atkinson(
    group: ArrayLike, total: ArrayLike, *, b: float = 0.5, mask: ArrayLike | None = None
) -> Result:
    """Atkinson index A with shape parameter b (default 0.5), PySAL ``Atkinson``."""
    b = float(b)
    if not 0.0 <= b < 1.0:
        raise ValueError("The parameter b must be in [0, 1).")
    return compute_single({"a": lambda u: _atkinson(u, b)}, group, total, mask)["a"]


def correlation_ratio(
    group: ArrayLike, total: ArrayLike, *, mask: ArrayLike | None = None
) -> Result:
    """Correlation ratio V, eta squared (Massey and Denton 1988), PySAL ``CorrelationR``."""
    return compute_single({"v": _correlation_ratio}, group, total, mask)["v"]
