"""Hardheidsclausules as tested reforms (issue 6, part 4): for each clause, the differential harm
search on the same households shows that
(a) the harm the clause is aimed at is gone, and
(b) no new harm above the scenario's threshold appears anywhere else.
Part (c), the budget cost on the synthetic population, is in test_compare.py.

The households are the default scan's starting households on every axis plus 10 households drawn by
Hypothesis from the config's seed; both systems see exactly the same ones.
"""

import pytest

from openfisca_nl_sz.compare.engine import harm_diff
from openfisca_nl_sz.paths import data_dir
from openfisca_nl_sz.scenarios import load_scenario

CLAUSES = {
    # clause: the harm it is aimed at, as (kind, axis, the payment or cause that carries it)
    "hardheid_geleidelijke_vermogenstoets": ("cliff", "vermogen", "bijstand"),
    "hardheid_zachte_overgang_vervolguitkering": ("cliff", "loon", "wga_loonaanvullingsuitkering"),
    "hardheid_partnerinkomen_vrijlating": ("hoge_marginale_druk", "loon@partner", "toeslagenwet_toeslag"),
}


@pytest.fixture(scope="module", params=sorted(CLAUSES))
def clause(request, tbs):
    scenario = load_scenario(str(data_dir("scenarios") / f"{request.param}.yaml"), tbs)
    reform = scenario.build_reform_system(tbs)
    return request.param, scenario, harm_diff(tbs, reform, scenario, examples=10)


def _matches(finding, kind, axis, carrier):
    if finding["kind"] != kind or finding["axis_name"] != axis:
        return False
    if kind == "hoge_marginale_druk":
        return finding.get("rate_basis") == carrier
    return any(c["variable"] == carrier for c in finding["causes"])


def test_the_targeted_harm_is_removed(clause):
    name, _, diff = clause
    kind, axis, carrier = CLAUSES[name]
    assert any(_matches(f, kind, axis, carrier) for f in diff["removed"]), name
    survivors = [f for f in diff["changed"] if _matches(f, kind, axis, carrier)]
    assert not survivors, f"{name}: the targeted harm is still there: {survivors}"


def test_no_new_harm_above_the_threshold(clause):
    name, scenario, diff = clause
    assert diff["threshold"] == scenario.thresholds["severity"]
    created = [(f["case"], f["kind"], f["axis_name"], f["axis_from"], f["axis_to"], f["severity"]) for f in diff["created"]]
    assert created == [], f"{name} creates new harms: {created}"
