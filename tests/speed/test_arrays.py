"""openfisca_nl_sz.arrays.select gives numpy.select's array (values, dtype and shape) and errors."""

from __future__ import annotations

import numpy as np
import pytest

from openfisca_nl_sz.arrays import select

RNG = np.random.default_rng(14)


def _same(conds, choices, default=0):
    expected = np.select(conds, choices, default)
    got = select(conds, choices, default)
    assert got.dtype == expected.dtype and got.shape == expected.shape
    np.testing.assert_array_equal(got, expected, strict=True)


@pytest.mark.parametrize("n", [1, 2, 3, 17])
@pytest.mark.parametrize("kind", ["float64", "float32", "int32", "int64", "bool"])
def test_arrays_and_scalars_of_every_kind(n, kind):
    for _ in range(20):
        conds = [RNG.random(n) < 0.4 for _ in range(RNG.integers(1, 4))]
        choices = [(RNG.random(n) * 1000).astype(kind) if RNG.random() < 0.6 else
                   RNG.choice([0, 1, 2.5, True, -3, np.float32(1.25), np.int32(7)]) for _ in conds]
        default = RNG.choice([0, 0.5, False, np.float32(2.0), -1]) if RNG.random() < 0.7 else (RNG.random(n) * 9).astype(kind)
        _same(conds, choices, default)


def test_first_true_condition_wins():
    # by hand: element 0 meets both conditions and takes the first choice, 1 only the second, 2 none
    conds = [np.array([True, False, False]), np.array([True, True, False])]
    result = select(conds, [np.array([1.0, 1.0, 1.0]), np.array([2.0, 2.0, 2.0])], default=9)
    np.testing.assert_array_equal(result, [1.0, 2.0, 9.0])
    _same(conds, [np.array([1.0, 1.0, 1.0]), np.array([2.0, 2.0, 2.0])], 9)


def test_other_shapes_and_errors_are_numpys():
    # broadcasting (a 2-d condition, a column choice) goes to numpy.select
    _same([np.array([[True], [False]])], [np.array([1, 2, 3])], 0)
    with pytest.raises(TypeError):
        select([np.array([1, 0])], [np.array([1.0, 2.0])])  # a non-boolean condition
    with pytest.raises(ValueError):
        select([np.array([True])], [])  # lengths differ
