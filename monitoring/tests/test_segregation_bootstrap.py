"""Several indices' bootstrap intervals from one set of resamples (no database)."""

import numpy as np
import pytest

from monitoring import segregation as seg

INDICES = ("dissimilarity", "gini", "entropy", "isolation", "interaction")


@pytest.fixture
def counts():
    rng = np.random.default_rng(3)
    total = rng.integers(100, 5000, size=60).astype(float)
    group = np.floor(total * rng.uniform(0.05, 0.6, size=60))
    return group, total


def test_joint_intervals_equal_the_intervals_of_each_index_alone(counts):
    joint = seg.single_group_bootstrap(INDICES, *counts, n_boot=300, seed=7)
    for name in INDICES:
        alone = seg.bootstrap_ci(name, *counts, n_boot=300, seed=7)
        assert joint[name].estimate == pytest.approx(alone.estimate, rel=1e-12)
        assert joint[name].low == pytest.approx(alone.low, rel=1e-12)
        assert joint[name].high == pytest.approx(alone.high, rel=1e-12)
        assert joint[name].low <= joint[name].estimate <= joint[name].high


def test_joint_intervals_are_reproducible_and_batched(counts):
    group, total = counts
    padded_group = np.vstack([group, np.r_[group[:30], [np.nan] * 30]])
    padded_total = np.vstack([total, np.r_[total[:30], [np.nan] * 30]])
    first = seg.single_group_bootstrap(["gini"], padded_group, padded_total, n_boot=200, seed=1)
    again = seg.single_group_bootstrap(["gini"], padded_group, padded_total, n_boot=200, seed=1)
    assert first["gini"].low.shape == (2,)
    np.testing.assert_array_equal(first["gini"].low, again["gini"].low)
    np.testing.assert_array_equal(first["gini"].high, again["gini"].high)


def test_joint_intervals_reject_an_unknown_index(counts):
    with pytest.raises(ValueError, match="unknown segregation index"):
        seg.single_group_bootstrap(["dissimilarity", "vibes"], *counts)
