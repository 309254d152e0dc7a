"""`nlsz serve`'s fast /calculate path (openfisca_nl_sz/serve/fast.py) gives the same bytes and
headers as the path it short-cuts (the checked situation forwarded to OpenFisca's own Flask app and
handler), for the shipped examples asked for every output of `nlsz calc`, for a couple
asked for an Enum and a bool output. No timing here (benchmarks/serve.py).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from openfisca_nl_sz.cli import DEFAULT_HOUSEHOLD_VARIABLES, DEFAULT_PERSON_VARIABLES
from openfisca_nl_sz.serve import fast
from openfisca_nl_sz.serve.app import NlszApi
from openfisca_nl_sz.system import CountryTaxBenefitSystem

M = "2026-01"
EXAMPLES = sorted((Path(__file__).parents[2] / "examples").glob("*.yaml"))
ROLES = {"aanvragers", "partners", "kinderen", "medebewoners"}


@pytest.fixture(scope="module")
def api():
    return NlszApi(CountryTaxBenefitSystem())


def _request(system, situation: dict) -> bytes:
    """The calc situation as an API request: every input per month, every calc output asked for."""
    body = {}
    for plural, members in situation.items():
        body[plural] = {}
        for member_id, member in members.items():
            row = {k: (v if k in ROLES or isinstance(v, dict) else {M: v}) for k, v in member.items()}
            entity = "persoon" if plural == "personen" else "huishouden"
            names = DEFAULT_PERSON_VARIABLES if entity == "persoon" else DEFAULT_HOUSEHOLD_VARIABLES
            for name in names:
                if name in system.variables and system.variables[name].entity.key == entity and name not in row:
                    row[name] = {M: None}
            body[plural][member_id] = row
    return json.dumps(body).encode()


def _both(api, monkeypatch, body: bytes):
    fast_answer = api.compute("/calculate", body)
    with monkeypatch.context() as patch:
        patch.setattr(fast, "answer", lambda *args, **kwargs: None)
        slow_answer = api.compute("/calculate", body)
    return fast_answer, slow_answer


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_examples_same_bytes_as_openfisca_handler(api, monkeypatch, path):
    body = _request(api.system, yaml.safe_load(path.read_text()))
    fast_answer, slow_answer = _both(api, monkeypatch, body)
    assert fast_answer[0] == slow_answer[0] == 200, fast_answer[2][:300]
    assert fast_answer[2] == slow_answer[2]
    assert sorted(fast_answer[1]) == sorted(slow_answer[1])


def test_the_fast_path_is_taken(api):
    """Without this, the test above would compare the slow path with itself."""
    from openfisca_nl_sz.serve.checks import ROLE_KEYS, check_request

    body = _request(api.system, yaml.safe_load(EXAMPLES[0].read_text()))
    situation = check_request(api.system, json.loads(body), 100)
    assert fast.answer(api.inner, api.system, situation, "/calculate", ROLE_KEYS) is not None
    # /trace is OpenFisca's own
    assert fast.answer(api.inner, api.system, situation, "/trace", ROLE_KEYS) is None


def test_couple_enum_and_bool(api, monkeypatch):
    body = json.dumps({
        "personen": {
            "anna": {"leeftijd": {M: 45}, "loon": {M: 600},
                     "arbeidsongeschiktheidspercentage": {M: 50}, "wia_dagloon": {M: 140},
                     "wia_maanden_sinds_aanvang": {M: 30}, "netto_inkomen": {M: None}, "is_partner": {M: None}},
            "bert": {"leeftijd": {M: 47}, "loon": {M: 2500}, "is_aanvrager": {M: None}, "tw_leefsituatie": {M: None}},
        },
        "huishoudens": {"h1": {"aanvragers": ["anna"], "partners": ["bert"], "huur": {M: 650},
                               "besteedbaar_inkomen": {M: None}, "huurtoeslag": {M: None}}},
    }).encode()
    fast_answer, slow_answer = _both(api, monkeypatch, body)
    assert fast_answer[0] == slow_answer[0] == 200, slow_answer[2][:300]
    assert fast_answer[2] == slow_answer[2]
    answer = json.loads(fast_answer[2])
    assert answer["personen"]["anna"]["is_partner"][M] is False
    assert answer["personen"]["bert"]["is_aanvrager"][M] is False
    assert isinstance(answer["personen"]["bert"]["tw_leefsituatie"][M], str)  # an Enum by its name
