"""The 35-minner's path as ONE vectorised simulation: 5 households x 36 months = 180 households.

Each household is one (variant, month) pair, evaluated with the 2026-01 parameters (the contract's
convention: the path runs through the month counters, not through calendar time). The variants are
the ones of pad_36_maanden.yaml, where the amounts are worked out by hand; this file checks the SHAPE
of the whole path instead: WW falls at month 2 and stops at its duration, the Toeslagenwet only pays
while the WW runs, bijstand follows with its asset and partner-income tests, and nothing is negative.
"""

import numpy as np
import pytest

from openfisca_nl_sz.population import ROLES, Population, build_simulation

PERIOD = "2026-01"
MONTHS = np.arange(36)
WW_DUUR = 11  # art. 42: 10 + 0,5 x (12 - 10) for 12 years of arbeidsverleden
VRIJLATING_MAANDEN = 6  # Pw art. 31 lid 2 onder n

#: variant key -> (vermogen of the aanvrager, partner's gross monthly wage or None for a single)
VARIANTS = {
    "alleen": (0.0, None),
    "alleen_vermogen": (10_000.0, None),  # > Pw vermogensgrens alleenstaande 8.000 (2026)
    "paar_1800": (0.0, 1800.0),
    "paar_2600": (0.0, 2600.0),
    "paar_vermogen": (20_000.0, 1800.0),  # > Pw vermogensgrens gehuwden 16.000 (2026)
}
AANVRAGER, PARTNER = ROLES.index("aanvrager"), ROLES.index("partner")


def _population():
    household, role, cols = [], [], {k: [] for k in (
        "leeftijd", "arbeidsongeschiktheidspercentage", "ww_belastbare_uren", "ww_gemiddeld_aantal_arbeidsuren",
        "ww_arbeidsuren", "ww_dagloon", "ww_arbeidsverleden_jaren", "ww_maanden_sinds_aanvang", "vermogen",
        "loon", "pw_vrijlating_maanden_gebruikt")}
    huur, bijstand_maanden = [], []
    h = 0
    for vermogen, partnerloon in VARIANTS.values():
        for month in MONTHS:
            na_ww = max(int(month) - WW_DUUR, 0)
            household.append(h)
            role.append(AANVRAGER)
            for name, value in (
                ("leeftijd", 45), ("arbeidsongeschiktheidspercentage", 20), ("ww_belastbare_uren", 24),
                ("ww_gemiddeld_aantal_arbeidsuren", 40), ("ww_arbeidsuren", 0), ("ww_dagloon", 100),
                ("ww_arbeidsverleden_jaren", 12), ("ww_maanden_sinds_aanvang", month), ("vermogen", vermogen),
                ("loon", 0), ("pw_vrijlating_maanden_gebruikt", na_ww),
            ):
                cols[name].append(value)
            if partnerloon is not None:
                household.append(h)
                role.append(PARTNER)
                for name in cols:
                    cols[name].append(0)
                cols["leeftijd"][-1] = 45
                cols["loon"][-1] = partnerloon
                cols["pw_vrijlating_maanden_gebruikt"][-1] = na_ww
            huur.append(650.0)
            bijstand_maanden.append(na_ww)
            h += 1
    int_inputs = {"leeftijd", "ww_maanden_sinds_aanvang", "pw_vrijlating_maanden_gebruikt"}
    person_inputs = {
        name: np.asarray(values, dtype=np.int32 if name in int_inputs else np.float32) for name, values in cols.items()
    }
    return Population(
        household=np.asarray(household),
        role=np.asarray(role),
        person_inputs=person_inputs,
        household_inputs={
            "huur": np.asarray(huur, dtype=np.float32),
            "bijstand_maanden_sinds_aanvang": np.asarray(bijstand_maanden, dtype=np.int32),
        },
    )


@pytest.fixture(scope="module")
def pad(tbs):
    """Results as arrays of shape (variant, month); person results are those of the aanvrager (p1) or partner."""
    population = _population()
    sim = build_simulation(tbs, population, PERIOD)
    n_var, n_m = len(VARIANTS), len(MONTHS)
    is_aanvrager = population.role == AANVRAGER

    def hh(name):
        return np.asarray(sim.calculate(name, PERIOD), dtype=np.float64).reshape(n_var, n_m)

    def p1(name):
        return np.asarray(sim.calculate(name, PERIOD), dtype=np.float64)[is_aanvrager].reshape(n_var, n_m)

    def partner(name):
        values = np.asarray(sim.calculate(name, PERIOD), dtype=np.float64)
        out = np.full(population.n_households, np.nan)
        mask = population.role == PARTNER
        out[population.household[mask]] = values[mask]
        return out.reshape(n_var, n_m)

    keys = list(VARIANTS)
    return {
        "v": {k: i for i, k in enumerate(keys)},
        "ww": p1("ww_uitkering"),
        "duur": p1("ww_duur_maanden"),
        "wia": p1("wia_uitkering"),
        "tw": p1("toeslagenwet_toeslag"),
        "netto_partner": partner("netto_inkomen"),
        "bijstand": hh("bijstand"),
        "norm": hh("bijstandsnorm"),
        "besteedbaar": hh("besteedbaar_inkomen"),
        "zorgtoeslag": hh("zorgtoeslag"),
        "huurtoeslag": hh("huurtoeslag"),
    }


def test_no_wia_for_the_35_minner(pad):
    assert np.all(pad["wia"] == 0)


def test_ww_duration_and_the_step_at_month_2(pad):
    ww = pad["ww"]
    assert np.all(pad["duur"] == WW_DUUR)
    assert np.all(ww[:, :WW_DUUR] > 0)
    assert np.all(ww[:, WW_DUUR:] == 0)
    # 75 % in months 0-1, 70 % from month 2 (art. 47): a fall of exactly 5/75 at month 2
    assert np.all(ww[:, 0] == ww[:, 1])
    assert np.all(ww[:, 2] < ww[:, 1])
    np.testing.assert_allclose(ww[:, 2] / ww[:, 1], 0.70 / 0.75, rtol=1e-6)
    assert np.all(ww[:, 2:WW_DUUR] == ww[:, [2]])


def test_toeslagenwet_only_while_ww_runs(pad):
    tw, ww = pad["tw"], pad["ww"]
    assert np.all(tw[ww == 0] == 0)
    assert np.all(tw >= 0)
    # the single gets a top-up in every WW month; it grows when the WW falls to 70 %
    for key in ("alleen", "alleen_vermogen"):
        row = pad["v"][key]
        assert np.all(tw[row, :WW_DUUR] > 0)
        assert tw[row, 2] > tw[row, 1]
        # WW + TW together do not move at month 2: the TW tops up to the same norm
        np.testing.assert_allclose(tw[row, 1] + ww[row, 1], tw[row, 2] + ww[row, 2], atol=0.01)
    # the couples' partner wage lifts the gezin above the gehuwdennorm: no TW
    for key in ("paar_1800", "paar_2600", "paar_vermogen"):
        assert np.all(tw[pad["v"][key]] == 0)


def test_bijstand_after_ww_single_without_assets(pad):
    row = pad["v"]["alleen"]
    na = slice(WW_DUUR, None)
    assert np.all(pad["bijstand"][row, na] > 0)
    # no other income left: bijstand is the full norm
    np.testing.assert_allclose(pad["bijstand"][row, na], pad["norm"][row, na], atol=0.01)


def test_no_bijstand_with_assets_above_the_limit(pad):
    for key in ("alleen_vermogen", "paar_vermogen"):
        assert np.all(pad["bijstand"][pad["v"][key]] == 0)
    # the same household without the assets does get bijstand after the WW
    assert np.all(pad["bijstand"][pad["v"]["paar_1800"], WW_DUUR:] > 0)


def test_besteedbaar_never_negative_and_assets_cause_the_fall(pad):
    b = pad["besteedbaar"]
    assert np.all(np.isfinite(b))
    assert np.all(b >= 0)
    # with assets above the bijstand limit the end of WW is a fall; without, bijstand catches it
    row = pad["v"]["alleen_vermogen"]
    assert b[row, WW_DUUR] < b[row, WW_DUUR - 1] - 1000
    assert b[pad["v"]["alleen"], WW_DUUR] >= b[row, WW_DUUR] + 1000


def test_partner_above_social_minimum_means_no_bijstand_after_ww(pad):
    row = pad["v"]["paar_2600"]
    na = slice(WW_DUUR, None)
    assert np.all(pad["netto_partner"][row, na] > pad["norm"][row, na])
    assert np.all(pad["bijstand"][row, na] == 0)
    # the couple with the 1.800 partner is below it and gets a top-up
    row_laag = pad["v"]["paar_1800"]
    assert np.all(pad["netto_partner"][row_laag, na] < pad["norm"][row_laag, na])


def test_partner_vrijlating_runs_out_after_six_bijstand_months(pad):
    row = pad["v"]["paar_1800"]
    bijstand = pad["bijstand"][row]
    eerste = WW_DUUR
    laatste_vrij = WW_DUUR + VRIJLATING_MAANDEN - 1
    assert np.all(bijstand[eerste : laatste_vrij + 1] == bijstand[eerste])
    assert np.all(bijstand[laatste_vrij + 1 :] < bijstand[eerste])


def test_path_is_constant_within_each_phase(pad):
    """The month counters only matter at month 2, at the WW end and at the vrijlating end (month 17)."""
    grenzen = [0, 2, WW_DUUR, WW_DUUR + VRIJLATING_MAANDEN, len(MONTHS)]
    b = pad["besteedbaar"]
    for start, stop in zip(grenzen[:-1], grenzen[1:]):
        np.testing.assert_allclose(b[:, start:stop], b[:, [start]].repeat(stop - start, axis=1), atol=0.01)
