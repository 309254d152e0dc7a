"""What a finding says (issue 11 points 3-5): the step in plain Dutch, time only forward, and axis
ranges and coverage read from the law's own thresholds."""

from openfisca_nl_sz.search.axes import Axis
from openfisca_nl_sz.search.detect import Thresholds, scan
from openfisca_nl_sz.search.evaluate import Evaluator
from openfisca_nl_sz.search.household import Household, Member
from openfisca_nl_sz.search.law_thresholds import coverage, thresholds_in_force


def test_each_step_is_said_in_the_direction_the_person_lives_it():
    assert Axis("loon", "aanvrager", 0, 5000).step_text(1733, 1734) == "verdient € 1 meer"
    assert Axis("loon", "partner", 0, 5000).step_text(1007, 1006) == "partner verdient € 1 minder"
    assert Axis("loon", "aanvrager", 0, 5000).step_text(903, 1752) == "verdient € 849 meer"
    assert Axis("vermogen", "aanvrager", 0, 1e6).step_text(8000, 8001) == "spaart € 1 meer"
    assert Axis("huur", None, 0, 1500).step_text(900, 901) == "betaalt € 1 meer huur"
    assert Axis("arbeidsongeschiktheidspercentage", "aanvrager", 0, 100, integer=True).step_text(35, 34) == "AO-percentage 1 punt lager"
    assert Axis("leeftijd", "medebewoner", 0, 30, integer=True).step_text(26, 27) == "medebewoner wordt 27"
    assert Axis("leeftijd", "kind2", 0, 30, integer=True).step_text(11, 12) == "kind 2 wordt 12"
    assert Axis("ww_maanden_sinds_aanvang", "aanvrager", 0, 30, integer=True).step_text(18, 19) == "een maand later in de WW"
    joining = Axis("samenstelling", None, 0, 1, 1, 2, True, joining=Member("nieuwe_partner", "partner", {}))
    assert joining.step_text(0, 1) == "partner komt erbij"


def test_time_runs_forward_only(tbs):
    """Kinderbijslag rises when a child turns 12 (AKW art. 12: higher amount from 12), so walking the
    child's age backwards "loses" money at 12 → 11: a harm no one can live through. The scan judges
    ages only forward, so nothing is found there, while the kostendelersnorm at 27 (a loss going
    forward) is still found."""
    evaluator = Evaluator(tbs, "2026-01")
    parent = Household([Member("aanvrager", "aanvrager", {"leeftijd": 40, "loon": 1500}),
                        Member("kind1", "kind", {"leeftijd": 5})], {"huur": 750})
    harms = scan(evaluator, parent, Axis("leeftijd", "kind1", 0, 17, integer=True, points=18), Thresholds(cliff_min_change=1))
    assert all(h.x_to > h.x_from for h in harms)
    assert not [h for h in harms if {h.x_from, h.x_to} == {11, 12}]
    lodger = Household([Member("aanvrager", "aanvrager", {"leeftijd": 55}),
                        Member("medebewoner", "medebewoner", {"leeftijd": 25})], {"huur": 700})
    harms = scan(evaluator, lodger, Axis("leeftijd", "medebewoner", 20, 30, integer=True, points=11), Thresholds())
    assert [(h.kind, h.x_from, h.x_to) for h in harms if h.kind == "cliff"] == [("cliff", 26, 27)]


def test_thresholds_are_read_from_the_parameters(tbs):
    found = {t.parameter: t for t in thresholds_in_force(tbs, "2026-01")}
    # Pw art. 34 lid 3 (2026): € 8.000 for a single, on the vermogen axis as it is
    assert (found["participatiewet.vermogensgrens.alleenstaande"].axis, found["participatiewet.vermogensgrens.alleenstaande"].at) == ("vermogen", 8000)
    # a yearly income threshold lies on the wage axis at amount / 12 / 1,08: 29.736 / 12,96 = 2.294,44
    drempel = found["zorgtoeslag.drempelinkomen"]
    assert drempel.axis == "loon" and abs(drempel.at - 2294.44) < 0.01
    # a birth year is an age in the period's year: born after 1971 (TW art. 2) → 2026 − 1971 = 55
    assert found["toeslagenwet.uitsluiting.partner_geboren_na_jaar"].at == 55
    # a Pw vrijlating is used up at maximum / percentage: 285 / 0,25 = 1.140 per month
    assert found["participatiewet.vrijlating.arbeid.maximum"].at == 1140
    # durations sit on the months input of their own regeling
    assert found["ww.uitkeringsduur.maximum_maanden"].axis == "ww_maanden_sinds_aanvang"
    assert found["participatiewet.vrijlating.arbeid.maanden"].axis == "pw_vrijlating_maanden_gebruikt"
    # amounts are not thresholds: a bijstandsnorm is not on any axis
    assert "participatiewet.normen.art21.alleenstaande" not in found


def test_coverage_counts_what_was_scanned_on_both_sides(tbs):
    in_force = thresholds_in_force(tbs, "2026-01")
    vermogen = [t for t in in_force if t.axis == "vermogen"]
    # a vermogen axis from 0 to 10.000 crosses 8.000 (Pw single) and nothing above it
    result = coverage(tbs, ["2026-01"], {("2026-01", "vermogen"): [(0.0, 10000.0)]})
    crossed = {row["parameter"] for row in result["thresholds"] if row["crossed"]}
    assert crossed == {"participatiewet.vermogensgrens.alleenstaande"}
    assert result["thresholds_in_force"] == len(in_force)
    assert result["crossed"] == 1 and result["share"] == round(1 / len(in_force), 4)
    assert len(result["not_crossed"]) == len(in_force) - 1
    # a range that stops at the threshold has not seen its other side ("more than € 8.000" loses at 8.001)
    assert coverage(tbs, ["2026-01"], {("2026-01", "vermogen"): [(8000.0, 9000.0)]})["crossed"] == 0
    assert coverage(tbs, ["2026-01"], {("2026-01", "vermogen"): [(7999.0, 8000.0)]})["crossed"] == 0
    assert coverage(tbs, ["2026-01"], {("2026-01", "vermogen"): [(7999.0, 8001.0)]})["crossed"] == 1
    assert len(vermogen) >= 9
