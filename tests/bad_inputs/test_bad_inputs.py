"""The bad-input corpus (issue 13 "must show", issue 12 points 6 and 7) through the real CLI.

Every case in manifest.json names a data file under this folder (a situation for `nlsz calc`, a scan
config for `nlsz scan`, a scenario for `nlsz compare`), extra arguments and the words the error
line must contain (the field, and what is allowed). Each must:
- exit 2 (never 0 with a number, never 1 = "internal error");
- print nothing on stdout and exactly ONE line on stderr, at most 300 characters;
- name the field: every word of `expect` appears in that line.

Most cases run `cli.main` in-process with the session's tax-benefit system (fast); a handful run as
real subprocesses, as an analyst runs the command.
"""

from __future__ import annotations

import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
MANIFEST = json.loads((HERE / "manifest.json").read_text(encoding="utf-8"))
CASES = {case["id"] + "-" + case["command"]: case for case in MANIFEST["cases"]}

#: Run as real subprocesses: the cases the issues name, one per command and kind of failure.
SUBPROCESS = {
    "period_2023_06-calc", "period_2023_06_vars-calc", "loon_1e39_json-calc", "duplicate_key_yaml-calc",
    "alias_bomb-calc", "axis_member_typo-scan", "cli_periods_2023-scan", "tax_rate_37-compare",
}


def _generate(case: dict, folder: Path) -> Path:
    """The few inputs too large to keep in the repository, written on the fly."""
    path = folder / Path(case["file"]).name
    # nlsz calc builds situations in linear time and has its own, larger limits (issue 14 point 4)
    from openfisca_nl_sz.validation.loading import CALC_MAX_BYTES
    from openfisca_nl_sz.validation.situations import CALC_MAX_PERSONS

    if case["generate"] == "big":  # just above calc's byte limit
        filler = "# " + "x" * 98 + "\n"
        path.write_text("personen:\n  anna: {leeftijd: 45}\n" + filler * (CALC_MAX_BYTES // 100 + 500) + "huishoudens:\n  h: {aanvragers: [anna]}\n", encoding="utf-8")
    elif case["generate"] == "many_persons":  # one more person than a situation may hold
        # written as JSON: parsing this many persons as YAML would take seconds
        path = path.with_suffix(".json")
        persons = {f"p{i}": {"leeftijd": 30} for i in range(CALC_MAX_PERSONS + 1)}
        path.write_text(json.dumps({"personen": persons, "huishoudens": {"h": {"aanvragers": ["p0"]}}}), encoding="utf-8")
    return path


def _argv(case: dict, folder: Path) -> list[str]:
    file = _generate(case, folder) if case.get("generate") else HERE / case["file"]
    out = folder / "out"
    if case["command"] == "calc":
        return ["calc", str(file), *case["args"]]
    if case["command"] == "scan":
        return ["scan", "--config", str(file), "--out", str(out), "--quiet", *case["args"]]
    return ["compare", str(file), "--out", str(out), *case["args"]]


def _in_process(argv, tbs, monkeypatch, capsys) -> subprocess.CompletedProcess:
    from openfisca_nl_sz import cli

    monkeypatch.setattr("openfisca_nl_sz.system.CountryTaxBenefitSystem", lambda: tbs)
    monkeypatch.setattr("openfisca_nl_sz.CountryTaxBenefitSystem", lambda: tbs)
    monkeypatch.setattr("openfisca_nl_sz.scenarios.STRICT", False)
    try:
        code = cli.main(argv)
    except SystemExit as stop:  # argparse refusing an argument
        code = stop.code
    out, err = capsys.readouterr()
    return subprocess.CompletedProcess(argv, code, out, err)


@pytest.fixture(scope="module")
def subprocess_results(tmp_path_factory):
    def run(key):
        folder = tmp_path_factory.mktemp("sub")
        return subprocess.run([sys.executable, "-m", "openfisca_nl_sz.cli", *_argv(CASES[key], folder)],
                              capture_output=True, text=True, timeout=120, cwd=folder)

    with ThreadPoolExecutor(2) as pool:
        return dict(zip(sorted(SUBPROCESS), pool.map(run, sorted(SUBPROCESS))))


def test_the_corpus_is_large_and_covers_every_command():
    commands = [case["command"] for case in CASES.values()]
    assert len(CASES) >= 150
    assert commands.count("calc") >= 80 and commands.count("scan") >= 40 and commands.count("compare") >= 40
    assert SUBPROCESS <= set(CASES)
    for case in CASES.values():
        assert case.get("generate") or case["id"].startswith("missing_file") or (HERE / case["file"]).is_file(), case


@pytest.mark.parametrize("key", sorted(CASES))
def test_bad_input_exits_2_with_one_line_naming_the_field(key, tbs, tmp_path, monkeypatch, capsys, subprocess_results):
    case = CASES[key]
    if key in SUBPROCESS:
        result = subprocess_results[key]
    else:
        result = _in_process(_argv(case, tmp_path), tbs, monkeypatch, capsys)
    text = result.stdout + result.stderr
    assert "Traceback" not in text and "internal error" not in text, text
    assert result.returncode == 2, (result.returncode, result.stdout[-300:], result.stderr)
    assert result.stdout == "", result.stdout[:300]
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    line = lines[0]
    assert line.startswith("nlsz: ") and len(line) <= 300, line
    for word in case["expect"]:
        assert word in line, (word, line)


#: The folder depth of a CI checkout is not ours to choose: a checkout under a deep folder once cut
#: "allowed: 1 to 100 characters" off the end of the line. From a folder this deep, every case
#: must still show the words it needs.
DEEP = "a-project-folder-with-a-long-name/" * 5


@pytest.mark.parametrize("key", sorted(k for k, case in CASES.items()
                                       if not case.get("generate") and not case["id"].startswith("missing_file")))
def test_a_deep_folder_never_cuts_what_is_allowed_off_the_line(key, tbs, tmp_path, monkeypatch, capsys):
    case = CASES[key]
    folder = tmp_path / DEEP
    folder.mkdir(parents=True)
    copy = folder / Path(case["file"]).name
    copy.write_bytes((HERE / case["file"]).read_bytes())
    argv = _argv(case, tmp_path)
    argv[argv.index(str(HERE / case["file"]))] = str(copy)
    result = _in_process(argv, tbs, monkeypatch, capsys)
    assert result.returncode == 2, result.stderr
    line = result.stderr.rstrip("\n")
    assert "\n" not in line and len(line) <= 300, line
    for word in case["expect"]:
        assert word in line, (word, line)


def test_a_long_path_and_field_are_shortened_in_the_middle_never_the_problem():
    from openfisca_nl_sz.errors import InputError

    problem = "id 'aaaa' is empty or too long; allowed: 1 to 100 characters"
    error = InputError("/x/" + "deep/" * 60 + "id_too_long.yaml", "personen." + "a" * 150, problem)
    text = str(error)
    assert len(text) <= 290 and text.endswith(": " + problem), text
    assert text.startswith("/x/deep/") and "id_too_long.yaml: personen.aaa" in text, text
    # a field that fits beside the problem is kept whole; only the path is shortened
    error = InputError("/x/" + "deep/" * 60 + "f.yaml", "chunk 2 (households 2,000-2,999, block seed 40852791)", problem)
    assert "chunk 2 (households 2,000-2,999, block seed 40852791): " + problem in str(error), str(error)


# -- numbers YAML 1.1 reads otherwise than a person does (validation/loading.py) --------------------

@pytest.mark.parametrize("text, value", [
    ("650", 650), ("+650", 650), ("-650", -650), ("0", 0), ("00", 0), ("007", 7), ("1_000", 1000),
    ("650.5", 650.5), ("0650.5", 650.5), (".5", 0.5), ("1.5e+3", 1500.0), ("'0650'", "0650"), ("'7:30'", "7:30"),
])
def test_a_plain_decimal_number_is_read_as_written(text, value):
    from openfisca_nl_sz.validation.loading import parse_text

    assert parse_text(f"loon: {text}\n", "YAML", "t.yaml") == {"loon": value}


@pytest.mark.parametrize("text, reading, why", [
    ("0650", "424", "octal"), ("-010", "-8", "octal"), ("0_650", "424", "octal"), ("7:30", "450", "base 60"),
    ("1:00:00", "3600", "base 60"), ("0777777777777", "68719476735", "octal"), ("6:50.5", "410.5", "base 60"), ("0x2D", "45", "hexadecimal"), ("0b101", "5", "binary"),
])
def test_a_number_yaml_reads_otherwise_is_refused_naming_the_key_and_what_it_would_be(text, reading, why):
    from openfisca_nl_sz.errors import InputError
    from openfisca_nl_sz.validation.loading import parse_text

    for document, field in ((f"personen:\n  anna:\n    loon: {text}\n", "loon (line 3)"), (f"waarden: [1, {text}]\n", "line 1")):
        with pytest.raises(InputError) as caught:
            parse_text(document, "YAML", "t.yaml")
        message = str(caught.value)
        assert message.startswith(f"t.yaml: {field}: {text} would be read as {reading} ") and why in message, message
        assert "allowed: a plain decimal number" in message, message
