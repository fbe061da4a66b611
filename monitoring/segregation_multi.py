"""Multigroup segregation and diversity indices, vectorised over cities and periods.

Every function takes counts of shape ``(..., units, groups)``; leading dimensions are a batch
and the result has the batch shape. A unit's total is the sum of its group counts. Units are
padded with NaN (in any group) or described by ``mask`` of shape ``(..., units)``; a padded
unit is treated like an empty unit, which no index here weighs, so padding never changes a
value.

The formulas follow PySAL ``segregation`` 2.5.4 (``segregation.multigroup``), including its
results on degenerate input: for instance NaN for the information theory index and for the
diversity when a group is absent from the whole city, since PySAL takes 0 * log 0 literally
there. Values agree with PySAL to rounding (1e-15).

No Django here: these are pure functions over NumPy arrays.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .segregation_single import FloatArray, Result, row_chunks, to_result, weighted_abs_diff_sum

__all__ = [
    "MULTI_GROUP_CORES",
    "compute_multi",
    "multi_dissimilarity",
    "multi_diversity",
    "multi_gini",
    "multi_information_theory",
    "multi_normalized_exposure",
    "multi_relative_diversity",
    "multi_squared_coefficient_of_variation",
    "simpsons_concentration",
    "simpsons_interaction",
]


class Groups:
    """Counts of a block of cities (rows x units x groups) with padding zeroed, and the shares
    derived from them, each computed when an index first needs it."""

    def __init__(self, df: FloatArray, present: NDArray[np.bool_]) -> None:
        df = np.where(present[..., None], df, 0.0)
        if np.any(df < 0):
            raise ValueError("population counts must not be negative")
        self.df = df
        by_group = df.sum(axis=-2)
        self.T = by_group.sum(axis=-1)  # total per city
        self.Pk = by_group / self.T[:, None]  # group shares per city

    @cached_property
    def ti(self) -> FloatArray:
        """Total per unit."""
        return self.df.sum(axis=-1)

    @cached_property
    def pik(self) -> FloatArray:
        """Group shares per unit, 0 in empty units (as PySAL sets them)."""
        ti = self.ti[..., None]
        return np.where(ti == 0, 0.0, self.df / np.where(ti == 0, 1.0, ti))

    @cached_property
    def interaction(self) -> FloatArray:
        """Simpson's interaction, the normaliser I of several indices."""
        return (self.Pk * (1 - self.Pk)).sum(axis=-1)

    @cached_property
    def squared_deviation(self) -> FloatArray:
        """Per group: sum over units of t_i (p_ik - P_k)^2."""
        return (self.ti[..., None] * (self.pik - self.Pk[:, None, :]) ** 2).sum(axis=-2)


def _multi_dissimilarity(g: Groups) -> FloatArray:
    dev = (np.abs(g.pik - g.Pk[:, None, :]) * g.ti[..., None]).sum(axis=(-2, -1))
    return 1 / (2 * g.T * g.interaction) * dev


def _multi_gini(g: Groups) -> FloatArray:
    # One pairwise sum per group: groups move in front of the units axis.
    pairs = weighted_abs_diff_sum(np.swapaxes(g.pik, -1, -2), g.ti[:, None, :])
    return pairs.sum(axis=-1) / (2 * g.T**2 * g.interaction)


def _multi_information_theory(g: Groups) -> FloatArray:
    E = (g.Pk * np.log(1 / g.Pk)).sum(axis=-1)
    # PySAL drops every 0 * log 0 term with nansum; p_ik > 0 implies P_k > 0.
    positive = g.pik > 0
    ratio = np.where(positive, g.pik / np.where(g.Pk == 0, 1.0, g.Pk)[:, None, :], 1.0)
    terms = g.ti[..., None] * g.pik * np.log(ratio)
    return terms.sum(axis=(-2, -1)) / (g.T * E)


def _multi_normalized_exposure(g: Groups) -> FloatArray:
    return (g.squared_deviation / (1 - g.Pk)).sum(axis=-1) / g.T


def _multi_diversity(g: Groups, normalized: bool = False) -> FloatArray:
    E = -(g.Pk * np.log(g.Pk)).sum(axis=-1)
    return E / np.log(g.df.shape[-1]) if normalized else E


def _multi_squared_coefficient_of_variation(g: Groups) -> FloatArray:
    K = g.df.shape[-1]
    return (g.squared_deviation / (g.T[:, None] * (K - 1) * g.Pk)).sum(axis=-1)


def _multi_relative_diversity(g: Groups) -> FloatArray:
    return g.squared_deviation.sum(axis=-1) / (g.T * g.interaction)


def _simpsons_interaction(g: Groups) -> FloatArray:
    return g.interaction


def _simpsons_concentration(g: Groups) -> FloatArray:
    return (g.Pk * g.Pk).sum(axis=-1)


MULTI_GROUP_CORES: dict[str, Callable[[Groups], FloatArray]] = {
    "multi_dissimilarity": _multi_dissimilarity,
    "multi_gini": _multi_gini,
    "multi_information_theory": _multi_information_theory,
    "multi_normalized_exposure": _multi_normalized_exposure,
    "multi_diversity": _multi_diversity,
    "multi_squared_coefficient_of_variation": _multi_squared_coefficient_of_variation,
    "multi_relative_diversity": _multi_relative_diversity,
    "simpsons_interaction": _simpsons_interaction,
    "simpsons_concentration": _simpsons_concentration,
}


def compute_multi(
    cores: dict[str, Callable[[Groups], FloatArray]],
    counts: ArrayLike,
    mask: ArrayLike | None = None,
) -> dict[str, Result]:
    """Run index cores over a batch of cities, block by block, sharing the preparation."""
    df = np.asarray(counts, dtype=np.float64)
    if df.ndim < 2:
        raise ValueError("counts need units and groups axes (shape (..., units, groups))")
    present = ~np.isnan(df).any(axis=-1)
    if mask is not None:
        present &= np.broadcast_to(np.asarray(mask, dtype=bool), present.shape)
    batch, (n, k) = df.shape[:-2], df.shape[-2:]
    df, present = df.reshape(-1, n, k), present.reshape(-1, n)
    out = {name: np.empty(df.shape[0]) for name in cores}
    with np.errstate(divide="ignore", invalid="ignore"):
        for rows in row_chunks(df.shape[0], n * k):
            groups = Groups(df[rows], present[rows])
            for name, core in cores.items():
                out[name][rows] = core(groups)
    return {name: to_result(values.reshape(batch)) for name, values in out.items()}


def _one(core: Callable[[Groups], FloatArray], counts: ArrayLike, mask: ArrayLike | None):
    return compute_multi({"index": core}, counts, mask)["index"]


def multi_dissimilarity(counts: ArrayLike, *, mask: ArrayLike | None = None) -> Result:
    """Multigroup dissimilarity index (Sakoda 1981), PySAL ``MultiDissim``."""
    return _one(_multi_dissimilarity, counts, mask)


def multi_gini(counts: ArrayLike, *, mask: ArrayLike | None = None) -> Result:
    """Multigroup Gini index (Reardon and Firebaugh 2002), PySAL ``MultiGini``."""
    return _one(_multi_gini, counts, mask)


def multi_information_theory(counts: ArrayLike, *, mask: ArrayLike | None = None) -> Result:
    """Multigroup information theory index H (Reardon and Firebaugh 2002), PySAL
    ``MultiInfoTheory``."""
    return _one(_multi_information_theory, counts, mask)


def multi_normalized_exposure(counts: ArrayLike, *, mask: ArrayLike | None = None) -> Result:
    """Multigroup normalised exposure index (Reardon and Firebaugh 2002), PySAL
    ``MultiNormExposure``."""
    return _one(_multi_normalized_exposure, counts, mask)


def multi_diversity(
    counts: ArrayLike, *, normalized: bool = False, mask: ArrayLike | None = None
) -> Result:
    """Multigroup diversity, Theil's entropy of the city's group shares (Reardon and Firebaugh
    2002), PySAL ``MultiDiversity``; ``normalized`` divides by its maximum log(K)."""
    return _one(lambda g: _multi_diversity(g, normalized), counts, mask)


def multi_squared_coefficient_of_variation(
    counts: ArrayLike, *, mask: ArrayLike | None = None
) -> Result:
    """Multigroup squared coefficient of variation (Reardon and Firebaugh 2002), PySAL
    ``MultiSquaredCoefVar``."""
    return _one(_multi_squared_coefficient_of_variation, counts, mask)


def multi_relative_diversity(counts: ArrayLike, *, mask: ArrayLike | None = None) -> Result:
    """Multigroup relative diversity index (Reardon 1998), PySAL ``MultiRelativeDiversity``."""
    return _one(_multi_relative_diversity, counts, mask)


def simpsons_interaction(counts: ArrayLike, *, mask: ArrayLike | None = None) -> Result:
    """Simpson's interaction index: the chance that two random residents belong to different
    groups (Reardon and Firebaugh 2002), PySAL ``SimpsonsInteraction``."""
    return _one(_simpsons_interaction, counts, mask)


def simpsons_concentration(counts: ArrayLike, *, mask: ArrayLike | None = None) -> Result:
    """Simpson's concentration index: the chance that two random residents belong to the same
    group (Simpson 1949), PySAL ``SimpsonsConcentration``."""
    return _one(_simpsons_concentration, counts, mask)
