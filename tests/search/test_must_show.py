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
- Participatiewet art. 31 lid 2 onder n: the inkomstenvrijlating lasts at most 6 months;
- WW art. 35a / 47: earnings of 87,5% of the old wage end the WW right, so one euro more loses the
  rest of the WW: an inkomensval in one step (issue 11 point 4).
And what issue 11 asks of every finding: a household that can exist, time only forward, kinds that
mean what they say, and axes that reach every threshold the legislation holds.
"""

from openfisca_nl_sz.plausibility import situation_problems
from openfisca_nl_sz.search.axes import TIME_VARIABLES


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
    # earning € 1 less loses more than € 1: a cliff (an inkomensval is a loss while the wage rises)
    hits = [f for f in _findings(default_scan, "cliff", "loon")
            if _caused_by(f, "wga_loonaanvullingsuitkering") and _caused_by(f, "wga_vervolguitkering")]
    assert hits
    for f in hits:
        assert abs(f["axis_from"] - f["axis_to"]) <= 1  # located to the euro
        assert f["axis_to"] < f["axis_from"]  # the loss comes with earning less
        assert f["step"] == "verdient € 1 minder"


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
    assert any(f["axis_from"] == 26 and f["axis_to"] == 27 and f["step"] == "medebewoner wordt 27" for f in hits)
    rules = {r["variable"] for f in hits for r in f["rules"]}
    assert "bijstandsnorm" in rules


# Pw art. 34 lid 3: € 8.000 / € 16.000 in 2026, € 7.770 / € 15.540 in 2025 (Normenbrief; research §5.3).
BIJSTAND_ASSET_LIMITS = {"2026-01": {8000, 16000}, "2025-01": {7770, 15540}}
# Awir art. 7 lid 3, huurtoeslag: € 38.479 in 2026 (Stcrt. 2025, 40487), € 37.395 in 2025 (Stcrt. 2024, 38492);
# for partners twice that (€ 76.958 / € 74.790). Both are the same mechanism: the scan keeps the worse one.
HUURTOESLAG_ASSET_LIMIT = {"2026-01": {38479, 76958}, "2025-01": {37395, 74790}}


def test_every_period_of_the_config_is_scanned(default_scan):
    assert {f["period"] for f in default_scan["findings"]} == set(BIJSTAND_ASSET_LIMITS)


def test_bijstand_asset_limit(default_scan):
    hits = [f for f in _findings(default_scan, "cliff", "vermogen") if _caused_by(f, "bijstand")]
    for period, limits in BIJSTAND_ASSET_LIMITS.items():
        assert any(f["period"] == period and f["axis_from"] in limits and f["axis_to"] == f["axis_from"] + 1
                   and f["step"] == "spaart € 1 meer" for f in hits), period


def test_huurtoeslag_asset_limit(default_scan):
    hits = [f for f in _findings(default_scan, "cliff", "vermogen") if _caused_by(f, "huurtoeslag")]
    for period, limits in HUURTOESLAG_ASSET_LIMIT.items():
        assert any(f["period"] == period and f["axis_from"] in limits and f["axis_to"] == f["axis_from"] + 1 for f in hits), period


def test_end_of_the_bijstand_inkomstenvrijlating(default_scan):
    hits = [f for f in _findings(default_scan, "cliff", "pw_vrijlating_maanden_gebruikt") if _caused_by(f, "bijstand")]
    assert any(f["axis_from"] == 5 and f["axis_to"] == 6 for f in hits)


def test_every_finding_has_the_contract_fields(default_scan):
    required = {"id", "kind", "severity", "axis", "axis_from", "axis_to", "period", "besteedbaar_inkomen_from",
                "besteedbaar_inkomen_to", "household", "causes", "threshold"}
    assert default_scan["findings"]
    for finding in default_scan["findings"]:
        assert required <= set(finding)
        # samenloop is a tag since issue 11, no longer a kind
        assert finding["kind"] in {"cliff", "inkomensval", "hoge_marginale_druk", "onder_sociaal_minimum"}
        assert isinstance(finding["step"], str) and finding["step"]
        assert set(finding["tags"]) <= {"samenloop"}
        for cause in finding["causes"]:
            assert {"variable", "delta", "reference"} <= set(cause)
            assert cause["reference"].startswith("https://wetten.overheid.nl/")


def test_severity_crosses_the_threshold(default_scan):
    for finding in default_scan["findings"]:
        if finding["kind"] == "cliff":
            assert finding["severity"] >= finding["threshold"]["min_change"]
            assert finding["besteedbaar_inkomen_from"] >= finding["besteedbaar_inkomen_to"] - 0.01 or finding["axis"] == "samenstelling"


def test_onder_sociaal_minimum_is_never_a_household_living_off_its_assets(default_scan):
    """Above the asset limit (Pw art. 34 lid 3: € 8.000 for a single in 2026) there is no bijstand because
    the law expects the gezin to live off its assets first: that is the asset-limit cliff, not a gap in
    the safety net. Every onder_sociaal_minimum finding is a gezin within the asset limit, and shows
    why the bijstand does not fill its gap."""
    for finding in default_scan["findings"]:
        if finding["kind"] != "onder_sociaal_minimum":
            continue
        state = {r["variable"]: r["value"] for r in finding["state"]}
        assert state["pw_vermogen"] <= state["pw_vermogensgrens"], finding["id"]
        assert state["sociaal_minimum_tekort"] >= finding["threshold"]["min_shortfall"]


def test_huurtoeslag_maximum_rent_2025_and_not_2026(default_scan):
    """Wet op de huurtoeslag (2025): above the maximale huurgrens of € 900,07 there is no huurtoeslag at
    all (research §4.1; capelleaandenijssel.nl: a single on a low income loses € 498). From 2026 the
    rent above the limit is simply not counted (Stb. 2024, 425), so the cliff must be gone."""
    hits = [f for f in _findings(default_scan, "cliff", "huur") if _caused_by(f, "huurtoeslag")]
    assert any(f["period"] == "2025-01" and (f["axis_from"], f["axis_to"]) == (900, 901) for f in hits)
    assert not any(f["period"] == "2026-01" and 899 <= f["axis_from"] <= 902 for f in hits)


def test_ww_end_is_an_inkomensval(default_scan):
    """Earning € 1 more ends the WW (WW art. 35a: income of 87,5% of the old maandloon): besteedbaar
    inkomen falls while the wage rises, in one step. That is an inkomensval, not a cliff."""
    hits = [f for f in _findings(default_scan, "inkomensval", "loon")
            if any(c["variable"] == "ww_uitkering" and c["effect"] < 0 for c in f["causes"])]
    assert hits, "the WW-end inkomensval was not found"
    for f in hits:
        assert f["axis_to"] == f["axis_from"] + 1 and f["step"] == "verdient € 1 meer"
        assert f["besteedbaar_inkomen_from"] - f["besteedbaar_inkomen_to"] >= f["threshold"]["min_loss"]
    assert not [f for f in _findings(default_scan, "cliff", "loon") if f["axis_to"] > f["axis_from"]]


def test_every_household_in_every_finding_can_exist(default_scan, tbs):
    for finding in default_scan["findings"]:
        for side in ("household", "household_to"):
            assert situation_problems(tbs, finding[side], finding["period"]) == [], (finding["id"], side)


def test_no_finding_steps_backwards_in_time(default_scan):
    timed = [f for f in default_scan["findings"] if f["axis"] in TIME_VARIABLES]
    assert any(f["axis"] == "leeftijd" for f in timed)
    for finding in timed:
        assert finding["axis_to"] >= finding["axis_from"], (finding["axis_name"], finding["axis_from"], finding["axis_to"])
        if finding["axis_to"] > finding["axis_from"] and finding["axis"] == "leeftijd":
            assert finding["step"].endswith(f"wordt {finding['axis_to']}")
    # compositions only go one way too: someone joins
    assert all(f["step"].endswith("komt erbij") for f in default_scan["findings"] if f["axis"] == "samenstelling")


def test_a_high_marginal_rate_carries_its_rate_and_band(default_scan):
    """Severity of a hoge_marginale_druk = what is lost of a € 100 raise inside the band (100 × rate)."""
    hits = [f for f in default_scan["findings"] if f["kind"] == "hoge_marginale_druk"]
    assert hits
    for f in hits:
        assert f["band_from"] == f["axis_from"] < f["band_to"] == f["axis_to"]
        assert f["band_to"] - f["band_from"] >= f["threshold"]["min_band"]
        assert abs(f["severity"] - round(100 * f["rate"], 2)) < 0.01


def test_plain_attribution_adds_up_to_the_loss(default_scan):
    for f in default_scan["findings"]:
        if f["kind"] in ("cliff", "inkomensval") and f["axis"] != "samenstelling":
            loss = round(f["besteedbaar_inkomen_from"] - f["besteedbaar_inkomen_to"], 2)
            assert abs(sum(item["amount"] for item in f["samenloop_attribution"]) - loss) <= 0.011, f["id"]
    tagged = [f for f in default_scan["findings"] if "samenloop" in f["tags"]]
    assert tagged and all(len(f["samenloop_regelingen"]) >= 2 for f in tagged)


def test_tw_partner_income_test_is_attributed_to_the_toeslagenwet(default_scan):
    """The issue's example read "Toeslagenwet € 0, Participatiewet € 946": the plain attribution must
    show the Toeslagenwet's own take-back."""
    hits = [f for f in _findings(default_scan, "hoge_marginale_druk", "loon@partner")
            if f.get("rate_basis") == "toeslagenwet_toeslag"]
    assert hits
    for f in hits:
        first = f["samenloop_attribution"][0]
        assert first["regeling"] == "Toeslagenwet" and first["amount"] > 0
        assert first["plain"].startswith("de Toeslagenwet neemt € ")


def test_the_default_scan_crosses_the_thresholds_of_the_law(default_scan):
    """Threshold coverage (issue 11 point 5): at least 95% of the thresholds in force in the scanned
    months are crossed, and those that are not are listed by parameter name."""
    coverage = default_scan["coverage"]
    assert coverage["thresholds_in_force"] >= 100  # about 90 per month, 2 months
    assert coverage["share"] >= 0.95
    assert coverage["crossed"] + len(coverage["not_crossed"]) == coverage["thresholds_in_force"]
    crossed = {(t["period"], t["parameter"]) for t in coverage["thresholds"] if t["crossed"]}
    # the asset limits that the hand-set € 60.000 hid: kindgebonden budget and zorgtoeslag (Awir art. 7)
    for period in ("2026-01", "2025-01"):
        assert (period, "kindgebonden_budget.vermogensgrens.partner") in crossed
        assert (period, "zorgtoeslag.vermogensgrens.alleenstaande") in crossed
    for row in coverage["not_crossed"]:
        assert row["parameter"] and row["axis"]


def test_the_vermogen_axis_reaches_past_the_highest_asset_limit(default_config):
    """No hand-set upper bound hides a legal threshold: the highest asset limit in force is the
    zorgtoeslag / kindgebonden budget limit for partners, € 184.633 in 2026 (Awir art. 7 lid 3)."""
    vermogen = [spec for spec in default_config.axes if spec.variable == "vermogen"][0]
    assert vermogen.high >= 184633 * 1.1
    assert {184633, 184632} <= set(vermogen.law_points)
