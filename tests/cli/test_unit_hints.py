"""`nlsz calc` warns about an input that looks like another unit, and still computes it as given.

The bounds are read from the legislation of the month (validation/unit_hints.py); the amounts in
these tests are those of 2026-01: maximum dagloon € 304,25 (Wfsv art. 17; Regeling
premiepercentages 2026, Stcrt. 2025, 42324: 79.409 / 261) and the Zvw maximum bijdrage-inkomen of
€ 79.409 a year (Zvw art. 45, https://wetten.overheid.nl/BWBR0018450/2025-01-01#Artikel45).
"""

from __future__ import annotations

import pytest

from openfisca_nl_sz.validation.unit_hints import hints

M = "2026-01"


def _person(**inputs) -> dict:
    return {"personen": {"anna": {"leeftijd": 45, **inputs}}, "huishoudens": {"h": {"aanvragers": ["anna"]}}}


@pytest.mark.parametrize("inputs, words", [
    ({"arbeidsongeschiktheidspercentage": 0.5}, ["personen.anna.arbeidsongeschiktheidspercentage", "0.5%", "write 50"]),
    ({"arbeidsongeschiktheidspercentage": {M: 0.35}}, ["computed as 0.35%", "write 35"]),
    ({"wia_dagloon": 913}, ["personen.anna.wia_dagloon", "€ 913", "€ 304,25", "per day"]),  # 913 > 3 x 304,25 = 912,75
    ({"ww_dagloon": 3000}, ["personen.anna.ww_dagloon", "€ 3.000"]),
    ({"loon": 79409.01}, ["personen.anna.loon", "€ 79.409,01 per month", "€ 79.409)", "divided by 12"]),
])
def test_an_input_that_looks_like_another_unit_is_named_with_how_to_write_it(tbs, inputs, words):
    found = hints(tbs, _person(**inputs), M)
    assert len(found) == 1, found
    for word in words:
        assert word in found[0], (word, found[0])


@pytest.mark.parametrize("inputs", [
    {"arbeidsongeschiktheidspercentage": 1}, {"arbeidsongeschiktheidspercentage": 0},
    {"arbeidsongeschiktheidspercentage": 50}, {"wia_dagloon": 912.75}, {"ww_dagloon": 304.25},
    {"loon": 79409}, {"loon": 2500}, {"vermogen": 0.5},
])
def test_ordinary_inputs_and_the_bounds_themselves_give_no_warning(tbs, inputs):
    assert hints(tbs, _person(**inputs), M) == []


def test_calc_prints_the_warning_and_still_computes(tmp_path, monkeypatch, capsys, tbs):
    from openfisca_nl_sz import cli

    monkeypatch.setattr("openfisca_nl_sz.system.CountryTaxBenefitSystem", lambda: tbs)
    situation = tmp_path / "fractie.yaml"
    situation.write_text("personen:\n  anna:\n    leeftijd: 45\n    arbeidsongeschiktheidspercentage: 0.5\n"
                         "    wia_dagloon: 140\n    wia_maanden_sinds_aanvang: 3\n"
                         "huishoudens:\n  h:\n    aanvragers: [anna]\n", encoding="utf-8")
    code = cli.main(["calc", str(situation), "--period", M, "--vars", "wia_uitkering", "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 0
    # 0.5% is below the 35% toegangsgrens (WIA art. 5): no WIA benefit, computed as given
    assert '"wia_uitkering": 0.0' in out
    warnings = [line for line in err.splitlines() if line.startswith("nlsz: warning:")]
    assert len(warnings) == 1 and "write 50" in warnings[0], err
