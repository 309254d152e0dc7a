"""A card found in one scanned month only: its typical household taken through the same step in the
other month, so that "not found" is not read as "did not exist" (search/other_periods.py)."""

import numpy as np

from openfisca_nl_sz import situation as situation_io
from openfisca_nl_sz.search.cards import paragraph
from openfisca_nl_sz.search.other_periods import _in_month, same_step, sentence
from openfisca_nl_sz.validation import validate_situation


def _single_with_rent(period, rent):
    return {"personen": {"aanvrager": {"leeftijd": {period: 35}}},
            "huishoudens": {"huishouden": {"huur": {period: rent}, "aanvragers": ["aanvrager"]}}}


def _besteedbaar_inkomen(system, situation, period):
    checked = validate_situation(system, situation, period, "test")
    simulation = situation_io.build(system, checked, period, "test")
    return round(float(np.asarray(simulation.calculate("besteedbaar_inkomen", period))[0]), 2)


def _finding(system, period, before, after, kind="cliff"):
    return {"id": "f", "kind": kind, "period": period, "household": before, "household_to": after,
            "besteedbaar_inkomen_from": _besteedbaar_inkomen(system, before, period),
            "besteedbaar_inkomen_to": _besteedbaar_inkomen(system, after, period),
            "threshold": {"min_change": 25.0}}


def test_the_rent_limit_of_the_huurtoeslag_is_a_cliff_in_2025_and_not_in_2026(tbs):
    """Until 2025 no huurtoeslag above the maximale huurgrens (€ 900,07 in 2025, Wet op de huurtoeslag
    art. 13); from 1 January 2026 the limit caps the rent that counts instead (Wet vereenvoudiging
    huurtoeslag, Stb. 2024, 425; https://www.belastingdienst.nl/wps/wcm/connect/nl/huurtoeslag/content/huurtoeslag-verandert-vanaf-2026).
    A single person of 35 without income whose rent goes from € 900 to € 901."""
    system = tbs
    finding = _finding(system, "2025-01", _single_with_rent("2025-01", 900), _single_with_rent("2025-01", 901))
    assert finding["besteedbaar_inkomen_from"] - finding["besteedbaar_inkomen_to"] > 25  # the 2025 cliff
    there = same_step(system, finding, "2026-01")
    assert there["period"] == "2026-01" and there["loss"] == 0.0
    assert sentence({"other_periods": [there]}) == (
        "In 2026-01 verandert het besteedbaar inkomen van hetzelfde huishouden bij deze stap niet. ")


def test_the_kindgebonden_budget_ends_at_18_in_both_years(tbs):
    """The kindgebonden budget is for a child under 18 (Wet op het kindgebonden budget art. 2) in 2025
    and 2026 alike: the same household loses in the month the search did not find it in."""
    system = tbs

    def household(period, age):
        return {"personen": {"ouder": {"leeftijd": {period: 45}}, "kind": {"leeftijd": {period: age}}},
                "huishoudens": {"huishouden": {"aanvragers": ["ouder"], "kinderen": ["kind"]}}}

    finding = _finding(system, "2026-01", household("2026-01", 17), household("2026-01", 18))
    there = same_step(system, finding, "2025-01")
    assert there["loss"] >= 25 and there["besteedbaar_inkomen_from"] > there["besteedbaar_inkomen_to"]
    assert sentence({"other_periods": [there]}).startswith("In 2025-01 verliest hetzelfde huishouden bij deze stap ook € ")


def test_nothing_is_said_when_the_household_does_not_give_its_own_finding_or_is_not_a_step(tbs):
    system = tbs
    finding = _finding(system, "2025-01", _single_with_rent("2025-01", 900), _single_with_rent("2025-01", 901))
    assert same_step(system, dict(finding, besteedbaar_inkomen_to=finding["besteedbaar_inkomen_to"] + 1), "2026-01") is None
    assert same_step(system, dict(finding, kind="hoge_marginale_druk"), "2026-01") is None
    assert sentence({"other_periods": []}) == ""


def test_only_the_finding_month_moves_and_the_wording_of_each_case():
    situation = {"personen": {"a": {"leeftijd": {"2026-01": 40, "2025-12": 39}}}, "huishoudens": {"h": {"aanvragers": ["a"]}}}
    moved = _in_month(situation, "2026-01", "2025-01")
    assert moved == {"personen": {"a": {"leeftijd": {"2025-01": 40, "2025-12": 39}}}, "huishoudens": {"h": {"aanvragers": ["a"]}}}
    assert situation["personen"]["a"]["leeftijd"] == {"2026-01": 40, "2025-12": 39}  # not edited in place

    def said(loss):
        return sentence({"other_periods": [{"period": "2025-01", "loss": loss, "threshold": 25.0}]})

    assert said(30.0) == "In 2025-01 verliest hetzelfde huishouden bij deze stap ook € 30,00 per maand. "
    assert said(10.0) == "In 2025-01 verliest hetzelfde huishouden bij deze stap € 10,00 per maand (onder de drempel). "
    assert said(-12.5) == "In 2025-01 gaat hetzelfde huishouden er bij deze stap € 12,50 per maand op vooruit. "


def test_the_paragraph_says_where_the_search_did_not_find_it():
    card = {"kind": "cliff", "axis": "huur", "direction": 1, "articles": [], "regelingen": ["Huurtoeslag"],
            "typical": {"household_type": "alleenstaand", "member": "aanvrager", "axis_from": 900, "axis_to": 901},
            "severity": {"typical": 498.0, "min": 498.0, "max": 498.0, "share_of_besteedbaar_inkomen": 0.25},
            "grade": "zeer ernstig", "variants": [{}], "periods": ["2025-01"], "tags": [],
            "not_found_in": ["2026-01"],
            "other_periods": [{"period": "2026-01", "loss": 0.0, "threshold": 25.0}]}
    text = paragraph(card)
    assert ("De zoektocht vond dit in 2025-01, niet in 2026-01. In 2026-01 verandert het besteedbaar inkomen"
            " van hetzelfde huishouden bij deze stap niet.") in text
