"""Hypothesis fuzz of situation files through `nlsz calc` (issue 13 "must show").

Random situations — plausible households, half of them with one hostile change (NaN, inf, 1e39, huge integers,
text, booleans, None, values dated for other months, computed variables, unknown names, ids that are
numbers, persons in no household, children as aanvrager) — are written as YAML or JSON and run
through `cli.main` in-process. Whatever comes in:
- the exit code is 0 or 2, never 1 ("internal error");
- exit 2 prints one line of at most 300 characters and nothing on stdout;
- exit 0 prints valid JSON (no NaN, no Infinity) whose every number is finite, and the table
  never shows nan or inf.
"""

from __future__ import annotations

import json
import math
import re

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

PERIOD = "2026-01"
PERSON_IDS = ["anna", "bob", "kid", 1, 2]


#: Values no input accepts.
HOSTILE = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([1e39, -1e39, 10**40, -1, 1e9, 3.4e38, "veel", "no", "", None, True, [1, 2], {}]),
    st.dictionaries(st.sampled_from(["2026-01", "2025-01", "2023-06", "2026-13", "2026"]), st.integers(-5, 5000), min_size=1, max_size=2),
)


def _plausible(variable):
    """A value inside the input's allowed range (input_ranges.allowed_range), of its type."""
    from openfisca_nl_sz.input_ranges import allowed_range

    if variable.value_type is bool:
        return st.booleans()
    low, high = allowed_range(variable.name, variable)
    high = min(high, 5000 if low >= 0 else high)
    low = max(low, -5000)
    if variable.value_type is int:
        return st.integers(int(math.ceil(low)), int(high))
    return st.floats(low, high, allow_nan=False).map(lambda x: round(x, 2))


@st.composite
def situations(draw, tbs):
    """A plausible household (an adult aanvrager, maybe a partner, children, a medebewoner, inputs in
    range), then — half the time — one hostile change."""
    inputs = {"persoon": [], "huishouden": []}
    for name, variable in sorted(tbs.variables.items()):
        if not variable.formulas and not name.endswith("_opgegeven") and name != "leeftijd":
            inputs[variable.entity.key].append(name)
    ids = draw(st.lists(st.sampled_from(PERSON_IDS), min_size=1, max_size=4, unique=True))
    roles = ["aanvragers"] + [draw(st.sampled_from(["partners", "kinderen", "medebewoners"])) for _ in ids[1:]]
    if roles.count("partners") > 1:
        roles = [r if r != "partners" or i == roles.index("partners") else "kinderen" for i, r in enumerate(roles)]
    personen = {}
    for person_id, role in zip(ids, roles):
        age = draw(st.integers(0, 17)) if role == "kinderen" else draw(st.integers(18, 90))
        person = {"leeftijd": age}
        for name in draw(st.lists(st.sampled_from(inputs["persoon"]), max_size=4, unique=True)):
            person[name] = draw(_plausible(tbs.variables[name]))
        personen[person_id] = person
    household = {}
    for person_id, role in zip(ids, roles):
        household.setdefault(role, []).append(person_id)
    for name in draw(st.lists(st.sampled_from(inputs["huishouden"]), max_size=2, unique=True)):
        household[name] = draw(_plausible(tbs.variables[name]))
    situation = {"personen": personen, "huishoudens": {"h": household}}
    if draw(st.booleans()):
        _mutate(draw, situation, ids, inputs)
    return situation


def _mutate(draw, situation, ids, inputs):
    person = situation["personen"][draw(st.sampled_from(ids))]
    household = situation["huishoudens"]["h"]
    kind = draw(st.sampled_from(["value", "value", "household_value", "computed", "unknown", "no_age", "child_aanvrager",
                                 "no_household", "empty_household", "other_month"]))
    if kind == "value":
        person[draw(st.sampled_from(inputs["persoon"] + ["leeftijd"]))] = draw(HOSTILE)
    elif kind == "household_value":
        household[draw(st.sampled_from(inputs["huishouden"]))] = draw(HOSTILE)
    elif kind == "computed":
        person[draw(st.sampled_from(["wia_uitkering", "netto_inkomen", "inkomstenbelasting"]))] = draw(st.floats(-1e4, 1e4))
    elif kind == "unknown":
        person["lon"] = 1
    elif kind == "no_age":
        person.pop("leeftijd", None)
    elif kind == "child_aanvrager":
        situation["personen"][household["aanvragers"][0]]["leeftijd"] = draw(st.integers(0, 17))
    elif kind == "no_household":
        situation["huishoudens"] = {}
    elif kind == "empty_household":
        situation["huishoudens"]["leeg"] = {"huur": 500}
    else:
        person["loon"] = {"2025-01": 100}


def _numbers(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from _numbers(item)
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        yield value


def _refuse_constant(name):
    raise AssertionError(f"JSON output contains {name}")


def test_fuzzed_situations_never_give_an_internal_error_or_a_non_finite_number(tbs, tmp_path, monkeypatch, capsys):
    from openfisca_nl_sz import cli

    monkeypatch.setattr("openfisca_nl_sz.system.CountryTaxBenefitSystem", lambda: tbs)
    counts = {0: 0, 2: 0}

    @settings(max_examples=80, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
    @given(situation=situations(tbs), as_json=st.booleans())
    def check(situation, as_json):
        file = tmp_path / ("s.json" if as_json else "s.yaml")
        if as_json:
            file.write_text(json.dumps(situation, allow_nan=True), encoding="utf-8")
        else:
            file.write_text(yaml.safe_dump(situation, allow_unicode=True), encoding="utf-8")
        code = cli.main(["calc", str(file), "--period", PERIOD, "--format", "json"])
        out, err = capsys.readouterr()
        assert code in (0, 2), err
        assert "internal error" not in err and "Traceback" not in err
        counts[code] += 1
        if code == 2:
            assert out == "" and len(err.splitlines()) == 1 and len(err.rstrip("\n")) <= 300, err
            return
        data = json.loads(out, parse_constant=_refuse_constant)
        assert all(math.isfinite(x) for x in _numbers(data)), data
        assert cli.main(["calc", str(file), "--period", PERIOD]) == 0
        table = capsys.readouterr().out
        assert not re.search(r"\b(nan|inf|-inf)\b", table, re.IGNORECASE), table

    check()
    # the fuzz is only worth something if both doors were exercised
    assert counts[0] >= 5 and counts[2] >= 5, counts
