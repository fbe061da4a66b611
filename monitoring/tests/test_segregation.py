"""The segregation indices agree with PySAL `segregation` and behave in batches and bootstraps.

Pure tests: no database, no Django. PySAL is the reference, called through its public index
classes on a DataFrame, exactly as an analyst would.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from monitoring import segregation as seg
from monitoring import segregation_single
from monitoring.tests.berlin import BERLIN_PLR

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from segregation import multigroup as pysal_multi
    from segregation import singlegroup as pysal_single
    from segregation.singlegroup import gini as pysal_gini_module

TOLERANCE = 1e-9

BERLIN_AGE_GROUPS = ["unter6", "6-15", "15-18", "18-27", "27-45", "45-55", "55-65", "65undmehr"]

PYSAL_SINGLE = {
    "dissimilarity": pysal_single.Dissim,
    "gini": pysal_single.Gini,
    "entropy": pysal_single.Entropy,
    "isolation": pysal_single.Isolation,
    "interaction": pysal_single.Interaction,
    "atkinson": pysal_single.Atkinson,
    "correlation_ratio": pysal_single.CorrelationR,
}
PYSAL_MULTI = {
    "multi_dissimilarity": pysal_multi.MultiDissim,
    "multi_gini": pysal_multi.MultiGini,
    "multi_information_theory": pysal_multi.MultiInfoTheory,
    "multi_normalized_exposure": pysal_multi.MultiNormExposure,
    "multi_diversity": pysal_multi.MultiDiversity,
    "multi_squared_coefficient_of_variation": pysal_multi.MultiSquaredCoefVar,
    "multi_relative_diversity": pysal_multi.MultiRelativeDiversity,
    "simpsons_interaction": pysal_multi.SimpsonsInteraction,
    "simpsons_concentration": pysal_multi.SimpsonsConcentration,
}


def pysal_single_index(name: str, group, total) -> float:
    """PySAL's value of a single-group index for one city."""
    frame = pd.DataFrame({"group": np.asarray(group), "total": np.asarray(total)})
    with pytest.MonkeyPatch.context() as patch, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        # PySAL's Gini kernel is numba-compiled on first use (~13 s); its pure-Python body is
        # the same code, so the reference stays PySAL's while the suite stays fast.
        kernel = pysal_gini_module._gini_vecp
        patch.setattr(pysal_gini_module, "_gini_vecp", getattr(kernel, "py_func", kernel))
        return float(PYSAL_SINGLE[name](frame, "group", "total").statistic)


def pysal_multi_index(name: str, counts) -> float:
    """PySAL's value of a multigroup index for one city (counts shaped units x groups)."""
    counts = np.asarray(counts)
    columns = [f"g{k}" for k in range(counts.shape[1])]
    frame = pd.DataFrame(counts, columns=columns)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return float(PYSAL_MULTI[name](frame, columns).statistic)


def assert_same(actual, expected, what: str = "") -> None:
    np.testing.assert_allclose(
        actual, expected, rtol=0, atol=TOLERANCE, equal_nan=True, err_msg=what
    )


@pytest.fixture(scope="module")
def berlin() -> pd.DataFrame:
    if not BERLIN_PLR.exists():
        pytest.skip(f"Berlin reference data not found at {BERLIN_PLR}")
    raw = pd.read_csv(BERLIN_PLR, sep=";", encoding="utf-8-sig", dtype={"PLR-ID": str})
    counts = raw.drop(columns="PLR-ID").apply(pd.to_numeric, errors="coerce")
    counts.index = raw["PLR-ID"]
    return counts


@pytest.fixture(scope="module")
def berlin_foreigners(berlin) -> pd.DataFrame:
    """Planning areas with both counts published (the suppressed ones are left out)."""
    return berlin[["ausländer", "Gesamt"]].dropna().astype(np.int64)


# --- Berlin planning areas -------------------------------------------------------------------


def test_dissimilarity_matches_pysal_on_berlin_planning_areas(berlin_foreigners):
    x, t = berlin_foreigners["ausländer"], berlin_foreigners["Gesamt"]

    d = seg.dissimilarity(x, t)

    assert len(berlin_foreigners) == 540
    assert d == pytest.approx(0.22598, abs=5e-6)
    assert_same(d, pysal_single_index("dissimilarity", x, t))


@pytest.mark.parametrize("name", list(seg.SINGLE_GROUP_INDICES))
def test_single_group_index_matches_pysal_on_berlin_planning_areas(name, berlin_foreigners):
    x, t = berlin_foreigners["ausländer"], berlin_foreigners["Gesamt"]

    assert_same(seg.SINGLE_GROUP_INDICES[name](x, t), pysal_single_index(name, x, t))


@pytest.mark.parametrize("name", list(seg.MULTI_GROUP_INDICES))
def test_multigroup_index_matches_pysal_on_berlin_age_groups(name, berlin):
    counts = berlin[BERLIN_AGE_GROUPS].dropna().astype(np.int64).to_numpy()

    assert_same(seg.MULTI_GROUP_INDICES[name](counts), pysal_multi_index(name, counts))


# --- random cities ---------------------------------------------------------------------------


@st.composite
def single_group_cities(draw, max_units: int = 30):
    """Units with a total and a group count not above it; zeros are common on purpose. Counts
    are whole numbers, or (as after spatial smoothing) fractional."""
    n = draw(st.integers(1, max_units))
    totals = np.array(draw(st.lists(st.integers(0, 5000), min_size=n, max_size=n)), float)
    # Subnormal shares overflow 1/P in PySAL's formulas; no population count is that small.
    shares = st.floats(0, 1, allow_subnormal=False)
    shares = np.array(draw(st.lists(shares, min_size=n, max_size=n)))
    groups = totals * shares
    if draw(st.booleans()):
        return np.round(groups).astype(np.int64), totals.astype(np.int64)
    return groups, totals


@st.composite
def multigroup_cities(draw, max_units: int = 25):
    n = draw(st.integers(1, max_units))
    k = draw(st.integers(2, 5))
    cells = draw(st.lists(st.integers(0, 3000), min_size=n * k, max_size=n * k))
    return np.array(cells).reshape(n, k)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(city=single_group_cities())
def test_every_single_group_index_matches_pysal_on_random_cities(city):
    group, total = city
    for name, index in seg.SINGLE_GROUP_INDICES.items():
        assert_same(index(group, total), pysal_single_index(name, group, total), name)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(counts=multigroup_cities())
def test_every_multigroup_index_matches_pysal_on_random_cities(counts):
    for name, index in seg.MULTI_GROUP_INDICES.items():
        assert_same(index(counts), pysal_multi_index(name, counts), name)


@pytest.mark.parametrize(
    ("group", "total"),
    [
        pytest.param([0, 0, 0], [5, 7, 0], id="group-absent"),
        pytest.param([5, 7, 0], [5, 7, 0], id="everyone-in-group"),
        pytest.param([0, 0], [0, 0], id="nobody-lives-here"),
        pytest.param([3], [10], id="single-unit"),
    ],
)
def test_single_group_indices_give_what_pysal_gives_on_degenerate_cities(group, total):
    for name, index in seg.SINGLE_GROUP_INDICES.items():
        assert_same(index(group, total), pysal_single_index(name, group, total), name)


@pytest.mark.parametrize(
    "counts",
    [
        pytest.param([[3, 0], [4, 0]], id="group-absent"),
        pytest.param([[3, 2], [0, 0], [1, 9]], id="empty-unit"),
        pytest.param([[3, 2, 1]], id="single-unit"),
        pytest.param([[5], [7]], id="one-group"),
    ],
)
def test_multigroup_indices_give_what_pysal_gives_on_degenerate_cities(counts):
    for name, index in seg.MULTI_GROUP_INDICES.items():
        assert_same(index(counts), pysal_multi_index(name, counts), name)


def test_atkinson_matches_pysal_for_other_shape_parameters(berlin_foreigners):
    x, t = berlin_foreigners["ausländer"], berlin_foreigners["Gesamt"]
    frame = berlin_foreigners.rename(columns={"ausländer": "group", "Gesamt": "total"})
    from segregation.singlegroup.atkinson import _atkinson

    for b in (0.1, 0.9):
        assert_same(seg.atkinson(x, t, b=b), _atkinson(frame, "group", "total", b=b)[0])


# --- batches ---------------------------------------------------------------------------------


def random_batch(rng: np.random.Generator, shape=(3, 4), max_units=40, groups=3):
    """Cities with 1..max_units units each, padded with NaN up to max_units."""
    units = rng.integers(1, max_units + 1, size=shape)
    counts = rng.integers(0, 500, size=(*shape, max_units, groups)).astype(float)
    counts[np.arange(max_units) >= units[..., None]] = np.nan
    return counts, units


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_batch_results_equal_per_city_results(seed):
    counts, units = random_batch(np.random.default_rng(seed))
    group, total = counts[..., 0], counts.sum(axis=-1)

    for name, index in seg.SINGLE_GROUP_INDICES.items():
        batch = index(group, total)
        assert batch.shape == units.shape
        for pos in np.ndindex(units.shape):
            n = units[pos]
            assert_same(batch[pos], index(group[pos][:n], total[pos][:n]), name)
    for name, index in seg.MULTI_GROUP_INDICES.items():
        batch = index(counts)
        assert batch.shape == units.shape
        for pos in np.ndindex(units.shape):
            assert_same(batch[pos], index(counts[pos][: units[pos]]), name)


def test_all_indices_at_once_equal_each_index_alone():
    counts, _ = random_batch(np.random.default_rng(4))
    group, total = counts[..., 2], counts.sum(axis=-1)

    together = seg.single_group_indices(group, total)
    for name, index in seg.SINGLE_GROUP_INDICES.items():
        np.testing.assert_array_equal(together[name], index(group, total), err_msg=name)
    together = seg.multi_group_indices(counts)
    for name, index in seg.MULTI_GROUP_INDICES.items():
        np.testing.assert_array_equal(together[name], index(counts), err_msg=name)


def test_a_batch_computed_in_many_blocks_equals_one_block(monkeypatch):
    counts, _ = random_batch(np.random.default_rng(8), shape=(5, 7))
    group, total = counts[..., 0], counts.sum(axis=-1)
    one_block = seg.single_group_indices(group, total), seg.multi_group_indices(counts)

    monkeypatch.setattr(segregation_single, "CHUNK_CELLS", 50)
    many_blocks = seg.single_group_indices(group, total), seg.multi_group_indices(counts)

    for expected, actual in zip(one_block, many_blocks, strict=True):
        for name in expected:
            np.testing.assert_array_equal(actual[name], expected[name], err_msg=name)


def test_mask_gives_the_same_as_nan_padding():
    counts, units = random_batch(np.random.default_rng(7))
    present = np.arange(counts.shape[-2]) < units[..., None]
    # Real-looking numbers where the mask says no unit: they must be ignored.
    filled = np.where(np.isnan(counts), 9999.0, counts)

    for index in seg.MULTI_GROUP_INDICES.values():
        assert_same(index(filled, mask=present), index(counts))
    for index in seg.SINGLE_GROUP_INDICES.values():
        assert_same(
            index(filled[..., 1], filled.sum(axis=-1), mask=present),
            index(counts[..., 1], counts.sum(axis=-1)),
        )


def test_units_without_population_change_no_index():
    group, total = np.array([10, 3, 40, 7]), np.array([50, 30, 60, 70])
    with_empty = np.array([10, 0, 3, 40, 0, 7]), np.array([50, 0, 30, 60, 0, 70])

    for index in seg.SINGLE_GROUP_INDICES.values():
        assert_same(index(*with_empty), index(group, total))


def test_a_single_city_gives_a_plain_number_and_a_batch_gives_an_array():
    assert np.ndim(seg.gini([1, 2], [3, 4])) == 0
    assert seg.gini([[1, 2]], [[3, 4]]).shape == (1,)
    assert seg.multi_gini(np.ones((2, 5, 3, 2))).shape == (2, 5)


def test_it_rejects_a_group_larger_than_its_total():
    with pytest.raises(ValueError, match="equal or lower than the total"):
        seg.dissimilarity([5, 11], [10, 10])


def test_it_rejects_negative_counts():
    with pytest.raises(ValueError, match="negative"):
        seg.multi_dissimilarity([[1, -2], [3, 4]])


def test_it_rejects_an_atkinson_shape_parameter_outside_zero_to_one():
    with pytest.raises(ValueError, match="parameter b"):
        seg.atkinson([1, 2], [3, 4], b=1.0)


# --- bootstrap -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(seg.SINGLE_GROUP_INDICES))
def test_bootstrap_interval_contains_the_point_estimate_on_berlin(name, berlin_foreigners):
    x, t = berlin_foreigners["ausländer"], berlin_foreigners["Gesamt"]

    ci = seg.bootstrap_ci(name, x, t, n_boot=300, seed=42)

    assert ci.estimate == seg.SINGLE_GROUP_INDICES[name](x, t)
    assert ci.low <= ci.estimate <= ci.high
    assert ci.low < ci.high


@pytest.mark.parametrize("name", list(seg.MULTI_GROUP_INDICES))
def test_multigroup_bootstrap_interval_contains_the_point_estimate_on_berlin(name, berlin):
    counts = berlin[BERLIN_AGE_GROUPS].dropna().to_numpy()

    ci = seg.bootstrap_ci(name, counts, n_boot=200, seed=42)

    assert ci.low <= ci.estimate <= ci.high


def test_bootstrap_is_deterministic_for_a_seed():
    counts, _ = random_batch(np.random.default_rng(3))
    group, total = counts[..., 0], counts.sum(axis=-1)

    first = seg.bootstrap_ci("gini", group, total, n_boot=200, seed=11)
    again = seg.bootstrap_ci(seg.gini, group, total, n_boot=200, seed=np.random.default_rng(11))
    other = seg.bootstrap_ci("gini", group, total, n_boot=200, seed=12)

    np.testing.assert_array_equal(first.low, again.low)
    np.testing.assert_array_equal(first.high, again.high)
    assert not np.array_equal(first.low, other.low)


def test_bootstrap_of_a_batch_gives_an_interval_per_city():
    counts, units = random_batch(np.random.default_rng(5), shape=(4, 6), groups=4)

    ci = seg.bootstrap_ci("multi_information_theory", counts, n_boot=100, seed=1)

    assert ci.low.shape == ci.high.shape == units.shape
    inside = (ci.low <= ci.estimate) & (ci.estimate <= ci.high)
    assert inside.mean() > 0.9


def test_bootstrap_never_draws_masked_units():
    rng = np.random.default_rng(9)
    group = rng.integers(0, 50, size=(5, 30)).astype(float)
    total = group + rng.integers(0, 50, size=(5, 30))
    present = np.arange(30) < np.array([30, 25, 10, 3, 18])[:, None]
    padded = [np.where(present, a, np.nan) for a in (group, total)]
    # Masked units hold extreme counts: a single draw of one would show in the interval.
    extreme = [np.where(present, group, 0.0), np.where(present, total, 1e9)]

    by_nan = seg.bootstrap_ci("dissimilarity", *padded, n_boot=50, seed=3)
    by_mask = seg.bootstrap_ci("dissimilarity", *extreme, n_boot=50, seed=3, mask=present)

    np.testing.assert_array_equal(by_nan.low, by_mask.low)
    np.testing.assert_array_equal(by_nan.high, by_mask.high)


def test_bootstrap_rejects_an_unknown_index():
    with pytest.raises(ValueError, match="unknown segregation index"):
        seg.bootstrap_ci("segregation_vibes", [1], [2])


def test_the_examples_in_the_module_documentation_hold():
    import doctest

    assert doctest.testmod(seg).failed == 0
