"""The population generator reproduces the statistics it claims (calibration section of
scenarios/populations/wia_beoordeelden.yaml) and is reproducible by seed.

Tolerances are derived from the sample size: a share p estimated from n draws has standard error
sqrt(p(1-p)/n); we allow 4 standard errors (a false alarm about once in 15,000 runs, and the seed is
fixed anyway) so that a wrong share (e.g. off by 2 points at n = 40,000) fails.
"""

import numpy as np
import pytest

from openfisca_nl_sz.errors import InputError
from openfisca_nl_sz.population.generator import OUTCOMES, generate, implied_stock, load_config

N = 40_000


@pytest.fixture(scope="module")
def config():
    return load_config()


@pytest.fixture(scope="module")
def pop(config):
    return generate(N, seed=7, config=config)


def _tol(p, n):
    return 4 * np.sqrt(p * (1 - p) / n)


def test_published_figures_are_in_the_config(config):
    # uwv_statistics.md section 3, Jan-Aug 2024: shares of decisions without stopped cases (56,200).
    shares = config["calibration"]["uitkomst_aandelen"]
    assert shares["afgewezen"] == pytest.approx(15_600 / 56_200, abs=1e-4)
    assert shares["wga_35_80"] == pytest.approx(7_400 / 56_200, abs=1e-4)
    assert shares["wga_80_100"] == pytest.approx((15_300 + 7_400) / 56_200, abs=1e-4)
    assert shares["iva"] == pytest.approx(10_500 / 56_200, abs=1e-4)
    assert config["calibration"]["beslissingen_per_jaar"]["value"] == 56_200 * 12 // 8
    # section 4: 46.4% of 35-minners and 44.8% of WGA gedeeltelijk working (end 2017).
    assert config["calibration"]["aandeel_werkend"]["afgewezen"] == 0.464
    assert config["calibration"]["aandeel_werkend"]["wga_35_80"] == 0.448


def test_outcome_shares_match_uwv(pop, config):
    counts = np.bincount(pop.outcome, minlength=len(OUTCOMES))
    for k, name in enumerate(OUTCOMES):
        p = config["calibration"]["uitkomst_aandelen"][name]
        assert abs(counts[k] / N - p) < _tol(p, N), name


def test_share_working_by_outcome(pop, config):
    loon = pop.population.person_inputs["loon"][pop.population.role == 0]
    for k, name in enumerate(OUTCOMES):
        m = pop.outcome == k
        p = config["calibration"]["aandeel_werkend"][name]
        assert abs((loon[m] > 0).mean() - p) < _tol(p, int(m.sum())) + 1e-9, name


def test_ao_percentage_matches_outcome(pop):
    head = pop.population.role == 0
    ao = pop.population.person_inputs["arbeidsongeschiktheidspercentage"][head]
    duurzaam = pop.population.person_inputs["wia_duurzaam"][head]
    assert np.all(ao[pop.outcome == 0] < 35)
    assert np.all((ao[pop.outcome == 1] >= 35) & (ao[pop.outcome == 1] < 80))
    assert np.all(ao[pop.outcome >= 2] >= 80)
    assert np.array_equal(duurzaam, pop.outcome == 3)


def test_ao_bands_below_35_follow_the_assumption(pop, config):
    head = pop.population.role == 0
    ao = pop.population.person_inputs["arbeidsongeschiktheidspercentage"][head][pop.outcome == 0]
    spec = config["assumptions"]["ao_verdeling_afgewezen"]
    for (lo, hi), p in zip(spec["banden"], spec["aandelen"]):
        share = ((ao >= lo) & (ao < hi)).mean()
        assert abs(share - p) < _tol(p, ao.size), (lo, hi)


def test_household_types(pop, config):
    spec = config["assumptions"]["huishoudtypen"]
    counts = np.bincount(pop.household_type, minlength=len(spec["typen"]))
    for k, p in enumerate(spec["aandelen"]):
        assert abs(counts[k] / N - p) < _tol(p, N)
    # composition follows the type: partners exactly in couples, children exactly in families with children
    p = pop.population
    partners = np.bincount(p.household[p.role == 1], minlength=N)
    kids = np.bincount(p.household[p.role == 2], minlength=N)
    names = np.asarray(pop.household_types)[pop.household_type]
    assert np.array_equal(partners == 1, np.isin(names, ["paar_zonder_kinderen", "paar_met_kinderen"]))
    assert np.array_equal(kids > 0, np.isin(names, ["paar_met_kinderen", "eenouder"]))
    assert np.all(p.person_inputs["leeftijd"][p.role == 2] < 18)
    p.validate()


def test_weights_give_yearly_decisions(pop, config):
    assert pop.inflow_weight.sum() == pytest.approx(config["calibration"]["beslissingen_per_jaar"]["value"])


def test_stock_model_is_inflow_times_duration():
    # Hand example: 4 households standing for 84,300 / 4 = 21,075 decisions each; durations 2, 4, 6, 8
    # years; only the 2nd and 4th get a benefit → stock = 21,075 × (4 + 8) = 252,900.
    p = generate(4, seed=0)
    p.duration_years = np.array([2.0, 4.0, 6.0, 8.0])
    assert implied_stock(p, np.array([False, True, False, True])) == pytest.approx(252_900)


def test_month_in_benefit_lies_within_duration(pop):
    months = pop.population.person_inputs["wia_maanden_sinds_aanvang"][pop.population.role == 0]
    assert np.all(months >= 0) and np.all(months < pop.duration_years * 12 + 1)


def test_seeded_reproducibility(config):
    a, b = generate(3_000, seed=11, config=config), generate(3_000, seed=11, config=config)
    c = generate(3_000, seed=12, config=config)
    for name in a.population.person_inputs:
        assert np.array_equal(a.population.person_inputs[name], b.population.person_inputs[name]), name
    assert np.array_equal(a.population.household, b.population.household)
    assert np.array_equal(a.duration_years, b.duration_years)
    assert not np.array_equal(a.population.person_inputs["loon"], c.population.person_inputs["loon"][: a.population.n_persons]) \
        or a.population.n_persons != c.population.n_persons


def test_overrides_change_the_population():
    cfg = load_config(overrides={"calibration.uitkomst_aandelen.afgewezen": 0.5,
                                 "calibration.uitkomst_aandelen.wga_80_100": 0.1814})
    pop = generate(20_000, seed=3, config=cfg)
    assert abs((pop.outcome == 0).mean() - 0.5) < _tol(0.5, 20_000)


def test_bad_overrides_are_input_errors():
    with pytest.raises(InputError):
        load_config(overrides={"calibration.uitkomst_aandelen.afgewezen": 0.9})  # shares no longer add up
    with pytest.raises(InputError):
        load_config(overrides={"assumptions.leeftijd": 50})  # a group, not a value
    with pytest.raises(InputError):
        generate(0)


def test_a_large_population_is_generated_whole():
    # its speed is measured in benchmarks/population.py (1M households), not timed here
    pop = generate(200_000, seed=1)
    population = pop.population
    assert population.n_households == 200_000
    assert population.household.shape == population.role.shape
    assert set(np.unique(population.household)) == set(range(200_000))  # every household has members
