"""Issue 15 point 1: the committed WIA population config and the shipped scenarios' seed give a
baseline (current law) that lands on every published target of `calibration.doelen`: the stock per
type within 5 %, the outlay per law within 10 % (the tolerances are in the config, and are checked
here to be no looser than that). Plus: the build-up of the stock and the planning line add up."""

import copy

import numpy as np
import pytest

from openfisca_nl_sz.compare.calibration import baseline_measures, calibration_table
from openfisca_nl_sz.compare.engine import evaluate
from openfisca_nl_sz.compare.planning import build_up_years
from openfisca_nl_sz.errors import InputError
from openfisca_nl_sz.population.generator import generate, load_config

from scenario_helpers import needs

#: The shipped WIA scenarios run 50,000 assessed persons with seed 2025 in 2025-01.
SIZE, SEED, PERIOD = 50_000, 2025, "2025-01"


@pytest.fixture(scope="module")
def measured(tbs):
    needs(tbs, "wia_uitkering", "iva_uitkering")
    config = load_config()
    pop = generate(SIZE, SEED, config)
    return config, calibration_table(config, baseline_measures(pop, evaluate(tbs, pop, PERIOD)))


def test_targets_cite_sources_and_are_strict_enough(measured):
    config, _ = measured
    targets = {t["measure"]: t for t in config["calibration"]["doelen"]}
    # the bounds: stock per type within 5 %, outlay per law within 10 %
    assert targets["stock_iva"]["tolerantie"] <= 0.05 and targets["stock_wga"]["tolerantie"] <= 0.05
    for key in ("outlay_iva_mln", "outlay_wga_mln", "outlay_wia_mln"):
        assert targets[key]["tolerantie"] <= 0.10
    # published values: CBS 85692NED December 2024 (IVA 181,150; WGA 267,580)
    assert targets["stock_iva"]["value"] == 181150 and targets["stock_wga"]["value"] == 267580
    # 2024 WIA outlay = 11,700 / 1.12 = 10,446 (UWV Januarinota 2025), rounded to 10,450
    assert targets["outlay_wia_mln"]["value"] == 10450
    # split in the 2023 proportion: 10,450 x 4,700.5 / 9,320.8 = 5,270.0; 10,450 x 4,620.4 / 9,320.8 = 5,180.1
    assert targets["outlay_iva_mln"]["value"] == 5270 and targets["outlay_wga_mln"]["value"] == 5180
    for t in targets.values():
        assert t["source"] and t["url"].startswith("https://")


def test_baseline_lands_on_every_target(measured):
    _, table = measured
    assert len(table["rows"]) == 5
    for row in table["rows"]:
        assert row["within"], f"{row['label']}: model {row['model']:,.0f} vs {row['observed']:,.0f}"
        assert abs(row["model"] / row["observed"] - 1) <= row["tolerance"]
    assert table["missed"] == []


def test_a_missed_target_is_a_plain_warning(measured):
    config, table = measured
    measures = {r["measure"]: r["model"] for r in table["rows"]}
    measures["stock_iva"] = 181150 * 1.2  # 20 % too many
    out = calibration_table(config, measures)
    assert len(out["missed"]) == 1
    assert "+20.0%" in out["missed"][0] and "allowed ±5%" in out["missed"][0]


def test_bad_target_is_refused(tmp_path):
    config = load_config()
    bad = copy.deepcopy(config)
    bad["calibration"]["doelen"][0]["tolerantie"] = 2
    from openfisca_nl_sz.population.generator import check_config

    with pytest.raises(InputError, match="tolerantie"):
        check_config(bad, "x.yaml")
    bad = copy.deepcopy(config)
    bad["onzekerheid"][0]["pad"] = "calibration.uitkomst_aandelen.iva"
    with pytest.raises(InputError, match="law and published statistics get no range"):
        check_config(bad, "x.yaml")
    bad = copy.deepcopy(config)
    bad["onzekerheid"][0]["pad"] = "assumptions.ao_verdeling_afgewezen.andelen"
    with pytest.raises(InputError, match="did you mean aandelen"):
        check_config(bad, "x.yaml")


def test_build_up_by_hand():
    # D = 10 years: in year 1 a benefit started uniformly in the past year runs on average 0.5 years;
    # in year 3, 2.5; from year 11 on, D itself.
    assert build_up_years(np.array([10.0]), 1)[0] == pytest.approx(0.5)
    assert build_up_years(np.array([10.0]), 3)[0] == pytest.approx(2.5)
    assert build_up_years(np.array([10.0]), 11)[0] == pytest.approx(10.0)
    # D = 1.5 in year 2: integral over s in [1, 2] of min(1.5, s) = (1.5^2 - 1)/2 + 1.5 x 0.5 = 0.625 + 0.75 = 1.375
    assert build_up_years(np.array([1.5]), 2)[0] == pytest.approx(1.375)


@pytest.fixture(scope="module")
def compared(tbs, tmp_path_factory):
    import yaml

    from openfisca_nl_sz.compare import compare_scenario
    from openfisca_nl_sz.paths import data_dir
    from openfisca_nl_sz.scenarios import load_scenario

    from scenario_helpers import write_scenario

    needs(tbs, "wia_uitkering", "besteedbaar_inkomen")
    data = yaml.safe_load((data_dir("scenarios") / "wia_grens_25.yaml").read_text(encoding="utf-8"))
    data["population"].update(size=3000, config=str(data_dir("scenarios") / data["population"]["config"]))
    data["outputs"]["harm_search"] = False
    path = write_scenario(tmp_path_factory.mktemp("cal"), data, "w25.yaml")
    return compare_scenario(load_scenario(path, tbs), tbs, progress=lambda m: None)


def test_planning_line_adds_up(compared):
    line = compared["planning"]["structural"]
    # the same extra stock and gross outlay as the WIA block
    assert line["extra_benefits"] == pytest.approx(compared["wia"]["stock_extra"])
    assert line["gross_wia_mln"] == pytest.approx(compared["wia"]["outlay_mln_per_year_extra"])
    # net = benefits + allowances - taxes back, and the same as the budget block's net cost
    parts = ("gross_wia_mln", "ww_mln", "toeslagenwet_mln", "bijstand_mln", "allowances_mln")
    assert line["net_mln"] == pytest.approx(sum(line[k] for k in parts) - line["taxes_back_mln"])
    assert line["net_mln"] == pytest.approx(compared["budget"]["net_cost_mln_per_year"], abs=0.05)
    assert line["net_per_extra_eur"] == pytest.approx(line["net_mln"] * 1e6 / line["extra_benefits"])
    # the first years build up toward the steady state
    years = compared["planning"]["years"]
    stock = [years[t]["extra_benefits"] for t in ("1", "2", "3", "5", "10")]
    assert all(a < b for a, b in zip(stock, stock[1:])) and stock[-1] <= line["extra_benefits"]


def test_ranges_and_tornado(compared):
    r = compared["ranges"]
    for key, entry in r["line"]["structural"].items():
        if entry["central"] is not None:
            assert entry["low"] <= entry["central"] <= entry["high"], key
    sizes = [max(abs(t["net_mln_low"]), abs(t["net_mln_high"])) for t in r["tornado"]]
    assert sizes == sorted(sizes, reverse=True) and len(sizes) == 7
    # the AO% of rejected applicants below 35% moves the result: more mass in 25-35 costs more
    ao = next(t for t in r["tornado"] if t["path"] == "assumptions.ao_verdeling_afgewezen.aandelen")
    assert ao["net_mln_low"] < 0 < ao["net_mln_high"] and ao["extra_benefits_low"] < 0 < ao["extra_benefits_high"]
