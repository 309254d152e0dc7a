"""The art. 61 lid 2-6 arithmetic shared by the WIA law and the hardheidsclausule reform, by hand.

Maandloon A = E = 3.000, RVC F = 1.500, C/D = G/H = 1, 70 % (Wet WIA art. 61,
https://wetten.overheid.nl/BWBR0019057/2025-01-01#Artikel61).
"""

import numpy as np
import pytest

from openfisca_nl_sz.legal.wia_lau import loonaanvullingsuitkering


def lau(inkomen, gh, geen_eis=False):
    return float(loonaanvullingsuitkering(0.7, np.array([3000.0]), np.array([inkomen]), np.array([1.0]),
                                          np.array([1500.0]), np.array([gh]), np.array([geen_eis]))[0])


def test_lid4_when_income_below_the_rvc():
    # lid 4: 0,7 x (3.000 - 1.500) = 1.050; G x H 500 is lower, so lid 5 does not raise it
    assert lau(1000, 500) == pytest.approx(1050)


def test_lid5_raises_to_the_vervolguitkering_but_not_above_lid2():
    # G x H 1.200 > 1.050 and below lid 2's 0,7 x (3.000 - 1.000) = 1.400: 1.200
    assert lau(1000, 1200) == pytest.approx(1200)
    # G x H 1.600 > 1.400: capped at the lid-2 amount 1.400
    assert lau(1000, 1600) == pytest.approx(1400)


def test_lid2_when_income_at_least_the_rvc_or_no_inkomenseis():
    # income 1.600 >= RVC: 0,7 x (3.000 - 1.600) = 980
    assert lau(1600, 500) == pytest.approx(980)
    # 80-100 % arbeidsongeschikt: lid 2 on the income itself, 0,7 x (3.000 - 1.000) = 1.400
    assert lau(1000, 500, geen_eis=True) == pytest.approx(1400)


def test_the_reform_calls_the_law_function():
    """The hardheidsclausule reform must not retype art. 61: it imports this function."""
    import inspect

    from openfisca_nl_sz.reforms import hardheid_zachte_overgang_vervolguitkering as reform

    source = inspect.getsource(reform)
    assert "wia_lau.loonaanvullingsuitkering(" in source
    assert "percentage * max_(" not in source
