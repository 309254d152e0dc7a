"""Scenario validation: every mistake gives an InputError that names the field and what is allowed."""

from pathlib import Path

import pytest

from openfisca_nl_sz.errors import InputError
from openfisca_nl_sz.paths import data_dir
from openfisca_nl_sz.scenarios import load_scenario

from scenario_helpers import write_scenario

BASE = {
    "name": "test",
    "period": "2025-01",
    "reform": {"structural": [{"name": "wia_grens_verlaging", "options": {"toegangsgrens": 25}}]},
    "population": {"size": 100, "seed": 1},
}


def _error(tmp_path, tbs, **changes) -> InputError:
    data = {**BASE, **changes}
    with pytest.raises(InputError) as info:
        load_scenario(write_scenario(tmp_path, data), tbs)
    return info.value


def test_valid_scenario_loads(tmp_path, tbs):
    s = load_scenario(write_scenario(tmp_path, BASE), tbs)
    assert s.period == "2025-01"
    assert s.structural == [("wia_grens_verlaging", {"toegangsgrens": 25.0, "nieuwe_klassen": [[25, 0.21], [15, 0.14]]})]
    assert s.thresholds == {"severity": 25.0, "income_change": 5.0}


@pytest.mark.parametrize("path", sorted(p.name for pattern in ("wia_grens_*.yaml", "hardheid_*.yaml") for p in data_dir("scenarios").glob(pattern)))
def test_shipped_scenarios_load(path, tbs):
    s = load_scenario(str(data_dir("scenarios") / path), tbs)
    assert s.name


def test_unknown_parameter_path_suggests_nearest(tmp_path, tbs):
    e = _error(tmp_path, tbs, reform={"parameters": [{"path": "wia.toegangsgrns", "value": 25}]})
    assert e.field == "reform.parameters[0].path"
    assert "wia.toegangsgrens" in e.problem


def test_unknown_parameter_last_part_suggestion(tmp_path, tbs):
    e = _error(tmp_path, tbs, reform={"parameters": [{"path": "toegangsgrens", "value": 25}]})
    assert e.field == "reform.parameters[0].path" and "wia.toegangsgrens" in e.problem


def test_parameter_wrong_type(tmp_path, tbs):
    e = _error(tmp_path, tbs, reform={"parameters": [{"path": "wia.toegangsgrens", "value": "laag"}]})
    assert e.field == "reform.parameters[0].value"
    assert "number" in e.problem


def test_parameter_percentage_out_of_range(tmp_path, tbs):
    e = _error(tmp_path, tbs, reform={"parameters": [{"path": "wia.toegangsgrens", "value": 135}]})
    assert e.field == "reform.parameters[0].value"
    assert "[0, 100]" in e.problem


def test_parameter_bad_date(tmp_path, tbs):
    e = _error(tmp_path, tbs, reform={"parameters": [{"path": "wia.toegangsgrens", "value": 25, "start": "2025-13-01"}]})
    assert e.field == "reform.parameters[0].start"


def test_reform_option_out_of_range_names_range(tmp_path, tbs):
    e = _error(tmp_path, tbs, reform={"structural": [{"name": "wia_grens_verlaging", "options": {"toegangsgrens": 40}}]})
    assert e.field == "reform.structural[0].options.toegangsgrens"
    assert "[0, 35]" in e.problem


def test_reform_option_wrong_type(tmp_path, tbs):
    e = _error(tmp_path, tbs, reform={"structural": [{"name": "wia_grens_verlaging", "options": {"toegangsgrens": "25%"}}]})
    assert e.field == "reform.structural[0].options.toegangsgrens"


def test_reform_unknown_option(tmp_path, tbs):
    e = _error(tmp_path, tbs, reform={"structural": [{"name": "wia_grens_verlaging", "options": {"toegangsgrns": 25}}]})
    assert e.field == "reform.structural[0].options.toegangsgrns"
    assert "toegangsgrens" in e.problem


def test_new_threshold_needs_a_class(tmp_path, tbs):
    e = _error(tmp_path, tbs, reform={"structural": [{"name": "wia_grens_verlaging",
                                                       "options": {"toegangsgrens": 20, "nieuwe_klassen": [[25, 0.21]]}}]})
    assert e.field == "reform.structural[0].options.nieuwe_klassen"


def test_unknown_reform_lists_known(tmp_path, tbs):
    e = _error(tmp_path, tbs, reform={"structural": [{"name": "wia_grens_verhoging"}]})
    assert e.field == "reform.structural[0].name"
    for known in ("wia_grens_verlaging", "hardheid_geleidelijke_vermogenstoets",
                  "hardheid_zachte_overgang_vervolguitkering", "hardheid_partnerinkomen_vrijlating"):
        assert known in e.problem


@pytest.mark.parametrize("period", ["2025-13", "januari", "2030-01"])
def test_bad_period(tmp_path, tbs, period):
    assert _error(tmp_path, tbs, period=period).field == "period"


def test_unknown_top_level_key_suggests(tmp_path, tbs):
    data = {**BASE, "tresholds": {"severity": 10}}
    with pytest.raises(InputError) as info:
        load_scenario(write_scenario(tmp_path, data), tbs)
    assert info.value.field == "tresholds" and "thresholds" in info.value.problem


@pytest.mark.parametrize("size", [0, -5, 1.5, "veel", 10**9])
def test_population_size_range(tmp_path, tbs, size):
    e = _error(tmp_path, tbs, population={"size": size})
    assert e.field == "population.size" and "[1," in e.problem


def test_threshold_out_of_range(tmp_path, tbs):
    e = _error(tmp_path, tbs, thresholds={"severity": -1})
    assert e.field == "thresholds.severity"


def test_population_override_unknown_key(tmp_path, tbs):
    e = _error(tmp_path, tbs, population={"size": 10, "overrides": {"assumptions.ww.aandeel_niet_werkend_afgewezen": 0.5}})
    assert e.field.startswith("population.overrides.") and "aandeel_niet_werkende_afgewezen" in e.problem


def test_population_override_bad_share(tmp_path, tbs):
    e = _error(tmp_path, tbs, population={"size": 10, "overrides": {"assumptions.wonen.aandeel_huurders": 1.5}})
    assert e.field == "assumptions.wonen.aandeel_huurders" and "[0, 1]" in e.problem


def test_unknown_output_variable(tmp_path, tbs):
    e = _error(tmp_path, tbs, outputs={"variables": ["wia_uitkeringg"]})
    assert e.field == "outputs.variables[0]"


def test_missing_file(tbs, tmp_path):
    with pytest.raises(InputError) as info:
        load_scenario(str(tmp_path / "nope.yaml"), tbs)
    assert "not found" in info.value.problem


def test_invalid_yaml(tbs, tmp_path):
    p = Path(tmp_path / "bad.yaml")
    p.write_text("name: [unclosed\n", encoding="utf-8")
    with pytest.raises(InputError):
        load_scenario(str(p), tbs)


# --------------------------------------------------------------------------------------------
# issue 13 point 2: parameter values checked against the parameter's unit; overrides that cannot act


@pytest.mark.parametrize("path, value, words", [
    # a tax rate written as a percentage: the rate_unit of the box-1 scale is /1
    ("inkomstenbelasting.tarief.belasting[1].rate", 37, ["[0, 1]", "write 0.37"]),
    ("wml.vakantiebijslag", 8, ["[0, 1]", "0.08"]),
    ("wia.toegangsgrens", float("nan"), ["finite"]),
    ("wia.dagen_per_maand", -21.75, ["days", "[1, 31]"]),
    ("zorgtoeslag.standaardpremie", float("inf"), ["finite"]),
    ("participatiewet.vermogensgrens.alleenstaande", -1, ["euros"]),
    ("wml.jeugdpercentage[3].amount", 39.5, ["[0, 1]"]),
    ("kinderbijslag.bedrag_per_kwartaal[1].threshold", -6, ["years"]),
])
def test_parameter_value_checked_against_its_unit(tmp_path, tbs, path, value, words):
    e = _error(tmp_path, tbs, reform={"parameters": [{"path": path, "value": value}]})
    assert e.field == "reform.parameters[0].value"
    for word in words:
        assert word in e.problem, (word, e.problem)


@pytest.mark.parametrize("path, value", [
    ("inkomstenbelasting.tarief.belasting[1].rate", 0.37),
    ("wia.dagen_per_maand", 21.75),
    ("huurtoeslag.basishuur.eenpersoons_aow.factor_b", -0.002),  # its published values are negative too
    ("inkomstenbelasting.heffingskortingen.arbeidskorting.percentage[3].amount", -0.07),  # the afbouw is a negative rate
])
def test_plausible_parameter_values_pass(tmp_path, tbs, path, value):
    s = load_scenario(write_scenario(tmp_path, {**BASE, "reform": {"parameters": [{"path": path, "value": value}]}}), tbs, warn=lambda line: None)
    assert s.parameters[0].value == value


def test_reform_option_nan_refused(tmp_path, tbs):
    e = _error(tmp_path, tbs, reform={"structural": [{"name": "wia_grens_verlaging", "options": {"toegangsgrens": float("nan")}}]})
    assert e.field == "reform.structural[0].options.toegangsgrens"


def _warnings(tmp_path, tbs, override, period="2025-01", strict=False):
    data = {**BASE, "period": period, "reform": {"parameters": [override]}}
    lines = []
    load_scenario(write_scenario(tmp_path, data), tbs, strict=strict, warn=lines.append)
    return lines


def test_override_after_the_period_warns_and_strict_refuses(tmp_path, tbs):
    override = {"path": "wia.toegangsgrens", "value": 25, "start": "2025-06-01"}
    (line,) = _warnings(tmp_path, tbs, override)
    assert "reform.parameters[0]" in line and "after the scenario's month 2025-01" in line
    with pytest.raises(InputError) as info:
        _warnings(tmp_path, tbs, override, strict=True)
    assert info.value.field == "reform.parameters[0]" and "--strict" in info.value.problem


def test_override_ending_before_the_period_warns(tmp_path, tbs):
    (line,) = _warnings(tmp_path, tbs, {"path": "wia.toegangsgrens", "value": 25, "start": "2024-01-01", "stop": "2024-12-31"})
    assert "before the scenario's month" in line


def test_override_no_formula_reads_warns(tmp_path, tbs):
    # From 2026 the huurtoeslag basishuur is a fixed amount (Wet op de huurtoeslag as amended per
    # 1-1-2026); the quadratic factor_a of 2025 is read by no formula in 2026, and is read in 2025.
    override = {"path": "huurtoeslag.basishuur.eenpersoons.factor_a", "value": 5e-7}
    (line,) = _warnings(tmp_path, tbs, override, period="2026-01")
    assert "no formula reads huurtoeslag.basishuur.eenpersoons.factor_a in 2026-01" in line
    assert _warnings(tmp_path, tbs, override, period="2025-01") == []


def test_override_that_acts_gives_no_warning(tmp_path, tbs):
    assert _warnings(tmp_path, tbs, {"path": "wia.toegangsgrens", "value": 25}) == []
    assert _warnings(tmp_path, tbs, {"path": "wia.vervolguitkering.percentage[1].amount", "value": 0.3}) == []


# --------------------------------------------------------------------------------------------
# Hypothesis fuzz of scenario overrides: refused with an InputError, or the reform computes finite
# numbers for every contract output.

FUZZ_HOUSEHOLDS = {
    "personen": {
        "a": {"leeftijd": 45, "loon": 600, "arbeidsongeschiktheidspercentage": 50, "wia_dagloon": 140, "wia_maanden_sinds_aanvang": 30},
        "b": {"leeftijd": 40, "loon": 1500}, "c": {"leeftijd": 8},
        "d": {"leeftijd": 30, "ww_dagloon": 100}, "e": {"leeftijd": 25},
    },
    "huishoudens": {"h1": {"aanvragers": ["a"], "partners": ["b"], "kinderen": ["c"], "huur": 700},
                    "h2": {"aanvragers": ["d"], "medebewoners": ["e"], "huur": 800}},
}
CONTRACT_OUTPUTS = ["wia_uitkering", "ww_uitkering", "toeslagenwet_toeslag", "inkomstenbelasting", "netto_inkomen",
                    "awir_toetsingsinkomen", "bijstandsnorm", "bijstand", "zorgtoeslag", "huurtoeslag",
                    "kindgebonden_budget", "kinderbijslag", "besteedbaar_inkomen", "sociaal_minimum_tekort"]


def test_fuzzed_overrides_are_refused_or_compute_finite_numbers(tbs):
    import math

    import numpy as np
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st
    from openfisca_core.simulations import SimulationBuilder

    from openfisca_nl_sz.reforms.parameters import apply_overrides, check_override, leaf_paths

    paths = sorted(leaf_paths(tbs.parameters))
    values = st.one_of(
        st.floats(allow_nan=True, allow_infinity=True),
        st.floats(-2, 2), st.floats(0, 100), st.integers(-10**6, 10**6),
        st.sampled_from([37, 0.37, -21.75, 1e39, 10**40, True, "laag", None]),
    )
    seen = {"accepted": 0, "refused": 0}

    @settings(max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
    @given(path=st.sampled_from(paths), value=values, period=st.sampled_from(["2024-07", "2025-01", "2026-01"]))
    def check(path, value, period):
        try:
            override = check_override(tbs.parameters, {"path": path, "value": value}, 0, "fuzz.yaml", f"{period}-01")
        except InputError as error:
            text = str(error)
            assert "\n" not in text and len(text) <= 300 and error.field.startswith("reform.parameters[0]")
            seen["refused"] += 1
            return
        seen["accepted"] += 1
        system = apply_overrides(tbs, [override])
        builder = SimulationBuilder()
        builder.set_default_period(period)
        simulation = builder.build_from_entities(system, FUZZ_HOUSEHOLDS)
        for name in CONTRACT_OUTPUTS:
            if name in system.variables:
                result = np.asarray(simulation.calculate(name, period), dtype=float)
                assert np.isfinite(result).all(), (path, value, name, result)

    check()
    assert seen["accepted"] >= 5 and seen["refused"] >= 5, seen
    assert math.isfinite(0.0)
