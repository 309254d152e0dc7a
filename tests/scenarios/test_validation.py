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
