"""Every numeric input of the system is validated, or deliberately left unbounded.

A new input variable added to variables/*.py without a range in `input_ranges.INPUT_RANGES` (and
without a reason in `UNBOUNDED_INPUTS`) fails here, so it cannot silently skip validation.
"""

from __future__ import annotations

import pytest

from openfisca_nl_sz.input_ranges import INPUT_RANGES, UNBOUNDED_INPUTS, check_value


def _numeric_inputs(tbs):
    return {
        name for name, variable in tbs.variables.items()
        if not variable.formulas and variable.value_type in (int, float)
    }


def test_every_numeric_input_has_a_range_or_a_reason(tbs):
    missing = sorted(_numeric_inputs(tbs) - set(INPUT_RANGES) - set(UNBOUNDED_INPUTS))
    assert not missing, f"add these inputs to INPUT_RANGES or UNBOUNDED_INPUTS: {missing}"


def test_ranges_name_real_numeric_variables(tbs):
    for name in list(INPUT_RANGES) + list(UNBOUNDED_INPUTS):
        assert name in tbs.variables, f"{name} is not a variable of the system"
        assert tbs.variables[name].value_type in (int, float), name
    assert not set(INPUT_RANGES) & set(UNBOUNDED_INPUTS)
    for reason in UNBOUNDED_INPUTS.values():
        assert reason.strip()


def test_ranges_are_well_formed():
    for name, (low, high) in INPUT_RANGES.items():
        assert low is not None or high is not None, name
        if low is not None and high is not None:
            assert low < high, name


@pytest.mark.parametrize("name", sorted(INPUT_RANGES))
def test_check_value_accepts_the_range_and_refuses_outside(name):
    low, high = INPUT_RANGES[name]
    inside = [v for v in (low, high) if v is not None]
    for value in inside:
        assert check_value(name, value) is None
    if low is not None:
        problem = check_value(name, low - 1)
        assert problem and "allowed" in problem
    if high is not None:
        problem = check_value(name, high + 0.5)
        assert problem and "allowed" in problem
    assert check_value(name, float("nan")) is not None


def test_contract_ranges():
    """The ranges the law fixes (issue 2): AO% 0-100, wage, rent, hours not negative."""
    assert INPUT_RANGES["arbeidsongeschiktheidspercentage"] == (0, 100)
    for name in ("loon", "huur", "servicekosten", "wia_dagloon", "ww_dagloon", "ww_arbeidsuren"):
        assert INPUT_RANGES[name][0] == 0, name
    # woonlandfactoren above 1 exist (Regeling zorgverzekering bijlage 4: Noorwegen 1,4015 in 2018)
    assert check_value("zt_woonlandfactor", 1.4015) is None
