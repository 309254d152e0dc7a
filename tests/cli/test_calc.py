"""`nlsz calc` end to end: the command is run as a subprocess, as an analyst runs it.

Expected amounts are worked out by hand from the law and the official amounts (sources in the
comments); the CLI is only trusted to add up what it shows. Every bad input must exit 2 with ONE
line on stderr naming the file and the field, and nothing may ever print a traceback.
"""

from __future__ import annotations

import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from openfisca_nl_sz.cli import DEFAULT_HOUSEHOLD_VARIABLES, DEFAULT_PERSON_VARIABLES

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
WGA = EXAMPLES / "wga_alleenstaande.yaml"

# Official amounts (research params_sz.md §1.2, §3.4, §9.3; Pw normenbrief 1-1-2026):
RMML_2026_01 = 2294.40  # WML art. 8 lid 1 b, referentieminimummaandloon per 1-1-2026 (NB2026) [A]
VAKANTIEBIJSLAG = 1.08  # WML art. 15 / WIA art. 12 lid 1 b: minimumloon incl. 8 % vakantiebijslag
PW_GEHUWDEN_2026_01 = 2002.13  # Pw art. 21 onder b, gehuwdennorm incl. vakantietoeslag per 1-1-2026 [A]


def run_nlsz(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "openfisca_nl_sz.cli", *args],
        capture_output=True, text=True, timeout=60, cwd=cwd or ROOT,
    )


@pytest.fixture(scope="module")
def example_runs():
    """Every shipped example at 2026-01 in both formats, run once, in parallel: {(file name, format): result}."""
    files = sorted(EXAMPLES.glob("*.yaml")) + sorted(EXAMPLES.glob("*.json"))
    jobs = [(f, fmt) for f in files for fmt in ("table", "json")]
    with ThreadPoolExecutor(4) as pool:
        results = pool.map(lambda job: run_nlsz("calc", str(job[0]), "--period", "2026-01", "--format", job[1]), jobs)
        return {(f.name, fmt): result for (f, fmt), result in zip(jobs, results)}


def example_json(example_runs, name: str) -> dict:
    result = example_runs[(name, "json")]
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def calc_json(path: Path, period: str = "2026-01", *extra: str) -> dict:
    result = run_nlsz("calc", str(path), "--period", period, "--format", "json", *extra)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    return json.loads(result.stdout)


def assert_besteedbaar_is_sum_of_parts(data: dict) -> None:
    """besteedbaar_inkomen = members' netto_inkomen + bijstand + zorgtoeslag + huurtoeslag + kgb + kinderbijslag."""
    netto = sum(person["netto_inkomen"] for person in data["personen"].values())
    (household,) = data["huishoudens"].values()
    parts = ["bijstand", "zorgtoeslag", "huurtoeslag", "kindgebonden_budget", "kinderbijslag"]
    assert household["besteedbaar_inkomen"] == pytest.approx(netto + sum(household[p] for p in parts), abs=0.03)


# --------------------------------------------------------------------------------------------
# the shipped example, table and JSON


@pytest.fixture(scope="module")
def wga_json(example_runs):
    return example_json(example_runs, WGA.name)


def test_wga_example_vervolguitkering_by_hand(wga_json):
    anna = wga_json["personen"]["anna"]
    # AO 50 % -> klasse 45-55 % -> 35 % (WIA art. 61 lid 6). Month 30 of the WIA: the LGU (at most 24
    # months, art. 59) has ended. maandloon = 21,75 x 140 = 3.045 (art. 13 lid 4, dagloon below the cap).
    # RVC (default) = 50 % x 3.045 = 1.522,50; inkomenseis 50 % = 761,25 > earnings 600 -> VVU (art. 60).
    # VVU = 0,35 x min(2.294,40 x 1,08 = 2.477,952; 3.045) = 867,2832 (art. 62 lid 1, art. 12 lid 1 b).
    expected = 0.35 * min(RMML_2026_01 * VAKANTIEBIJSLAG, 21.75 * 140)
    assert expected == pytest.approx(867.2832)
    assert anna["wga_vervolguitkering"] == pytest.approx(expected, abs=0.01)
    assert anna["wia_uitkering"] == pytest.approx(expected, abs=0.01)
    assert anna["wga_loongerelateerde_uitkering"] == 0
    assert anna["wga_loonaanvullingsuitkering"] == 0
    assert anna["iva_uitkering"] == 0


def test_wga_example_chain_adds_up(wga_json):
    anna = wga_json["personen"]["anna"]
    assert wga_json["period"] == "2026-01"
    # contract: yearly box-1 income = 12 x loon x 1,08 + 12 x (wia + ww + tw)
    bruto = anna["loon"] * 1.08 + anna["wia_uitkering"] + anna["ww_uitkering"] + anna["toeslagenwet_toeslag"]
    assert anna["ib_belastbaar_inkomen_jaar"] == pytest.approx(12 * bruto, abs=0.5)
    # netto = bruto (incl. vakantiebijslag share) - inkomstenbelasting (no Zvw paid by a wage/benefit earner)
    assert anna["netto_inkomen"] == pytest.approx(bruto - anna["inkomstenbelasting"], abs=0.03)
    assert_besteedbaar_is_sum_of_parts(wga_json)


def test_wga_example_table_shows_the_whole_chain(wga_json, example_runs):
    result = example_runs[(WGA.name, "table")]
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    out = result.stdout
    assert "2026-01" in out and "anna" in out
    rows = {line.split()[0]: line.split()[1:] for line in out.splitlines() if line.strip()}
    for name in DEFAULT_PERSON_VARIABLES + DEFAULT_HOUSEHOLD_VARIABLES:
        assert name in rows, f"{name} missing from the table"
    assert rows["wga_vervolguitkering"] == ["867.28"]
    besteedbaar = wga_json["huishoudens"]["huishouden"]["besteedbaar_inkomen"]
    assert rows["besteedbaar_inkomen"] == [f"{besteedbaar:,.2f}"]


def test_default_variables_cover_gross_to_besteedbaar():
    """Issue 3: `nlsz calc` shows the full chain from gross wage to besteedbaar_inkomen."""
    chain_person = [
        "loon", "iva_uitkering", "wga_loongerelateerde_uitkering", "wga_loonaanvullingsuitkering",
        "wga_vervolguitkering", "wia_uitkering", "ww_uitkering", "toeslagenwet_toeslag",
        "ib_belastbaar_inkomen_jaar", "inkomstenbelasting", "netto_inkomen",
    ]
    chain_household = [
        "bijstand", "zorgtoeslag", "huurtoeslag", "kindgebonden_budget", "kinderbijslag", "besteedbaar_inkomen",
    ]
    assert [n for n in DEFAULT_PERSON_VARIABLES if n in chain_person] == chain_person
    assert [n for n in DEFAULT_HOUSEHOLD_VARIABLES if n in chain_household] == chain_household


def test_vars_option_limits_the_output():
    data = calc_json(WGA, "2026-01", "--vars", "wga_vervolguitkering, besteedbaar_inkomen,wia_soort_uitkering")
    # an Enum is shown by its name, not its index: after the LGU, below the inkomenseis -> vervolguitkering
    assert data["personen"] == {
        "anna": {"wga_vervolguitkering": pytest.approx(867.28, abs=0.01), "wia_soort_uitkering": "vervolg"}
    }
    assert list(data["huishoudens"]["huishouden"]) == ["besteedbaar_inkomen"]
    table = run_nlsz("calc", str(WGA), "--period", "2026-01", "--vars", "wia_uitkering")
    assert table.returncode == 0
    assert "wia_uitkering" in table.stdout and "netto_inkomen" not in table.stdout


def test_period_taken_from_the_file(tmp_path):
    file = tmp_path / "dated.yaml"
    file.write_text(
        # leeftijd is given: a missing age is refused since issue 12 point 7 (it used to default to 40)
        "personen:\n  p:\n    leeftijd: 40\n    arbeidsongeschiktheidspercentage: {2025-01: 50}\n    wia_dagloon: {2025-01: 140}\n"
        "    wia_maanden_sinds_aanvang: {2025-01: 30}\nhuishoudens:\n  h:\n    aanvragers: [p]\n",
        encoding="utf-8",
    )
    data = calc_json(file, "2025-01")
    # 2025-01: 0,35 x 2.191,80 x 1,08 = 828,4998 (params_sz.md §9.3: 828,50)
    assert data["personen"]["p"]["wga_vervolguitkering"] == pytest.approx(0.35 * 2191.80 * 1.08, abs=0.01)
    result = run_nlsz("calc", str(file), "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["period"] == "2025-01"


# --------------------------------------------------------------------------------------------
# the other example households, each with one figure worked out by hand


def test_example_gezin_wga_80_100_loonaanvulling(example_runs):
    data = example_json(example_runs, "gezin_wga_werkende_partner.yaml")
    mark = data["personen"]["mark"]
    # WGA 80-100 (AO 100 %, not durable): no inkomenseis (art. 60 lid 3) -> LAU = 0,7 x (A - B x C/D)
    # (art. 61 lid 3) with A = 21,75 x 160 = 3.480, B = 0 earnings, C/D = 1 (160 < max dagloon 304,25).
    assert mark["wga_loonaanvullingsuitkering"] == pytest.approx(0.7 * 21.75 * 160, abs=0.01)
    assert mark["iva_uitkering"] == 0 and mark["wga_vervolguitkering"] == 0
    assert data["personen"]["sara"]["loon"] == 2100
    assert data["huishoudens"]["gezin"]["kinderbijslag"] > 0
    assert_besteedbaar_is_sum_of_parts(data)


def test_example_35_minner_on_ww(example_runs):
    data = example_json(example_runs, "ww_35_minner.yaml")
    pieter = data["personen"]["pieter"]
    # AO 30 % < 35 %: no WIA (WIA art. 4 / 54). WW month index 5 -> 70 % (WW art. 47 lid 1) of
    # 21,75 x 150 = 3.262,50 (art. 1b) -> 2.283,75; duration 10 + 20 x 0,5 = 20 months, still running.
    assert pieter["wia_uitkering"] == 0
    assert pieter["ww_uitkering"] == pytest.approx(0.7 * 21.75 * 150, abs=0.01)
    assert_besteedbaar_is_sum_of_parts(data)


def test_example_bijstand_with_kostendeler(example_runs):
    data = example_json(example_runs, "bijstand_kostendeler.yaml")
    household = data["huishoudens"]["huishouden"]
    # Son of 29 is a kostendelende medebewoner (Pw art. 19a: 27 or older). Kostendelersnorm, A = 2
    # kostendelers: (40 + 30 x 2) / 2 = 50 % of the gehuwdennorm (art. 22a lid 2) = 0,5 x 2.002,13
    # = 1.001,065 -> 1.001,07. Fatima has no income or assets, so bijstand = the norm; the son's
    # income does not count (he is not in her gezin, art. 4).
    expected = round(0.5 * PW_GEHUWDEN_2026_01, 2)
    assert household["bijstandsnorm"] == pytest.approx(expected, abs=0.01)
    assert household["bijstand"] == pytest.approx(expected, abs=0.01)
    assert_besteedbaar_is_sum_of_parts(data)


def test_every_example_runs_in_both_formats(example_runs):
    assert len(example_runs) >= 8  # wga_alleenstaande + the three households above, two formats each
    for (name, fmt), result in example_runs.items():
        assert result.returncode == 0, (name, fmt, result.stderr)
        assert result.stderr == ""
        assert "Traceback" not in result.stdout
        if fmt == "json":
            assert "besteedbaar_inkomen" in json.loads(result.stdout)["huishoudens"][next(iter(json.loads(result.stdout)["huishoudens"]))]


# --------------------------------------------------------------------------------------------
# bad input: exit 2, one line on stderr, naming the file and the field; never a traceback

GOOD_HOUSEHOLD = "huishoudens: {h: {aanvragers: [a]}}\n"

#: case id -> (file name, file text or None for no file, extra args, words the message must contain)
BAD_INPUTS = {
    "unknown variable in file": ("v.yaml", "personen: {a: {lon: 2000}}\n" + GOOD_HOUSEHOLD, [], ["personen.a.lon", "unknown variable"]),
    "unknown variable in --vars": ("ok.yaml", None, ["--vars", "wia_uitkering,nettoloon"], ["--vars", "nettoloon"]),
    "unknown entity key": ("e.yaml", "personen: {a: {loon: 1}}\ngezinnen: {h: {aanvragers: [a]}}\n", [], ["gezinnen", "personen, huishoudens"]),
    "a period key at the top": ("t.yaml", "period: 2026-01\npersonen: {a: {loon: 1}}\n" + GOOD_HOUSEHOLD, [], ["period", "--period"]),
    "AO% 130": ("ao.yaml", "personen: {a: {arbeidsongeschiktheidspercentage: 130}}\n" + GOOD_HOUSEHOLD, [], ["arbeidsongeschiktheidspercentage", "0 to 100"]),
    "negative wage": ("w.yaml", "personen: {a: {loon: {2026-01: -100}}}\n" + GOOD_HOUSEHOLD, [], ["personen.a.loon.2026-01", "at least 0"]),
    "negative rent": ("h.yaml", "personen: {a: {loon: 1}}\nhuishoudens: {h: {aanvragers: [a], huur: -650}}\n", [], ["huishoudens.h.huur", "at least 0"]),
    "--period 2025-13": ("ok.yaml", None, ["--period", "2025-13"], ["--period", "YYYY-MM"]),
    "--period 2025": ("ok.yaml", None, ["--period", "2025"], ["--period", "YYYY-MM"]),
    "year as period key": ("y.yaml", "personen: {a: {loon: {2025: 2000}}}\n" + GOOD_HOUSEHOLD, [], ["personen.a.loon.2025", "YYYY-MM"]),
    "month 13 as period key": ("m.yaml", "personen: {a: {loon: {'2025-13': 2000}}}\n" + GOOD_HOUSEHOLD, [], ["personen.a.loon.2025-13", "YYYY-MM"]),
    "day as period key": ("d.yaml", "personen: {a: {loon: {2025-01-01: 2000}}}\n" + GOOD_HOUSEHOLD, [], ["personen.a.loon.2025-01-01", "YYYY-MM"]),
    "--period not in the file": ("p.yaml", "personen: {a: {loon: {2025-01: 2000}}}\n" + GOOD_HOUSEHOLD, ["--period", "2025-02"], ["--period", "2025-01"]),
    "missing file": ("absent.yaml", "MISSING", [], ["absent.yaml", "file", "does not exist"]),
    "malformed YAML": ("bad.yaml", "personen: {a: {loon: [1, 2}\n", [], ["file", "not valid YAML"]),
    "malformed JSON": ("bad.json", '{"personen": {"a": {"loon": 1}},', [], ["file", "not valid JSON"]),
    "not a mapping": ("list.yaml", "- a\n- b\n", [], ["file", "mapping"]),
    "not UTF-8": ("bin.yaml", b"\xff\xfe\x00personen", [], ["file", "UTF-8"]),
    "person in two households": ("two.yaml", "personen: {a: {loon: 1}}\nhuishoudens: {h: {aanvragers: [a]}, g: {aanvragers: [a]}}\n", [], ["huishoudens.g.aanvragers", "one household"]),
    "person in two roles": ("roles.yaml", "personen: {a: {loon: 1}}\nhuishoudens: {h: {aanvragers: [a], kinderen: [a]}}\n", [], ["huishoudens.h.kinderen", "one household"]),
    "unknown role key": ("role.yaml", "personen: {a: {loon: 1}}\nhuishoudens: {h: {ouders: [a]}}\n", [], ["huishoudens.h.ouders", "aanvragers, partners, kinderen, medebewoners"]),
    "undeclared person in a role": ("who.yaml", "personen: {a: {loon: 1}}\nhuishoudens: {h: {aanvragers: [b]}}\n", [], ["huishoudens.h.aanvragers", "'b'"]),
    "two aanvragers": ("aa.yaml", "personen: {a: {loon: 1}, b: {loon: 1}}\nhuishoudens: {h: {aanvragers: [a, b]}}\n", [], ["huishoudens.h.aanvragers", "at most 1"]),
    "variable on the wrong entity": ("ent.yaml", "personen: {a: {huur: 700}}\n" + GOOD_HOUSEHOLD, [], ["personen.a.huur", "huishoudens"]),
    "text for a number": ("txt.yaml", "personen: {a: {loon: veel}}\n" + GOOD_HOUSEHOLD, [], ["personen.a.loon", "number"]),
    "number for a bool": ("bool.yaml", "personen: {a: {wia_duurzaam: 7}}\n" + GOOD_HOUSEHOLD, [], ["personen.a.wia_duurzaam", "true or false"]),
    "fraction for a whole number": ("int.yaml", "personen: {a: {leeftijd: 40.5}}\n" + GOOD_HOUSEHOLD, [], ["personen.a.leeftijd", "whole number"]),
    "empty value": ("null.yaml", "personen: {a: {loon: }}\n" + GOOD_HOUSEHOLD, [], ["personen.a.loon", "no value"]),
    "infinite wage": ("inf.yaml", "personen: {a: {loon: .inf}}\n" + GOOD_HOUSEHOLD, [], ["personen.a.loon", "finite"]),
    "age 1e40 written as text": ("age.yaml", "personen: {a: {leeftijd: 1e40}}\n" + GOOD_HOUSEHOLD, [], ["personen.a.leeftijd", "0 to 120"]),
    "households as a list": ("hl.yaml", "personen: {a: {loon: 1}}\nhuishoudens: [h]\n", [], ["huishoudens", "mapping"]),
    "no persons": ("np.yaml", "huishoudens: {h: {}}\n", [], ["personen", "at least one person"]),
    "negative hours": ("uren.yaml", "personen: {a: {ww_arbeidsuren: -3}}\n" + GOOD_HOUSEHOLD, [], ["personen.a.ww_arbeidsuren", "0 to 168"]),
    # the range got an upper bound (issue 13: a woonlandfactor of 10^6 gave a zorgtoeslag of 176 million)
    "woonlandfactor below 0": ("wlf.yaml", "personen: {a: {loon: 1}}\nhuishoudens: {h: {aanvragers: [a], zt_woonlandfactor: -0.5}}\n", [], ["zt_woonlandfactor", "0 to 2"]),
    "empty --vars": ("ok.yaml", None, ["--vars", ","], ["--vars", "empty"]),
}


#: The cases issue 2 names run as real subprocesses; the rest run in-process (same `main`, no
#: interpreter start-up), to keep the folder fast.
SUBPROCESS_CASES = {
    "unknown variable in file", "unknown variable in --vars", "unknown entity key", "AO% 130",
    "negative wage", "negative rent", "--period 2025-13", "--period 2025", "year as period key",
    "missing file", "malformed YAML", "malformed JSON", "person in two households", "unknown role key",
}


def _prepare(folder: Path, case: str) -> tuple[str, list[str]]:
    name, text, extra, _words = BAD_INPUTS[case]
    if text not in (None, "MISSING"):
        (folder / name).write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    if "--period" not in extra and case != "--period not in the file":
        extra = [*extra, "--period", "2026-01"]
    return name, ["calc", name, *extra]


@pytest.fixture(scope="module")
def bad_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bad")
    (folder / "ok.yaml").write_text("personen: {a: {loon: 2000}}\n" + GOOD_HOUSEHOLD, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def bad_results(bad_folder):
    jobs = {case: _prepare(bad_folder, case) for case in BAD_INPUTS if case in SUBPROCESS_CASES}
    with ThreadPoolExecutor(4) as pool:
        futures = {case: pool.submit(run_nlsz, *args, cwd=bad_folder) for case, (_, args) in jobs.items()}
        return {case: (jobs[case][0], future.result()) for case, future in futures.items()}


def _run_in_process(folder, args, tbs, monkeypatch, capsys) -> subprocess.CompletedProcess:
    from openfisca_nl_sz import cli

    monkeypatch.chdir(folder)
    monkeypatch.setattr("openfisca_nl_sz.system.CountryTaxBenefitSystem", lambda: tbs)
    try:
        code = cli.main(args)
    except SystemExit as stop:  # argparse
        code = stop.code
    out, err = capsys.readouterr()
    return subprocess.CompletedProcess(args, code, out, err)


@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_bad_input_exits_2_with_one_line(bad_results, bad_folder, case, tbs, monkeypatch, capsys):
    if case in SUBPROCESS_CASES:
        name, result = bad_results[case]
    else:
        name, args = _prepare(bad_folder, case)
        result = _run_in_process(bad_folder, args, tbs, monkeypatch, capsys)
    words = BAD_INPUTS[case][3]
    assert "Traceback" not in result.stdout + result.stderr
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    line = lines[0]
    assert line.startswith(f"nlsz: {name}: "), line
    for word in words:
        assert word in line, (word, line)
    assert len(line) < 400


def test_bad_format_and_missing_arguments_exit_2(capsys):
    from openfisca_nl_sz import cli

    for args in (["calc", str(WGA), "--format", "xml"], ["calc"], ["frobnicate"], []):
        with pytest.raises(SystemExit) as stop:
            cli.main(args)
        assert stop.value.code == 2, args
        err = capsys.readouterr().err
        assert len(err.splitlines()) == 1, err
        assert err.startswith("nlsz: ")


def test_variables_command_lists_inputs_and_formulas(tbs, monkeypatch, capsys):
    from openfisca_nl_sz import cli

    monkeypatch.setattr("openfisca_nl_sz.system.CountryTaxBenefitSystem", lambda: tbs)
    assert cli.main(["variables", "--search", "wga_"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines and all("wga_" in line.split()[0] for line in lines)
    row = next(line for line in lines if line.startswith("wga_vervolguitkering "))
    assert "persoon" in row and "formula" in row
