"""Issue 15 point 4: the second population (households around the social minimum) and the plain
warning when a reform can affect no one in the chosen population.

The kostendelersnorm from 21 instead of 27 (Participatiewet art. 19a lid 1), hand-checked on a small
fixed population, in 2025-01 (amounts from parameters/participatiewet/normen, wetten.overheid.nl
BWBR0015703 toestand 2025-01-01):
  art. 21 onder a (alleenstaande)  1.345,45;  art. 21 onder b (gehuwden, B)  1.922,07
  art. 22a lid 1: (40% + A x 30%) / A x B;  an alleenstaande with one kostendeler: A = 2,
  (0,40 + 0,60) / 2 x 1.922,07 = 961,035 -> 961,04 (rounded half up).
  household 0: alleenstaande 40 + medebewoner 23: law 1.345,45 (23 < 27: no kostendeler); reform 961,04
  household 1: alleenstaande 40 + medebewoner 30: kostendeler under both: 961,04 and 961,04
  household 2: alleenstaande 40 + medebewoner 19: no kostendeler under both (19 < 21): 1.345,45
"""

import numpy as np
import pytest

from openfisca_nl_sz.compare import compare_scenario
from openfisca_nl_sz.compare.engine import evaluate
from openfisca_nl_sz.errors import InputError
from openfisca_nl_sz.paths import data_dir
from openfisca_nl_sz.population.frame import Population, build_simulation
from openfisca_nl_sz.population.generator import SyntheticPopulation, generate, load_config
from openfisca_nl_sz.scenarios import load_scenario

from scenario_helpers import needs, write_scenario

KD = data_dir("scenarios") / "kostendelersnorm_21.yaml"
MINIMA = str(data_dir("scenarios") / "populations" / "huishoudens_sociaal_minimum.yaml")
WIA = str(data_dir("scenarios") / "populations" / "wia_beoordeelden.yaml")


def _scenario(tmp_path, config, size=3000, name="kd.yaml"):
    import yaml

    data = yaml.safe_load(KD.read_text(encoding="utf-8"))
    data["population"].update(config=config, size=size)
    data["outputs"].update(harm_search=False, charts=False, ranges=False)
    return write_scenario(tmp_path, data, name)


def test_kostendelersnorm_21_by_hand(tbs, tmp_path):
    needs(tbs, "bijstand")
    scenario = load_scenario(_scenario(tmp_path, MINIMA), tbs)
    reform = scenario.build_reform_system(tbs)
    # three households: aanvrager (role 0) and medebewoner (role 3) each
    household = np.repeat(np.arange(3), 2)
    role = np.tile([0, 3], 3)
    pop = Population(household=household, role=role,
                     person_inputs={"leeftijd": np.array([40, 23, 40, 30, 40, 19], dtype=np.int32),
                                    "loon": np.zeros(6), "vermogen": np.zeros(6)},
                     household_inputs={"huur": np.zeros(3)})
    law = build_simulation(tbs, pop, "2025-01").calculate("bijstand", "2025-01")
    new = build_simulation(reform, pop, "2025-01").calculate("bijstand", "2025-01")
    assert law == pytest.approx([1345.45, 961.04, 1345.45], abs=0.01)
    assert new == pytest.approx([961.04, 961.04, 1345.45], abs=0.01)


def test_minima_population_has_young_medebewoners_and_bijstand():
    config = load_config(MINIMA)
    pop = generate(4000, 7, config)
    p = pop.population
    mede_age = p.person_inputs["leeftijd"][p.role == 3]
    assert mede_age.size > 200 and mede_age.min() >= 18
    assert np.any((mede_age >= 21) & (mede_age < 27)), "young medebewoners are the point of this population"
    # weights add up to the published counts of the groups: 401,070 + 191,800 + 200,000 households
    assert pop.stock_weight.sum() == pytest.approx(401070 + 191800 + 200000)
    assert pop.outcome_labels == ("bijstand", "ww", "werkend")


def test_minima_scenario_gives_a_saving_and_no_warning(tbs, tmp_path):
    needs(tbs, "bijstand", "besteedbaar_inkomen")
    scenario = load_scenario(_scenario(tmp_path, MINIMA), tbs)
    c = compare_scenario(scenario, tbs, progress=lambda m: None)
    assert c["reach_warning"] is None
    assert c["budget"]["components"]["bijstand"]["delta_mln"] < 0   # less bijstand: kostendelers from 21
    assert c["income"]["total"]["share_losers"] > 0


def test_same_scenario_on_wia_population_warns_plainly(tbs, tmp_path):
    needs(tbs, "bijstand", "besteedbaar_inkomen")
    scenario = load_scenario(_scenario(tmp_path, WIA), tbs)
    lines = []
    c = compare_scenario(scenario, tbs, progress=lines.append)
    warning = c["reach_warning"]
    assert warning and "changes no amount" in warning and "huishoudens_sociaal_minimum" in warning
    assert any(line.startswith("warning: ") and "changes no amount" in line for line in lines)
    assert c["budget"]["net_cost_mln_per_year"] == 0.0


@pytest.mark.parametrize("override, field", [
    ({"assumptions.medebewoner.leeftijd_min": -3}, "assumptions.medebewoner.leeftijd_min"),
    ({"assumptions.leeftijd.min": -1}, "assumptions.leeftijd.min"),
    ({"assumptions.medebewoner.aandeel": 1.5}, "assumptions.medebewoner.aandeel"),
    ({"soort": "onbekend"}, "soort"),
])
def test_bad_minima_config_is_one_line(override, field):
    with pytest.raises(InputError) as error:
        load_config(MINIMA, override)
    assert field in str(error.value) and "\n" not in str(error.value)


def test_negative_age_in_a_scenario_is_exit_2_one_line(tmp_path):
    """Through the real CLI: a negative age (population override, and a parameter override of the
    kostendeler age) stops with exit 2 and one line naming the file and the field."""
    import subprocess
    import sys

    import yaml

    data = yaml.safe_load(KD.read_text(encoding="utf-8"))
    data["population"]["config"] = MINIMA
    data["population"]["overrides"] = {"assumptions.medebewoner.leeftijd_min": -5}
    first = write_scenario(tmp_path, data, "neg_pop.yaml")
    data["population"].pop("overrides")
    data["reform"]["parameters"][0]["value"] = -21
    second = write_scenario(tmp_path, data, "neg_par.yaml")
    for path, field in ((first, "population.overrides.assumptions.medebewoner.leeftijd_min"),
                        (second, "reform.parameters[0].value")):
        run = subprocess.run([sys.executable, "-m", "openfisca_nl_sz.cli", "compare", path, "--out", str(tmp_path / "o")],
                             capture_output=True, text=True, timeout=120)
        assert run.returncode == 2, run.stderr
        lines = run.stderr.strip().splitlines()
        assert len(lines) == 1 and path in lines[0] and field in lines[0]


def test_minima_baseline_lands_on_the_cbs_bijstand_counts(tbs):
    """The committed config and the scenario's size and seed (50,000, 2025): the households the law
    gives bijstand, by leefvorm, within 10 % of CBS 82015NED (January 2017: 260,040 alleenstaanden,
    82,750 alleenstaande ouders, 58,280 paren, below the AOW age)."""
    import yaml

    from openfisca_nl_sz.compare.calibration import baseline_measures, calibration_table

    needs(tbs, "bijstand")
    spec = yaml.safe_load(KD.read_text(encoding="utf-8"))["population"]
    config = load_config(MINIMA)
    pop = generate(spec["size"], spec["seed"], config)
    table = calibration_table(config, baseline_measures(pop, evaluate(tbs, pop, "2025-01")))
    # and the ages of the persons with bijstand (end of September 2023, CBS): under 27 36,000, 27-44 134,000,
    # 45+ 227,000 of 397,000: 0.0907, 0.3375, 0.5718
    assert [r["observed"] for r in table["rows"]] == [260040, 82750, 58280, 0.0907, 0.3375, 0.5718]
    for row in table["rows"]:
        assert row["tolerance"] <= 0.10 and row["within"], row
