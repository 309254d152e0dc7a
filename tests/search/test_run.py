"""The scan as a whole: outputs, reproducibility, replay, shrinking, regression tests, bad config."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from openfisca_core.tools.test_runner import run_tests

from openfisca_nl_sz.errors import InputError
from openfisca_nl_sz.search.config import parse_config
from openfisca_nl_sz.search.detect import Thresholds, scan
from openfisca_nl_sz.search.evaluate import Evaluator
from openfisca_nl_sz.search.explain import cause_key, money_causes
from openfisca_nl_sz.search.household import Household, Member
from openfisca_nl_sz.search.run import run_scan
from openfisca_nl_sz.search.shrink import shrink, size

from small_scan import SMALL  # tests/small_scan.py, shared with the other scan tests


def _write_config(tmp_path, data) -> str:
    path = tmp_path / "scan.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return str(path)


def _nlsz(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "openfisca_nl_sz.cli", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=600)


@pytest.fixture(scope="module")
def small_run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("small")
    config = _write_config(folder, SMALL)
    out = folder / "out"
    result = _nlsz("scan", "--config", config, "--out", str(out), "--quiet")
    assert result.returncode == 0, result.stderr
    return out, config


def test_scan_writes_findings_report_charts_and_regression_tests(small_run):
    out, _ = small_run
    findings = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    assert set(findings) >= {"config", "findings"}
    kinds = {(f["kind"], f["axis_name"]) for f in findings["findings"]}
    assert ("cliff", "leeftijd@medebewoner") in kinds  # the kostendelersnorm at 27
    assert ("cliff", "vermogen") in kinds  # the bijstand asset limit
    report = (out / "report.html").read_text(encoding="utf-8")
    for finding in findings["findings"]:
        assert finding["id"] in report or f"{finding['kind']}-{finding['id']}" in report
        # One chart and one regression test per card (issue 11: the card's typical household).
        assert (out / "charts" / f"{finding['card_id']}.png").stat().st_size > 1000
        assert (out / "regression" / f"{finding['card_id']}.yaml").is_file()


def test_regression_tests_pass_on_the_current_rules(small_run, tbs):
    out, _ = small_run
    assert run_tests(tbs, str(out / "regression"), options={}) == 0


def test_regression_tests_fail_when_the_harm_moves(small_run, tbs, tmp_path):
    """Change a pinned amount as a rule change would; the pinned test must notice."""
    out, _ = small_run
    source = sorted((out / "regression").glob("*.yaml"))[0]
    tests = yaml.safe_load(source.read_text(encoding="utf-8"))
    for test in tests:
        for values in test["output"].values():
            for month in values:
                values[month] = values[month] + 50
    moved = tmp_path / "moved.yaml"
    moved.write_text(yaml.safe_dump(tests), encoding="utf-8")
    assert run_tests(tbs, str(moved), options={}) != 0


def test_same_seed_same_bytes(small_run, tmp_path):
    out, config = small_run
    again = tmp_path / "again"
    result = _nlsz("scan", "--config", config, "--out", str(again), "--quiet")
    assert result.returncode == 0, result.stderr
    assert (again / "findings.json").read_bytes() == (out / "findings.json").read_bytes()
    for first in (out / "regression").glob("*.yaml"):
        assert (again / "regression" / first.name).read_bytes() == first.read_bytes()


def test_replay_checks_earlier_findings_first(small_run, tbs):
    out, config = small_run
    data = yaml.safe_load(Path(config).read_text(encoding="utf-8"))
    data["templates"] = []  # nothing to scan: only the replay can find anything
    data["max_examples"] = 0
    result = run_scan(parse_config(data, "replay.yaml", tbs), str(out), system=tbs, shrink_findings=False)
    earlier = json.loads((out / "findings.json").read_text(encoding="utf-8"))["findings"]
    assert result["run"]["replayed"] == len(earlier)
    assert {(f["kind"], f["axis_name"]) for f in earlier if f["kind"] != "samenloop"} <= {
        (f["kind"], f["axis_name"]) for f in result["findings"]}


def test_shrinking_removes_what_the_harm_does_not_need(tbs):
    """A kostendelersnorm cliff in a cluttered household shrinks to the aanvrager and the medebewoner."""
    evaluator = Evaluator(tbs, "2026-01")
    cluttered = Household(
        [Member("aanvrager", "aanvrager", {"leeftijd": 53, "vermogen": 1234.56}),
         Member("kind1", "kind", {"leeftijd": 15}),
         Member("medebewoner", "medebewoner", {"leeftijd": 25, "loon": 0})],
        {"huur": 733.21},
    )
    from openfisca_nl_sz.search.axes import Axis

    axis = Axis("leeftijd", "medebewoner", 20, 30, integer=True, points=11)
    harm = [h for h in scan(evaluator, cluttered, axis, Thresholds(), kinds=["cliff"]) if h.x_to == 27][0]
    key = cause_key(money_causes(evaluator, harm.household_from, harm.household_to), harm.severity)
    small = shrink(evaluator, harm, key, Thresholds())
    assert size(small.household) < size(cluttered)
    assert [m.id for m in small.household.members] == ["aanvrager", "medebewoner"]
    amounts = [v for m in small.household.members for k, v in m.inputs.items() if k != "leeftijd"]
    amounts += list(small.household.inputs.values())
    assert all(float(v) % 10 == 0 for v in amounts)  # round numbers only
    assert (small.x_from, small.x_to) == (26, 27)
    assert small.severity >= Thresholds().cliff_min_change


@pytest.mark.parametrize("change, field", [
    ({"axes": [{"variable": "salaris", "low": 0, "high": 10}]}, "axes[0] (salaris)"),
    ({"thresholds": {"cliff": {"min_change": "veel"}}}, "thresholds.cliff.min_change"),
    ({"thresholds": {"klif": {"min_change": 5}}}, "thresholds.klif"),
    ({"thresholds": {"hoge_marginale_druk": {"rate": 30}}}, "thresholds.hoge_marginale_druk.rate"),
    ({"templates": [{"members": [{"id": "a", "role": "aanvrager", "inputs": {"lonen": 5}}]}]}, "templates[0].members[0].inputs.lonen"),
    ({"templates": [{"members": [{"id": "a", "role": "aanvrager", "inputs": {"arbeidsongeschiktheidspercentage": 130}}]}]},
     "templates[0].members[0].inputs.arbeidsongeschiktheidspercentage"),
    ({"period": "2026-13"}, "period"),
    ({"periods": ["2026-01"]}, "period"),  # SMALL gives period too: one or the other

    ({"max_examples": -1}, "max_examples"),
    # issue 11 point 5: starting households from the population, ranges from the law
    ({"population": {"households": -1}}, "population.households"),
    ({"population": {"size": 3}}, "population"),
    ({"law_ranges": "ja"}, "law_ranges"),
    # issue 11 point 2: a template that cannot exist (a kind of 15 with a parent of 25)
    ({"templates": [{"members": [{"id": "a", "role": "aanvrager", "inputs": {"leeftijd": 25}},
                                 {"id": "k", "role": "kind", "inputs": {"leeftijd": 15}}]}]}, "templates[0]"),
    ({"zoekbudget": 5}, "zoekbudget"),
])
def test_bad_config_names_the_field(tbs, change, field):
    data = {**SMALL, **change}
    with pytest.raises(InputError) as error:
        parse_config(data, "scan.yaml", tbs)
    assert error.value.field == field
    assert "allowed" in error.value.problem or "unknown" in error.value.problem


@pytest.mark.parametrize("periods, field", [([], "periods"), (["2026-01", "2026-01"], "periods"), (["2026-01", "26-01"], "periods[1]")])
def test_bad_periods_name_the_field(tbs, periods, field):
    data = {k: v for k, v in SMALL.items() if k != "period"}
    with pytest.raises(InputError) as error:
        parse_config({**data, "periods": periods}, "scan.yaml", tbs)
    assert error.value.field == field


def test_bad_config_on_the_command_line_exits_2_with_one_line(tmp_path):
    config = _write_config(tmp_path, {**SMALL, "axes": [{"variable": "salaris"}]})
    result = _nlsz("scan", "--config", config, "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "axes[0] (salaris)" in lines[0] and "Traceback" not in result.stderr
    assert not (tmp_path / "out" / "findings.json").exists()


def test_the_time_budget_bounds_the_search(tbs, tmp_path):
    """With a budget of one second the search stops early and says so; what it found is still reported."""
    import time

    config = parse_config({**SMALL, "max_examples": 1000, "budget_seconds": 1}, "scan.yaml", tbs)
    start = time.monotonic()
    result = run_scan(config, str(tmp_path / "out"), system=tbs, shrink_findings=False)
    assert result["run"]["stopped_by"] == "budget_seconds"
    assert result["run"]["hypothesis_examples"] < 1000
    assert time.monotonic() - start < 120  # the 1000 examples would take minutes


def test_periods_on_the_command_line(small_run, tmp_path):
    _, config = small_run
    out = tmp_path / "p"
    result = _nlsz("scan", "--config", config, "--out", str(out), "--quiet", "--periods", "2024-07,2025-07")
    assert result.returncode == 0, result.stderr
    findings = json.loads((out / "findings.json").read_text(encoding="utf-8"))["findings"]
    assert {f["period"] for f in findings} == {"2024-07", "2025-07"}
    # Pw art. 34 lid 3: the vermogensgrens was € 7.575 (single) / € 15.150 (gezin) in 2024 and € 7.770 /
    # € 15.540 in 2025 (research §5.3); the scan keeps the worse step of one mechanism per month.
    steps = {(f["period"], f["axis_from"]) for f in findings if f["kind"] == "cliff" and f["axis"] == "vermogen"}
    assert steps & {("2024-07", 7575), ("2024-07", 15150)} and steps & {("2025-07", 7770), ("2025-07", 15540)}
    bad = _nlsz("scan", "--config", config, "--out", str(tmp_path / "q"), "--periods", "2025-13")
    assert bad.returncode == 2 and "2025-13" in bad.stderr and len(bad.stderr.strip().splitlines()) == 1
