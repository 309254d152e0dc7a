"""The harms that `nlsz scan` must find unprompted, from the default config (issue 5, "Must show").

The default config only lists ordinary households and every axis; nothing in it points at these
harms. Each expected location comes from the law, not from the code:
- WIA art. 5 / 54: no WIA below 35% arbeidsongeschiktheid;
- WIA art. 60–61: below 50% of the resterende verdiencapaciteit, the vervolguitkering replaces the
  loonaanvullingsuitkering;
- WIA art. 59 lid 1: the loongerelateerde uitkering lasts at least 3 months (months 0, 1, 2);
- Toeslagenwet art. 6–7: the partner's earnings (above the vrijlating) are deducted in full;
- Participatiewet art. 19a / 22a: a resident of 27 or older is a kostendeler;
- Participatiewet art. 34 lid 3 (2026): vermogensgrens € 8.000 single, € 16.000 gezin/alleenstaande ouder;
- Awir art. 7 lid 3, huurtoeslag 2026: vermogensgrens € 38.479 single (Stcrt. 2025, 40487);
- Participatiewet art. 31 lid 2 onder n: the inkomstenvrijlating lasts at most 6 months.
"""


def _findings(scan, kind, axis_name):
    return [f for f in scan["findings"] if f["kind"] == kind and f["axis_name"] == axis_name]


def _caused_by(finding, variable):
    return any(c["variable"] == variable for c in finding["causes"])


def test_wia_35_percent_threshold(default_scan):
    hits = [f for f in _findings(default_scan, "cliff", "arbeidsongeschiktheidspercentage")
            if {f["axis_from"], f["axis_to"]} == {34, 35}]
    assert hits, "the WIA toegangsgrens of 35% was not found"
    assert any(f["axis_from"] == 35 and f["axis_to"] == 34 for f in hits)  # income is lost going down
    assert any(any(c["regeling"] == "WIA" and c["effect"] < 0 for c in f["causes"]) for f in hits)


def test_loonaanvulling_to_vervolguitkering_at_the_inkomenseis(default_scan):
    hits = [f for f in _findings(default_scan, "cliff", "loon")
            if _caused_by(f, "wga_loonaanvullingsuitkering") and _caused_by(f, "wga_vervolguitkering")]
    assert hits
    for f in hits:
        assert abs(f["axis_from"] - f["axis_to"]) <= 1  # located to the euro
        assert f["axis_to"] < f["axis_from"]  # the loss comes with earning less


def test_end_of_the_loongerelateerde_uitkering(default_scan):
    hits = [f for f in _findings(default_scan, "cliff", "wia_maanden_sinds_aanvang")
            if _caused_by(f, "wga_loongerelateerde_uitkering")]
    assert any(f["axis_from"] == 2 and f["axis_to"] == 3 for f in hits)


def test_toeslagenwet_partner_income_test(default_scan):
    hits = [f for f in _findings(default_scan, "hoge_marginale_druk", "loon@partner")
            if f.get("rate_basis") == "toeslagenwet_toeslag"]
    assert hits, "the TW partner-income test was not found"
    assert max(f["rate"] for f in hits) >= 1.0
    assert all(f["band"] >= 250 for f in hits)


def test_kostendelersnorm_when_a_medebewoner_turns_27(default_scan):
    hits = [f for f in _findings(default_scan, "cliff", "leeftijd@medebewoner")
            if _caused_by(f, "bijstand")]
    assert any(f["axis_from"] == 26 and f["axis_to"] == 27 for f in hits)
    rules = {r["variable"] for f in hits for r in f["rules"]}
    assert "bijstandsnorm" in rules


# Pw art. 34 lid 3: € 8.000 / € 16.000 in 2026, € 7.770 / € 15.540 in 2025 (Normenbrief; research §5.3).
BIJSTAND_ASSET_LIMITS = {"2026-01": {8000, 16000}, "2025-01": {7770, 15540}}
# Awir art. 7 lid 3, huurtoeslag: € 38.479 in 2026 (Stcrt. 2025, 40487), € 37.395 in 2025 (Stcrt. 2024, 38492).
HUURTOESLAG_ASSET_LIMIT = {"2026-01": 38479, "2025-01": 37395}


def test_every_period_of_the_config_is_scanned(default_scan):
    assert {f["period"] for f in default_scan["findings"]} == set(BIJSTAND_ASSET_LIMITS)


def test_bijstand_asset_limit(default_scan):
    hits = [f for f in _findings(default_scan, "cliff", "vermogen") if _caused_by(f, "bijstand")]
    for period, limits in BIJSTAND_ASSET_LIMITS.items():
        assert any(f["period"] == period and f["axis_from"] in limits and f["axis_to"] == f["axis_from"] + 1
                   for f in hits), period


def test_huurtoeslag_asset_limit(default_scan):
    hits = [f for f in _findings(default_scan, "cliff", "vermogen") if _caused_by(f, "huurtoeslag")]
    for period, limit in HUURTOESLAG_ASSET_LIMIT.items():
        assert any(f["period"] == period and (f["axis_from"], f["axis_to"]) == (limit, limit + 1) for f in hits), period


def test_end_of_the_bijstand_inkomstenvrijlating(default_scan):
    hits = [f for f in _findings(default_scan, "cliff", "pw_vrijlating_maanden_gebruikt") if _caused_by(f, "bijstand")]
    assert any(f["axis_from"] == 5 and f["axis_to"] == 6 for f in hits)


def test_every_finding_has_the_contract_fields(default_scan):
    required = {"id", "kind", "severity", "axis", "axis_from", "axis_to", "period", "besteedbaar_inkomen_from",
                "besteedbaar_inkomen_to", "household", "causes", "threshold"}
    assert default_scan["findings"]
    for finding in default_scan["findings"]:
        assert required <= set(finding)
        assert finding["kind"] in {"cliff", "inkomensval", "hoge_marginale_druk", "onder_sociaal_minimum", "samenloop"}
        for cause in finding["causes"]:
            assert {"variable", "delta", "reference"} <= set(cause)
            assert cause["reference"].startswith("https://wetten.overheid.nl/")


def test_severity_crosses_the_threshold(default_scan):
    for finding in default_scan["findings"]:
        if finding["kind"] == "cliff":
            assert finding["severity"] >= finding["threshold"]["min_change"]
            assert finding["besteedbaar_inkomen_from"] >= finding["besteedbaar_inkomen_to"] - 0.01 or finding["axis"] == "samenstelling"


def test_onder_sociaal_minimum_shows_why_the_bijstand_does_not_fill_the_gap(default_scan):
    """Above the asset limit (Pw art. 34 lid 3: € 8.000 for a single in 2026) there is no bijstand."""
    hits = [f for f in default_scan["findings"] if f["kind"] == "onder_sociaal_minimum" and f["axis"] == "vermogen"]
    assert hits
    for finding in hits:
        state = {r["variable"]: r["value"] for r in finding["state"]}
        assert state["pw_recht_op_bijstand"] is False
        assert state["pw_vermogen"] > state["pw_vermogensgrens"]
        assert state["sociaal_minimum_tekort"] >= finding["threshold"]["min_shortfall"]


def test_huurtoeslag_maximum_rent_2025_and_not_2026(default_scan):
    """Wet op de huurtoeslag (2025): above the maximale huurgrens of € 900,07 there is no huurtoeslag at
    all (research §4.1; capelleaandenijssel.nl: a single on a low income loses € 498). From 2026 the
    rent above the limit is simply not counted (Stb. 2024, 425), so the cliff must be gone."""
    hits = [f for f in _findings(default_scan, "cliff", "huur") if _caused_by(f, "huurtoeslag")]
    assert any(f["period"] == "2025-01" and (f["axis_from"], f["axis_to"]) == (900, 901) for f in hits)
    assert not any(f["period"] == "2026-01" and 899 <= f["axis_from"] <= 902 for f in hits)
