"""`nlsz calc` on a situation that gives an input with a formula default for one person only.

The couple of issue 12 (worked out by hand in tests/metamorphic/gedeeltelijke_invoer.yaml, 2026-01;
Wet WIA art. 60-62, https://wetten.overheid.nl/BWBR0019057/2025-01-01): both WGA 50 %, dagloon 150,
month 31 of the WIA. Anna earns 1.500 and gives her resterende verdiencapaciteit (1.500); Bob gives
none, so his is (1 − 0,50) × 21,75 × 150 = 1.631,25 and he gets the vervolguitkering
0,35 × 2.294,40 × 1,08 = 867,28 — not the loonaanvullingsuitkering 0,70 × 3.262,50 = 2.283,75 that
an RVC of 0 would give.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

COUPLE = """\
personen:
  anna:
    leeftijd: 45
    loon: 1500
    arbeidsongeschiktheidspercentage: 50
    wia_dagloon: 150
    wia_maanden_sinds_aanvang: 30
    resterende_verdiencapaciteit: {anna_rvc}
  bob:
    leeftijd: 47
    arbeidsongeschiktheidspercentage: 50
    wia_dagloon: 150
    wia_maanden_sinds_aanvang: 30
huishoudens:
  huishouden:
    aanvragers: [anna]
    partners: [bob]
"""


def run_nlsz(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "openfisca_nl_sz.cli", *args],
                          capture_output=True, text=True, timeout=60, cwd=ROOT)


def test_calc_gives_bob_his_own_formula_value(tmp_path):
    path = tmp_path / "anna_bob.yaml"
    path.write_text(COUPLE.format(anna_rvc=1500))
    result = run_nlsz("calc", str(path), "--period", "2026-01", "--format", "json", "--vars",
                      "resterende_verdiencapaciteit,wga_loonaanvullingsuitkering,wga_vervolguitkering,wia_uitkering")
    assert result.returncode == 0, result.stderr
    personen = json.loads(result.stdout)["personen"]
    assert personen["bob"]["resterende_verdiencapaciteit"] == 1631.25
    assert personen["bob"]["wga_vervolguitkering"] == 867.28
    assert personen["bob"]["wga_loonaanvullingsuitkering"] == 0
    assert personen["bob"]["wia_uitkering"] == 867.28
    # Anna: income 1.500 × 1,08 = 1.620 ≥ her RVC 1.500 → 0,70 × (3.262,50 − 1.620) = 1.149,75
    assert personen["anna"]["resterende_verdiencapaciteit"] == 1500
    assert personen["anna"]["wga_loonaanvullingsuitkering"] == 1149.75


def test_calc_refuses_a_negative_value_for_the_given_input(tmp_path):
    """-1 is how the mechanism marks "not given"; a user cannot write it (nor any negative RVC)."""
    path = tmp_path / "negatief.yaml"
    path.write_text(COUPLE.format(anna_rvc=-1))
    result = run_nlsz("calc", str(path), "--period", "2026-01")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "personen.anna.resterende_verdiencapaciteit" in result.stderr and "allowed" in result.stderr
