"""`nlsz calc`, `nlsz scan` and `nlsz compare` say when a month carries amounts forward (issue 12 point 5).

The kinderbijslag of 1 July 2026 was not found, so July-December 2026 reuse the January amounts; the
user must read that in every output, and a month without a gap must not carry the note.
"""

import json
import subprocess
import sys

import yaml

from openfisca_nl_sz.paths import data_dir

NOTE = "amounts carried forward from 2026-01: kinderbijslag.bedrag_per_kwartaal"


def _nlsz(*args):
    return subprocess.run([sys.executable, "-m", "openfisca_nl_sz.cli", *args], capture_output=True, text=True, timeout=600)


def test_calc_json_stays_parseable_and_the_note_is_on_stderr():
    example = str(data_dir("examples") / "wga_alleenstaande.yaml")
    july = _nlsz("calc", example, "--period", "2026-07", "--format", "json", "--vars", "kinderbijslag")
    assert july.returncode == 0, july.stderr
    assert json.loads(july.stdout)["period"] == "2026-07"
    assert NOTE in july.stderr
    january = _nlsz("calc", example, "--period", "2026-01", "--vars", "kinderbijslag")
    assert january.returncode == 0, january.stderr
    assert "carried forward" not in january.stderr + january.stdout


def test_scan_marks_the_period_in_findings_json_and_the_report(tbs, tmp_path):
    from openfisca_nl_sz.report.write import render_html
    from openfisca_nl_sz.search.config import parse_config
    from openfisca_nl_sz.search.run import run_scan

    data = {
        "periods": ["2026-01", "2026-07"],
        "seed": 1,
        "max_examples": 0,
        "budget_seconds": 60,
        "axes": [{"variable": "vermogen", "low": 0, "high": 10000, "points": 3, "members": ["aanvrager"]}],
        "templates": [{"name": "alleenstaande", "members": [{"id": "aanvrager", "role": "aanvrager", "inputs": {"leeftijd": 40}}]}],
    }
    result = run_scan(parse_config(data, "scan.yaml", tbs), str(tmp_path / "out"), system=tbs, shrink_findings=False)
    assert result["period_notes"] == {"2026-07": NOTE}
    assert NOTE in render_html({k: v for k, v in result.items() if not k.startswith("_")}, {})


def test_compare_puts_the_note_in_comparison_and_report(tbs, tmp_path):
    from openfisca_nl_sz.compare import compare_scenario
    from openfisca_nl_sz.scenarios import load_scenario

    data = yaml.safe_load((data_dir("scenarios") / "wia_grens_25.yaml").read_text(encoding="utf-8"))
    data["period"] = "2026-07"
    data["population"]["size"] = 200
    data["population"]["config"] = str(data_dir("scenarios") / data["population"]["config"])
    data.setdefault("outputs", {})["harm_search"] = False
    path = tmp_path / "scenario.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    comparison = compare_scenario(load_scenario(str(path), tbs), tbs, progress=lambda m: None)
    assert comparison["period_note"] == NOTE
    assert any(NOTE in note for note in comparison["notes"])
