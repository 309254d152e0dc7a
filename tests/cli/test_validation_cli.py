"""What the validation layer lets through, and the two options it adds to `nlsz calc`/`nlsz variables`.

The refusals are in tests/bad_inputs/ (246 cases); here the other side: what is accepted and what it
gives, so that the checks cannot simply refuse everything.
"""

from __future__ import annotations

import json
import subprocess

import pytest

from openfisca_nl_sz.errors import InputError, MAX_MESSAGE
from openfisca_nl_sz.validation import check_period, validate_situation

WGA = (
    "personen:\n  anna: {leeftijd: 45, loon: 600, arbeidsongeschiktheidspercentage: 50, wia_dagloon: 140, wia_maanden_sinds_aanvang: 30}\n"
    "huishoudens:\n  h: {aanvragers: [anna], huur: 650}\n"
)


def _run(tmp_path, text, *args, tbs, monkeypatch, capsys, name="s.yaml"):
    from openfisca_nl_sz import cli

    (tmp_path / name).write_text(text, encoding="utf-8")
    monkeypatch.setattr("openfisca_nl_sz.system.CountryTaxBenefitSystem", lambda: tbs)
    code = cli.main(["calc", str(tmp_path / name), *args])
    out, err = capsys.readouterr()
    return subprocess.CompletedProcess(args, code, out, err)


@pytest.mark.parametrize("period", ["2024-01", "2025-07", "2026-12"])
def test_the_covered_range_is_accepted_at_both_ends(period):
    assert check_period(period, "x", "--period") == period


@pytest.mark.parametrize("period", ["2023-12", "2027-01"])
def test_just_outside_the_range_is_refused_naming_it(period):
    with pytest.raises(InputError) as info:
        check_period(period, "x", "--period")
    assert "2024-01" in str(info.value) and "2026-12" in str(info.value)


def test_override_lets_a_computed_variable_be_set_on_purpose(tmp_path, tbs, monkeypatch, capsys):
    text = WGA.replace("huur: 650}", "huur: 650, bijstand: 123.45}")
    refused = _run(tmp_path, text, "--period", "2026-01", "--vars", "bijstand", tbs=tbs, monkeypatch=monkeypatch, capsys=capsys)
    assert refused.returncode == 2 and "--override bijstand" in refused.stderr
    result = _run(tmp_path, text, "--period", "2026-01", "--vars", "bijstand", "--format", "json", "--override", "bijstand",
                  tbs=tbs, monkeypatch=monkeypatch, capsys=capsys)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["huishoudens"]["h"]["bijstand"] == pytest.approx(123.45, abs=0.01)


def test_whole_number_ids_are_accepted_as_text(tmp_path, tbs, monkeypatch, capsys):
    text = WGA.replace("anna", "1")
    result = _run(tmp_path, text, "--period", "2026-01", "--vars", "wga_vervolguitkering", "--format", "json",
                  tbs=tbs, monkeypatch=monkeypatch, capsys=capsys)
    assert result.returncode == 0, result.stderr
    # WIA art. 61 lid 6: AO 50 % -> 35 % of the minimumloon incl. vakantiebijslag: 0,35 x 2.294,40 x 1,08 = 867,28
    assert json.loads(result.stdout)["personen"]["1"]["wga_vervolguitkering"] == pytest.approx(867.28, abs=0.01)


def test_the_validated_situation_is_cleaned(tbs):
    situation = {"personen": {1: {"leeftijd": 45, "loon": "600"}, "bob": {"leeftijd": 12}},
                 "huishoudens": {"h": {"aanvrager": 1, "kinderen": ["bob"], "huur": {"2026-01": 650}}}}
    cleaned = validate_situation(tbs, situation, "2026-01", "test")
    assert cleaned["personen"]["1"] == {"leeftijd": 45, "loon": 600.0}
    assert cleaned["huishoudens"]["h"] == {"aanvragers": ["1"], "kinderen": ["bob"], "huur": {"2026-01": 650}}


def test_a_yaml_anchor_used_a_few_times_is_fine(tmp_path, tbs, monkeypatch, capsys):
    text = ("personen:\n  anna: &adult {leeftijd: 45, loon: 600}\n  bob: *adult\n"
            "huishoudens:\n  h: {aanvragers: [anna], partners: [bob]}\n")
    result = _run(tmp_path, text, "--period", "2026-01", "--vars", "loon", tbs=tbs, monkeypatch=monkeypatch, capsys=capsys)
    assert result.returncode == 0, result.stderr


def test_input_error_text_is_one_short_line():
    error = InputError("f.yaml", "x", "line one\nline two " + "y" * 500)
    assert "\n" not in str(error) and len(str(error)) <= MAX_MESSAGE


def test_variables_defaults_lists_every_input_with_a_reason(tbs, monkeypatch, capsys):
    from openfisca_nl_sz import cli
    from openfisca_nl_sz.validation.defaults import DEFAULT_REASONS, REQUIRED
    from openfisca_nl_sz.validation.situations import accepts_input

    monkeypatch.setattr("openfisca_nl_sz.system.CountryTaxBenefitSystem", lambda: tbs)
    assert cli.main(["variables", "--defaults"]) == 0
    rows = {line.split()[0]: line for line in capsys.readouterr().out.splitlines()}
    inputs = {n for n in tbs.variables if accepts_input(tbs, n) and not n.endswith("_opgegeven")}
    assert set(rows) == inputs
    assert "(required)" in rows["leeftijd"]  # issue 12.7: no silent 40
    assert "(formula)" in rows["resterende_verdiencapaciteit"]
    missing = sorted(inputs - set(DEFAULT_REASONS) - set(REQUIRED))
    assert not missing, f"give these inputs a reason in validation/defaults.py: {missing}"
    assert rows["zt_woonlandfactor"].split()[2] == "1.0"
