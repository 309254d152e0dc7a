"""The structural reforms do what the law arithmetic says (hand-computed expected values).

Figures: maandloon = 21,75 × dagloon (WIA art. 13 lid 4); LGU from the third month = 70 % of the
maandloon without income (art. 61 lid 1); VVU = G × min(minimumloon incl. 8 % vakantiebijslag,
maandloon) (art. 62, art. 12 lid 1 b). RMML 2025-01 = 2.191,80 (params_sz.md §3.5).
"""

import pytest

from openfisca_nl_sz.reforms import build_reform_system
from openfisca_nl_sz.reforms.parameters import ParameterOverride

from scenario_helpers import calc, needs

P = "2025-01"


def _person(ao, maanden, dagloon=100.0, loon=0.0):
    return {"personen": {"p": {
        "arbeidsongeschiktheidspercentage": {P: ao}, "wia_dagloon": {P: dagloon},
        "wia_maanden_sinds_aanvang": {P: maanden}, "wia_arbeidsverleden_jaren": {P: 20},
        "loon": {P: loon}}},
        "huishoudens": {"h": {"aanvragers": ["p"]}}}


def _grens(tbs, grens, klassen=((25, 0.21), (15, 0.14))):
    opts = {"toegangsgrens": float(grens), "nieuwe_klassen": [list(k) for k in klassen]}
    return build_reform_system(tbs, [("wia_grens_verlaging", opts)], start="2025-01-01")


def test_30_percent_gets_lgu_under_25_not_under_35(tbs):
    needs(tbs, "wia_uitkering")
    # 3rd month (index 2) of the LGU (duration 10 + 10 × ½ = 15 months for 20 years of arbeidsverleden):
    # 0,70 × 21,75 × 100 = 1.522,50
    reform = _grens(tbs, 25)
    assert calc(tbs, _person(30, 2), "wia_uitkering") == pytest.approx(0, abs=0.01)
    assert calc(reform, _person(30, 2), "wia_uitkering") == pytest.approx(1522.50, abs=0.05)


def test_30_percent_vervolguitkering_under_25(tbs):
    needs(tbs, "wga_vervolguitkering")
    # Month 30 > 15 months of LGU, no income → VVU = 0,21 × min(2.191,80 × 1,08 = 2.367,14; 2.175) = 456,75
    reform = _grens(tbs, 25)
    assert calc(tbs, _person(30, 30), "wga_vervolguitkering") == pytest.approx(0, abs=0.01)
    assert calc(reform, _person(30, 30), "wga_vervolguitkering") == pytest.approx(456.75, abs=0.05)


def test_20_percent_only_under_15(tbs):
    needs(tbs, "wga_vervolguitkering")
    # 0,14 × 2.175 = 304,50 under the 15 % threshold; nothing under 25 %.
    assert calc(_grens(tbs, 25), _person(20, 30), "wga_vervolguitkering") == pytest.approx(0, abs=0.01)
    assert calc(_grens(tbs, 15), _person(20, 30), "wga_vervolguitkering") == pytest.approx(304.50, abs=0.05)


def test_existing_classes_unchanged(tbs):
    needs(tbs, "wga_vervolguitkering")
    # 40 %: class 35-45 → 0,28 × 2.175 = 609,00 with and without the reform.
    for system in (tbs, _grens(tbs, 15)):
        assert calc(system, _person(40, 30), "wga_vervolguitkering") == pytest.approx(609.00, abs=0.05)


def test_reform_only_from_start_date(tbs):
    needs(tbs, "wia_uitkering")
    reform = build_reform_system(tbs, [("wia_grens_verlaging", {"toegangsgrens": 25.0, "nieuwe_klassen": [[25, 0.21]]})],
                                 start="2025-07-01")
    sit = _person(30, 2)
    assert calc(reform, sit, "wia_uitkering", "2025-01") == pytest.approx(0, abs=0.01)


def test_parameter_override_does_not_touch_the_baseline(tbs):
    # OpenFisca caches parameters per instant: overrides must go through a Reform, never in place.
    before = tbs.get_parameters_at_instant("2025-01-01").participatiewet.vermogensgrens.alleenstaande
    reform = build_reform_system(tbs, [], [ParameterOverride("participatiewet.vermogensgrens.alleenstaande", 9000, "2025-01-01")])
    assert reform.get_parameters_at_instant("2025-01-01").participatiewet.vermogensgrens.alleenstaande == 9000
    assert reform.get_parameters_at_instant("2024-07-01").participatiewet.vermogensgrens.alleenstaande == 7575
    assert tbs.get_parameters_at_instant("2025-01-01").participatiewet.vermogensgrens.alleenstaande == before == 7770


def test_parameter_override_with_stop(tbs):
    reform = build_reform_system(tbs, [], [ParameterOverride("wia.toegangsgrens", 30, "2025-01-01", "2025-06-30")])
    assert reform.get_parameters_at_instant("2025-03-01").wia.toegangsgrens == 30
    assert reform.get_parameters_at_instant("2025-07-01").wia.toegangsgrens == 35


def test_parameter_override_of_a_scale_bracket(tbs):
    # Bracket 1 of art. 61 lid 6 is the class 35-45 (0,28); override it to 0,30.
    import numpy as np

    reform = build_reform_system(tbs, [], [ParameterOverride("wia.vervolguitkering.percentage[1].amount", 0.30, "2025-01-01")])
    scale = reform.get_parameters_at_instant("2025-01-01").wia.vervolguitkering.percentage
    assert scale.calc(np.array([40.0]))[0] == pytest.approx(0.30)
    assert tbs.get_parameters_at_instant("2025-01-01").wia.vervolguitkering.percentage.calc(np.array([40.0]))[0] == pytest.approx(0.28)
