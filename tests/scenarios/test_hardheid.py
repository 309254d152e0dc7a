"""The three hardheidsclausules remove the harm they aim at, and change nothing where the harm is absent.

Per clause: (a) the targeted cliff is gone on a hand-built household (expected values from the law
and the clause's definition, not from running the code); (c) the budget cost on the synthetic
population is finite and has the expected sign (test_compare.py). The differential harm search
(b: no new harm elsewhere) waits on the lead's search; see compare.harm_diff.
"""

import numpy as np
import pytest

from openfisca_nl_sz.reforms import build_reform_system

from scenario_helpers import calc, needs

P = "2025-01"


def _reform(tbs, name, **options):
    from openfisca_nl_sz import reforms

    checked = reforms.check_options(reforms.get(name), options, "test", "options")
    return build_reform_system(tbs, [(name, checked)], start="2025-01-01")


# --- (1) gradual asset test in the bijstand ------------------------------------------------------


def _alleenstaande(vermogen):
    return {"personen": {"a": {"leeftijd": {P: 40}, "vermogen": {P: vermogen}}},
            "huishoudens": {"h": {"aanvragers": ["a"]}}}


def test_vermogenstoets_cliff_removed(tbs):
    needs(tbs, "bijstand", "pw_vermogensgrens")
    reform = _reform(tbs, "hardheid_geleidelijke_vermogenstoets", interteringsperiode_maanden=12)
    grens = 7770  # Participatiewet art. 34 lid 3 a, 2025 (parameters/participatiewet/vermogensgrens)
    full = calc(tbs, _alleenstaande(grens), "bijstand")
    assert full > 1000  # at the grens the right remains: the full norm for a single without income
    # Law: EUR 1,200 above the grens → no bijstand at all (the cliff).
    assert calc(tbs, _alleenstaande(grens + 1200), "bijstand") == pytest.approx(0, abs=0.01)
    # Clause: EUR 1,200 above the grens over 12 months → EUR 100 less per month.
    assert calc(reform, _alleenstaande(grens + 1200), "bijstand") == pytest.approx(full - 100, abs=0.05)
    # At or below the grens nothing changes.
    for v in (0, 5000, grens):
        assert calc(reform, _alleenstaande(v), "bijstand") == pytest.approx(calc(tbs, _alleenstaande(v), "bijstand"), abs=0.01)
    # Far above (12 × the norm over the grens): nothing, as today.
    assert calc(reform, _alleenstaande(grens + 12 * full + 1), "bijstand") == pytest.approx(0, abs=0.01)


def test_vermogenstoets_no_step_along_vermogen(tbs):
    needs(tbs, "bijstand")
    reform = _reform(tbs, "hardheid_geleidelijke_vermogenstoets")
    grid = np.arange(7000, 9000, 50.0)
    values = [calc(reform, _alleenstaande(v), "bijstand") for v in grid]
    # each EUR 50 more vermogen costs at most 50 / 12 = 4,17 a month (plus float32 slack)
    assert max(-np.diff(values)) <= 50 / 12 + 0.02


# --- (2) gradual step from vervolguitkering to loonaanvulling -----------------------------------

# WGA 50 %, dagloon 150 → maandloon 21,75 × 150 = 3.262,50; RVC = 0,5 × 3.262,50 = 1.631,25;
# inkomenseis = 0,5 × RVC = 815,625 (inkomen = loon × 1,08). Month 30 is after the LGU.
# Law: below the eis VVU = 0,35 × min(2.191,80 × 1,08, 3.262,50) = 0,35 × 2.367,144 = 828,50;
# at the eis LAU = 0,70 × (3.262,50 − 1.631,25) = 1.141,875 (art. 61 lid 4) → a cliff of 313,37.
EIS = 815.625
VVU = 0.35 * 2191.80 * 1.08
LAU = 0.70 * (3262.50 - 1631.25)


def _wga(inkomen):
    return {"personen": {"p": {"arbeidsongeschiktheidspercentage": {P: 50}, "wia_dagloon": {P: 150},
                               "wia_maanden_sinds_aanvang": {P: 30}, "wia_arbeidsverleden_jaren": {P: 20},
                               "loon": {P: inkomen / 1.08}}},
            "huishoudens": {"h": {"aanvragers": ["p"]}}}


def test_law_has_the_cliff(tbs):
    needs(tbs, "wia_uitkering")
    assert calc(tbs, _wga(0.99 * EIS), "wia_uitkering") == pytest.approx(VVU, abs=0.05)
    assert calc(tbs, _wga(EIS + 0.01), "wia_uitkering") == pytest.approx(LAU, abs=0.05)


def test_vervolguitkering_rises_gradually(tbs):
    needs(tbs, "wia_uitkering")
    reform = _reform(tbs, "hardheid_zachte_overgang_vervolguitkering", begin_fractie=0.0)
    # No income: unchanged. At 99 % of the eis: VVU + 0,99 × (LAU − VVU) = 1.138,74.
    assert calc(reform, _wga(0), "wia_uitkering") == pytest.approx(VVU, abs=0.05)
    assert calc(reform, _wga(0.99 * EIS), "wia_uitkering") == pytest.approx(VVU + 0.99 * (LAU - VVU), abs=0.05)
    assert calc(reform, _wga(0.5 * EIS), "wia_uitkering") == pytest.approx(VVU + 0.5 * (LAU - VVU), abs=0.05)
    # Above the eis: the law's LAU.
    assert calc(reform, _wga(EIS + 0.01), "wia_uitkering") == pytest.approx(LAU, abs=0.05)


def test_no_jump_at_the_inkomenseis_along_loon(tbs):
    # Earning a little less than the eis costs the law's 313,37 at once; under the clause each step
    # of the grid changes income + benefit by at most step × (1 + (LAU − VVU) / eis) = step × 1,384.
    needs(tbs, "wia_uitkering")
    reform = _reform(tbs, "hardheid_zachte_overgang_vervolguitkering")
    grid = np.linspace(0, 2 * EIS, 41)
    step = grid[1] - grid[0]
    total = np.array([g + calc(reform, _wga(g), "wia_uitkering") for g in grid])
    assert np.all(np.diff(total) > 0)
    assert np.max(np.diff(total)) <= step * (1 + (LAU - VVU) / EIS) + 0.1
    law = np.array([g + calc(tbs, _wga(g), "wia_uitkering") for g in grid])
    assert np.max(np.diff(law)) > step + 300  # the law's cliff is visible on the same grid


# --- (3) partner-income vrijlating in the Toeslagenwet --------------------------------------------

# Aanvrager 58, WW on dagloon 40 (0,75 × 21,75 × 40 = 652,50 incl. vakantiebijslag, month 2), partner 58
# (born before 1972, art. 3 does not exclude) with a wage. The WW started at 57,5 or older, so the
# art. 7 vrijlating (max 15 % of WML = 328,77) has no time limit (lid 4) and applies in both systems.
# Gehuwd norm = RMML 2.191,80; WW excl. vakantiebijslag = 604,17; the toeslag is capped at 201,39
# (+8 %). Law: toeslag = 2.191,80 − (604,17 + w − 328,77), interior for w in 1.715-1.916.
# Clause (15 % of WML free, 70 % of the rest counts): 2.191,80 − (604,17 + 0,7 (w − 328,77) − 328,77),
# interior for w in 2.779-3.066. Both incl. 8 % vakantie-uitkering: EUR 50 more partner wage costs
# 54,00 under the law and 0,7 × 54 = 37,80 under the clause.

def _tw(partnerloon):
    return {"personen": {
        "a": {"leeftijd": {P: 58}, "ww_dagloon": {P: 40}, "ww_maanden_sinds_aanvang": {P: 1},
              "tw_vrijlating_maanden_gebruikt": {P: 24}},
        "p": {"leeftijd": {P: 58}, "loon": {P: partnerloon}, "tw_vrijlating_maanden_gebruikt": {P: 24}}},
        "huishoudens": {"h": {"aanvragers": ["a"], "partners": ["p"]}}}


def test_tw_partner_wage_counts_for_seventy_percent(tbs):
    needs(tbs, "toeslagenwet_toeslag", "ww_uitkering")
    reform = _reform(tbs, "hardheid_partnerinkomen_vrijlating", vrijlating_fractie=0.15, meetellend_aandeel=0.70)
    law_step = calc(tbs, _tw(1800), "toeslagenwet_toeslag") - calc(tbs, _tw(1750), "toeslagenwet_toeslag")
    assert law_step == pytest.approx(-54.00, abs=0.05)
    clause_step = calc(reform, _tw(2900), "toeslagenwet_toeslag") - calc(reform, _tw(2850), "toeslagenwet_toeslag")
    assert clause_step == pytest.approx(-37.80, abs=0.05)
    # Where the law already gives 0 (w > 1.916), the clause still gives the full (capped) toeslag.
    assert calc(tbs, _tw(2000), "toeslagenwet_toeslag") == pytest.approx(0, abs=0.01)
    assert calc(reform, _tw(2000), "toeslagenwet_toeslag") == pytest.approx(calc(tbs, _tw(0), "toeslagenwet_toeslag"), abs=0.01)


def test_tw_without_partner_unchanged(tbs):
    needs(tbs, "toeslagenwet_toeslag")
    reform = _reform(tbs, "hardheid_partnerinkomen_vrijlating")
    single = {"personen": {"a": {"leeftijd": {P: 58}, "ww_dagloon": {P: 40}, "ww_maanden_sinds_aanvang": {P: 1},
                                 "loon": {P: 300}}},
              "huishoudens": {"h": {"aanvragers": ["a"]}}}
    assert calc(reform, single, "toeslagenwet_toeslag") == pytest.approx(calc(tbs, single, "toeslagenwet_toeslag"), abs=0.01)
