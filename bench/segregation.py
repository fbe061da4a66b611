"""Segregation batch: the vectorised indices of `monitoring.segregation` against PySAL.

A synthetic batch of cities x periods x units x groups (default 1,000 cities x 20 periods,
50-300 units per city, 5 groups): every single-group index for every group (against the sum
of the groups) and every multigroup index, once with the vectorised functions over the whole
batch, once with PySAL `segregation` looping over city-periods. PySAL is timed on a random
sample of city-periods and extrapolated linearly (its cost per city-period does not depend on
the batch); the sample also checks that both give the same values.

    .venv/bin/python bench/segregation.py [--cities 1000] [--periods 20] [--sample 200]

Prints the ratio measured in this run; it is not a test.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

# Run as a script, this file's folder comes first on sys.path and its name would shadow the
# PySAL package `segregation`; the repository root takes its place.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]
sys.path.insert(0, str(_HERE.parent))

from monitoring import segregation as seg  # noqa: E402

PYSAL_SINGLE = {
    "dissimilarity": "Dissim",
    "gini": "Gini",
    "entropy": "Entropy",
    "isolation": "Isolation",
    "interaction": "Interaction",
    "atkinson": "Atkinson",
    "correlation_ratio": "CorrelationR",
}
PYSAL_MULTI = {
    "multi_dissimilarity": "MultiDissim",
    "multi_gini": "MultiGini",
    "multi_information_theory": "MultiInfoTheory",
    "multi_normalized_exposure": "MultiNormExposure",
    "multi_diversity": "MultiDiversity",
    "multi_squared_coefficient_of_variation": "MultiSquaredCoefVar",
    "multi_relative_diversity": "MultiRelativeDiversity",
    "simpsons_interaction": "SimpsonsInteraction",
    "simpsons_concentration": "SimpsonsConcentration",
}


def make_batch(rng, cities, periods, groups, min_units, max_units):
    """Counts (cities, periods, max_units, groups), NaN beyond each city's units."""
    units = rng.integers(min_units, max_units + 1, size=cities)
    city_shares = rng.dirichlet(np.ones(groups), size=cities)
    # Units differ from their city's mix (that is the segregation) and drift over periods.
    concentration = rng.uniform(2, 30, size=(cities, 1, 1, 1))
    alpha = concentration * city_shares[:, None, None, :] + 0.05
    unit_shares = rng.gamma(np.broadcast_to(alpha, (cities, periods, max_units, groups)))
    unit_shares /= unit_shares.sum(axis=-1, keepdims=True)
    population = rng.lognormal(7, 0.8, size=(cities, 1, max_units, 1))
    population = population * rng.uniform(0.95, 1.05, size=(cities, periods, max_units, 1))
    counts = np.round(population * unit_shares)
    padding = np.arange(max_units) >= units[:, None]  # (cities, max_units)
    counts[np.broadcast_to(padding[:, None, :], counts.shape[:-1])] = np.nan
    return counts, units


def vectorised(counts):
    """Every index for every city-period: single-group per group, then multigroup."""
    total = counts.sum(axis=-1)
    out = {}
    for g in range(counts.shape[-1]):
        for name, values in seg.single_group_indices(counts[..., g], total).items():
            out[f"{name}[{g}]"] = values
    out.update(seg.multi_group_indices(counts))
    return out


def pysal_city(frame, groups, singlegroup, multigroup):
    out = {}
    for g, column in enumerate(groups):
        for name, cls in PYSAL_SINGLE.items():
            out[f"{name}[{g}]"] = getattr(singlegroup, cls)(frame, column, "total").statistic
    for name, cls in PYSAL_MULTI.items():
        out[name] = getattr(multigroup, cls)(frame, groups).statistic
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cities", type=int, default=1000)
    parser.add_argument("--periods", type=int, default=20)
    parser.add_argument("--groups", type=int, default=5)
    parser.add_argument("--min-units", type=int, default=50)
    parser.add_argument("--max-units", type=int, default=300)
    parser.add_argument("--sample", type=int, default=200, help="city-periods timed in PySAL")
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        # PySAL warns while it loads; and it is only needed for the comparison run
        from segregation import multigroup, singlegroup

    rng = np.random.default_rng(args.seed)
    counts, units = make_batch(
        rng, args.cities, args.periods, args.groups, args.min_units, args.max_units
    )
    n_items = args.cities * args.periods
    n_indices = args.groups * len(PYSAL_SINGLE) + len(PYSAL_MULTI)
    print(
        f"batch: {args.cities} cities x {args.periods} periods = {n_items:,} city-periods, "
        f"{args.min_units}-{args.max_units} units, {args.groups} groups, "
        f"{n_indices} index values each ({args.groups} x {len(PYSAL_SINGLE)} single-group "
        f"+ {len(PYSAL_MULTI)} multigroup)"
    )

    vectorised(counts[:2])  # warm caches and allocator
    start, start_cpu = time.perf_counter(), time.process_time()
    ours = vectorised(counts)
    ours_seconds = time.perf_counter() - start
    ours_cpu = time.process_time() - start_cpu
    print(
        f"vectorised (all single-group indices per group, all multigroup indices, each over "
        f"the whole batch): {ours_seconds:.2f} s wall, {ours_cpu:.2f} s CPU"
    )

    groups = [f"g{k}" for k in range(args.groups)]
    sample = rng.choice(n_items, size=min(args.sample, n_items), replace=False)
    frames = []
    for item in sample:
        c, p = divmod(int(item), args.periods)
        frame = pd.DataFrame(counts[c, p, : units[c]].astype(np.int64), columns=groups)
        frame["total"] = frame[groups].sum(axis=1)
        frames.append((c, p, frame))

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        # PySAL's Gini is compiled by numba on first use; keep that out of the timing.
        pysal_city(frames[0][2], groups, singlegroup, multigroup)
        worst = 0.0
        start, start_cpu = time.perf_counter(), time.process_time()
        results = [(c, p, pysal_city(f, groups, singlegroup, multigroup)) for c, p, f in frames]
        pysal_seconds_sample = time.perf_counter() - start
        pysal_cpu_sample = time.process_time() - start_cpu
    for c, p, ref in results:
        for key, value in ref.items():
            mine = ours[key][c, p]
            if not (np.isnan(value) and np.isnan(mine)):
                worst = max(worst, abs(float(value) - float(mine)))

    per_item = pysal_seconds_sample / len(frames)
    pysal_seconds = per_item * n_items
    pysal_cpu = pysal_cpu_sample / len(frames) * n_items
    print(
        f"PySAL, looping over city-periods: {pysal_seconds_sample:.2f} s wall for a random "
        f"sample of {len(frames)} ({per_item * 1e3:.1f} ms each, numba compile excluded), "
        f"EXTRAPOLATED linearly to all {n_items:,}: {pysal_seconds:.0f} s wall, "
        f"{pysal_cpu:.0f} s CPU"
    )
    print(f"largest difference to PySAL on the sample: {worst:.2e}")
    print(
        f"ratio PySAL (extrapolated) / vectorised: {pysal_seconds / ours_seconds:.0f}x wall, "
        f"{pysal_cpu / ours_cpu:.0f}x CPU (load average {os.getloadavg()[0]:.1f})"
    )


if __name__ == "__main__":
    main()
