"""Amounts carried forward: which normally indexed parameters have no value of their own in a half year.

Kinderbijslag per 1 July 2026 was not found in any public source (the parameter's documentation says so),
so the months July-December 2026 must say 'amounts carried forward from 2026-01: kinderbijslag...'; every
other half year of the covered range has all its indexed amounts.
"""

import copy

import pytest

from openfisca_nl_sz.legal import coverage


def test_covered_range_constants():
    assert (coverage.FIRST_MONTH, coverage.LAST_MONTH) == ("2024-01", "2026-12")


@pytest.mark.parametrize("month", ["2026-07", "2026-09", "2026-12"])
def test_second_half_of_2026_names_the_kinderbijslag(tbs, month):
    assert coverage.carried_forward(tbs, month) == ["kinderbijslag.bedrag_per_kwartaal"]
    assert coverage.notice(tbs, month) == "amounts carried forward from 2026-01: kinderbijslag.bedrag_per_kwartaal"


@pytest.mark.parametrize("month", ["2024-01", "2024-07", "2025-01", "2025-06", "2025-07", "2026-01", "2026-06"])
def test_other_half_years_have_every_indexed_amount(tbs, month):
    assert coverage.notice(tbs, month) is None


def test_carried_from_is_the_previous_half_year():
    assert coverage.carried_from("2026-07") == "2026-01"
    assert coverage.carried_from("2026-01") == "2025-07"
    assert coverage.carried_from("2025-03") == "2024-07"


def test_period_notes_only_lists_months_with_a_gap(tbs):
    notes = coverage.period_notes(tbs, ["2025-07", "2026-01", "2026-07"])
    assert list(notes) == ["2026-07"]


def test_a_missing_july_value_is_detected(tbs):
    """Drop the 1 July 2026 minimumloon: the rule must notice it (it changed on 1 July 2025)."""
    parameters = copy.deepcopy(tbs.parameters)
    rmml = parameters.wml.referentieminimummaandloon
    rmml.values_list = [v for v in rmml.values_list if v.instant_str != "2026-07-01"]

    class System:  # the rule only reads `.parameters`
        pass

    system = System()
    system.parameters = parameters
    assert "wml.referentieminimummaandloon" in coverage.carried_forward(system, "2026-08")


def test_a_constant_repeated_on_every_date_is_not_indexed(tbs):
    """TW ages and percentages repeat the same value on 1 July 2025 without a 2026-07 entry: not reported."""
    names = coverage.carried_forward(tbs, "2026-07")
    assert not any(name.startswith("toeslagenwet.leeftijd") for name in names)
