"""Rounding to whole cents, the way the published benefit tables round."""

import numpy as np


def cents_half_up(amount):
    """Round half up to whole cents (e.g. 50 % x 1.922,07 = 961,035 -> 961,04), as UWV and SZW tables do.

    The tiny epsilon keeps an exact half cent that float arithmetic lands just below (961,03499…)
    rounding up, as on paper.
    """
    return np.floor(np.asarray(amount, dtype=np.float64) * 100 + 0.5 + 1e-6) / 100
