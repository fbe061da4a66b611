"""Segregation indices for many cities and periods at once, with bootstrap intervals.

The public face of the index functions in ``segregation_single`` (counts of one group against
a total, shape ``(..., units)``) and ``segregation_multi`` (counts of every group, shape
``(..., units, groups)``). Each index is defined as in PySAL ``segregation`` 2.5.4, which the
tests use as the reference. Unequal numbers of units are padded with NaN or described by a
``mask`` (True where a unit exists).

    >>> import numpy as np
    >>> from monitoring import segregation as seg
    >>> float(seg.dissimilarity([10, 0, 5], [20, 10, 10]))
    0.4
    >>> group = np.array([[10, 0, 5], [3, 4, np.nan]])  # the second city has two units
    >>> total = np.array([[20, 10, 10], [6, 8, np.nan]])
    >>> seg.dissimilarity(group, total)
    array([0.4, 0. ])
    >>> ci = seg.bootstrap_ci("gini", group, total, n_boot=200, seed=1)
    >>> ci.low.shape, ci.high.shape
    ((2,), (2,))

No Django here: these are pure functions over NumPy arrays.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from .segregation_multi import (
    MULTI_GROUP_CORES,
    compute_multi,
    multi_dissimilarity,
    multi_diversity,
    multi_gini,
    multi_information_theory,
    multi_normalized_exposure,
    multi_relative_diversity,
    multi_squared_coefficient_of_variation,
    simpsons_concentration,
    simpsons_interaction,
)
from .segregation_single import (
    SINGLE_GROUP_CORES,
    Result,
    atkinson,
    compute_single,
    correlation_ratio,
    dissimilarity,
    entropy,
    gini,
    interaction,
    isolation,
    to_result,
)

__all__ = [
    "MULTI_GROUP_INDICES",
    "SINGLE_GROUP_INDICES",
    "BootstrapInterval",
    "atkinson",
    "bootstrap_ci",
    "correlation_ratio",
    "dissimilarity",
    "entropy",
    "gini",
    "interaction",
    "isolation",
    "multi_dissimilarity",
    "multi_diversity",
    "multi_gini",
    "multi_group_indices",
    "multi_information_theory",
    "multi_normalized_exposure",
    "multi_relative_diversity",
    "multi_squared_coefficient_of_variation",
    "simpsons_concentration",
    "simpsons_interaction",
    "single_group_bootstrap",
    "single_group_indices",
]

SINGLE_GROUP_INDICES: dict[str, Callable[..., Result]] = {
    "dissimilarity": dissimilarity,
    "gini": gini,
    "entropy": entropy,
    "isolation": isolation,
    "interaction": interaction,
    "atkinson": atkinson,
    "correlation_ratio": correlation_ratio,
}

MULTI_GROUP_INDICES: dict[str, Callable[..., Result]] = {
    "multi_dissimilarity": multi_dissimilarity,
    "multi_gini": multi_gini,
    "multi_information_theory": multi_information_theory,
    "multi_normalized_exposure": multi_normalized_exposure,
    "multi_diversity": multi_diversity,
    "multi_squared_coefficient_of_variation": multi_squared_coefficient_of_variation,
    "multi_relative_diversity": multi_relative_diversity,
    "simpsons_interaction": simpsons_interaction,
    "simpsons_concentration": simpsons_concentration,
}


def single_group_indices(
    group: ArrayLike, total: ArrayLike, *, mask: ArrayLike | None = None
) -> dict[str, Result]:
    """Every single-group index of one group against a total, keyed by index name.

    Faster than calling each index: the counts are validated and their shares computed once.
    """
    return compute_single(SINGLE_GROUP_CORES, group, total, mask)


def multi_group_indices(counts: ArrayLike, *, mask: ArrayLike | None = None) -> dict[str, Result]:
    """Every multigroup index of counts shaped (..., units, groups), keyed by index name.

    Faster than calling each index: the counts are validated and their shares computed once.
    """
    return compute_multi(MULTI_GROUP_CORES, counts, mask)


@dataclass(frozen=True)
class BootstrapInterval:
    """A percentile bootstrap interval per city (arrays of the batch shape)."""

    estimate: Result
    low: Result
    high: Result
    level: float
    n_boot: int


# Elements (replicates x batch x units x groups) resampled at once; bounds memory to ~100 MB
# per array while keeping the work in large vectorised blocks.
_CHUNK_ELEMENTS = 4_000_000


def bootstrap_ci(
    index: str | Callable[..., Result],
    *counts: ArrayLike,
    n_boot: int = 1000,
    level: float = 0.95,
    seed: int | np.random.Generator | None = None,
    mask: ArrayLike | None = None,
    **options: object,
) -> BootstrapInterval:
    """Percentile bootstrap interval of an index, resampling units with replacement.

    ``index`` is a name or function from ``SINGLE_GROUP_INDICES`` (then ``counts`` is
    ``group, total``) or ``MULTI_GROUP_INDICES`` (then ``counts`` is the one array shaped
    ``(..., units, groups)``); ``options`` go to the index (e.g. ``b`` for atkinson). Each city
    of the batch draws as many units as it has, only among its own present units, so padding
    is never drawn. Replicates where the index is undefined (NaN) are left out of the
    quantiles. The same ``seed`` and inputs give the same interval.
    """
    func, multi = _resolve_index(index)
    if not 0.0 < level < 1.0:
        raise ValueError("level must be between 0 and 1")
    if n_boot < 1:
        raise ValueError("n_boot must be at least 1")
    arrays = [np.asarray(a, dtype=np.float64) for a in counts]
    if multi:
        if len(arrays) != 1:
            raise ValueError("a multigroup index takes one counts array (..., units, groups)")
        present = ~np.isnan(arrays[0]).any(axis=-1)
    else:
        if len(arrays) != 2:
            raise ValueError("a single-group index takes group and total arrays")
        arrays = list(np.broadcast_arrays(*arrays))
        present = ~(np.isnan(arrays[0]) | np.isnan(arrays[1]))
    if mask is not None:
        present &= np.broadcast_to(np.asarray(mask, dtype=bool), present.shape)

    estimate = func(*arrays, mask=present, **options)
    replicates = _replicates(
        lambda *picked, mask: np.asarray(func(*picked, mask=mask, **options)),
        arrays,
        present,
        multi=multi,
        n_boot=n_boot,
        rng=np.random.default_rng(seed),
    )
    low, high = _percentiles(replicates, level)
    return BootstrapInterval(
        estimate=estimate,
        low=to_result(low),
        high=to_result(high),
        level=level,
        n_boot=n_boot,
    )


def single_group_bootstrap(
    indices: Iterable[str],
    group: ArrayLike,
    total: ArrayLike,
    *,
    n_boot: int = 1000,
    level: float = 0.95,
    seed: int | np.random.Generator | None = None,
    mask: ArrayLike | None = None,
) -> dict[str, BootstrapInterval]:
    """Percentile bootstrap intervals of several single-group indices from the same resamples.

    Gives for each index what ``bootstrap_ci`` gives, but draws the units once and evaluates
    every index on each replicate: the intervals of one city then rest on the same resamples,
    and the work is shared (the shares of a replicate are computed once for all indices).
    """
    names = list(indices)
    unknown = [name for name in names if name not in SINGLE_GROUP_CORES]
    if unknown:
        raise ValueError(f"unknown segregation index: {unknown[0]!r}")
    if not 0.0 < level < 1.0:
        raise ValueError("level must be between 0 and 1")
    if n_boot < 1:
        raise ValueError("n_boot must be at least 1")
    cores = {name: SINGLE_GROUP_CORES[name] for name in names}
    arrays = list(np.broadcast_arrays(*(np.asarray(a, dtype=np.float64) for a in (group, total))))
    present = ~(np.isnan(arrays[0]) | np.isnan(arrays[1]))
    if mask is not None:
        present &= np.broadcast_to(np.asarray(mask, dtype=bool), present.shape)
    estimates = compute_single(cores, *arrays, present)

    def evaluate(x, t, *, mask):
        values = compute_single(cores, x, t, mask)
        return np.stack([np.asarray(values[name]) for name in names], axis=-1)

    replicates = _replicates(
        evaluate, arrays, present, multi=False, n_boot=n_boot, rng=np.random.default_rng(seed)
    )
    low, high = _percentiles(replicates, level)
    return {
        name: BootstrapInterval(
            estimate=estimates[name],
            low=to_result(low[..., i]),
            high=to_result(high[..., i]),
            level=level,
            n_boot=n_boot,
        )
        for i, name in enumerate(names)
    }


def _replicates(
    evaluate: Callable[..., np.ndarray],
    arrays: list[np.ndarray],
    present: np.ndarray,
    *,
    multi: bool,
    n_boot: int,
    rng: np.random.Generator,
) -> np.ndarray:
    """``evaluate`` on ``n_boot`` resamples of the units, stacked along a new first axis.

    Each city of the batch draws as many units as it has, only among its own present units.
    """
    n_units = present.shape[-1]
    n_present = present.sum(axis=-1)
    # Present units first (stable, so in their original order): a draw k < n_present then
    # maps to the k-th present unit of its own city.
    order = np.argsort(~present, axis=-1, kind="stable")
    resampled_present = np.arange(n_units) < n_present[..., None]
    high_draw = np.maximum(n_present, 1)[..., None]

    per_replicate = max(1, arrays[0].size)
    chunk = max(1, min(n_boot, _CHUNK_ELEMENTS // per_replicate))
    stats = []
    for start in range(0, n_boot, chunk):
        size = min(chunk, n_boot - start)
        draws = rng.integers(0, high_draw, size=(size, *present.shape))
        units = np.take_along_axis(order[None], draws, axis=-1)
        if multi:
            picked = [np.take_along_axis(arrays[0][None], units[..., None], axis=-2)]
        else:
            picked = [np.take_along_axis(a[None], units, axis=-1) for a in arrays]
        stats.append(np.asarray(evaluate(*picked, mask=resampled_present)))
    return np.concatenate(stats, axis=0)


def _percentiles(replicates: np.ndarray, level: float) -> tuple[np.ndarray, np.ndarray]:
    """The percentile interval over the replicates (axis 0), undefined replicates left out."""
    alpha = (1.0 - level) / 2.0
    with warnings.catch_warnings():
        # A city whose every replicate is undefined gets NaN; that needs no warning.
        warnings.filterwarnings("ignore", "All-NaN slice encountered", RuntimeWarning)
        low, high = np.nanquantile(replicates, [alpha, 1.0 - alpha], axis=0)
    return low, high


def _resolve_index(index: str | Callable[..., Result]) -> tuple[Callable[..., Result], bool]:
    """The index function and whether it is multigroup."""
    for multi, registry in ((False, SINGLE_GROUP_INDICES), (True, MULTI_GROUP_INDICES)):
        if isinstance(index, str) and index in registry:
            return registry[index], multi
        if callable(index) and index in registry.values():
            return index, multi
    raise ValueError(f"unknown segregation index: {index!r}")
