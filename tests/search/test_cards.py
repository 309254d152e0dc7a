"""Cards: findings grouped into one card per mechanism (issue 11 points 1 and 6)."""

import copy

import pytest

from openfisca_nl_sz.errors import InputError
from openfisca_nl_sz.search.cards import build_cards, check_expected, check_grades, grade_of, paragraph

PW19 = "https://wetten.overheid.nl/BWBR0015703/2026-01-01#Artikel19"
PW19A = "https://wetten.overheid.nl/BWBR0015703/2026-01-01#Artikel19a"
PW34 = "https://wetten.overheid.nl/BWBR0015703/2026-01-01#Artikel34"
IB = "https://wetten.overheid.nl/BWBR0011353/2025-01-01#Artikel2.10"


def _finding(fid, severity, period="2026-01", member="medebewoner", role="medebewoner", axis="leeftijd",
             frm=26, to=27, kind="cliff", net_from=2000.0, rules=None, causes=None, **extra):
    members = [{"id": "aanvrager", "role": "aanvrager", "inputs": {"leeftijd": 55}},
               {"id": member, "role": role, "inputs": {"leeftijd": frm}}]
    finding = {
        "id": fid, "kind": kind, "severity": severity, "axis": axis, "axis_member": member,
        "axis_name": f"{axis}@{member}", "axis_from": frm, "axis_to": to, "period": period,
        "besteedbaar_inkomen_from": net_from, "besteedbaar_inkomen_to": net_from - severity,
        "template": {"members": members, "inputs": {}},
        "causes": causes if causes is not None else [
            {"variable": "bijstand", "delta": -severity, "effect": -severity, "regeling": "Participatiewet", "reference": PW19}],
        "rules": rules if rules is not None else [
            {"variable": "pw_kostendelende_medebewoner", "member": member, "from": False, "to": True, "reference": PW19A},
            {"variable": "bijstandsnorm", "member": "huishouden", "from": 1401.5, "to": 1001.07, "reference": PW19}],
        "regelingen": ["Participatiewet"],
    }
    finding.update(extra)
    return finding


def test_one_mechanism_one_card_with_its_variants_and_a_typical_household():
    # The kostendelersnorm at 27 seen for a medebewoner and for a kind, in two periods.
    findings = [_finding("a", 400.43), _finding("b", 384.41, period="2025-01"),
                _finding("c", 900.0, member="kind1", role="kind"), _finding("d", 390.0, member="kind1", role="kind", period="2025-01")]
    cards = build_cards(findings)
    assert len(cards) == 1
    card = cards[0]
    assert len(card["variants"]) == 4 and card["periods"] == ["2025-01", "2026-01"]
    assert card["severity"]["min"] == 384.41 and card["severity"]["max"] == 900.0
    # Median of 384.41, 390, 400.43, 900 is (390 + 400.43) / 2 = 395.215: the closest variant is 390
    # (5.215 away; 400.43 is 5.215 away too, and the tie goes to ... the smaller household, both
    # have two members, then the id: "a" < "d"). Not the extreme 900.
    assert card["severity"]["median"] == 395.21 or card["severity"]["median"] == 395.22
    assert card["typical_finding"] in {"a", "d"} and card["typical_finding"] != "c"
    # The key article is the condition that flips (art. 19a), not the payment's own article 19.
    assert [a["label"] for a in card["articles"]][0] == "Participatiewet art. 19a"
    assert all(f["card_id"] == card["id"] for f in findings)


def test_typical_household_is_the_median_not_the_worst():
    findings = [_finding(str(i), s) for i, s in enumerate([100.0, 200.0, 900.0])]
    card = build_cards(findings)[0]
    assert card["typical_finding"] == "1"  # severity 200 = the median of 100, 200, 900
    implausible = [_finding("x", 200.0, plausible=False), _finding("y", 100.0), _finding("z", 900.0)]
    card = build_cards(implausible)[0]
    # Median of the plausible ones (100, 900) is 500: both 400 away, tie to the id "y".
    assert card["typical_finding"] == "y"


def test_card_ids_are_stable_and_tell_mechanisms_apart():
    one = build_cards([_finding("a", 400.0), _finding("b", 380.0, period="2025-01")])
    other_order = build_cards([_finding("b", 380.0, period="2025-01"), _finding("a", 400.0)])
    assert one[0]["id"] == other_order[0]["id"]
    # A different period set or severity does not change the id; a different direction or article does.
    again = build_cards([_finding("q", 120.0, period="2024-07")])
    assert again[0]["id"] == one[0]["id"]
    backwards = build_cards([_finding("a", 400.0, frm=27, to=26)])
    asset = build_cards([_finding("v", 1401.5, axis="vermogen", member="aanvrager", role="aanvrager", frm=8000, to=8001,
                                  rules=[{"variable": "pw_vermogen_onder_grens", "member": "aanvrager", "from": True,
                                          "to": False, "reference": PW34}])])
    assert len({one[0]["id"], backwards[0]["id"], asset[0]["id"]}) == 3


def test_tax_that_softens_the_loss_is_not_a_cause_of_the_mechanism():
    causes = [{"variable": "toeslagenwet_toeslag", "delta": -908.56, "effect": -908.56, "regeling": "Toeslagenwet",
               "reference": "https://wetten.overheid.nl/BWBR0004043/2025-07-01#Artikel8"},
              {"variable": "inkomstenbelasting", "delta": -254.08, "effect": 254.08, "regeling": "Inkomstenbelasting", "reference": IB}]
    card = build_cards([_finding("t", 654.48, causes=causes, rules=[])])[0]
    assert card["causes"] == ["toeslagenwet_toeslag"] and card["regelingen"] == ["Toeslagenwet"]


def test_old_style_samenloop_copy_tags_the_card_and_gives_plain_attribution():
    harm = _finding("h", 400.0)
    copy_ = copy.deepcopy(harm)
    copy_.update(id="s", kind="samenloop", samenloop_of="cliff", severity=120.0, harm_severity=400.0,
                 attribution={"loss": 400.0, "single": {"Participatiewet": 330.0, "Toeslagenwet": -50.0}, "pairs": [],
                              "non_additive": 120.0})
    cards = build_cards([harm, copy_])
    assert len(cards) == 1
    card = cards[0]
    assert card["tags"] == ["samenloop"]
    assert len(card["variants"]) == 1 and card["severity"]["typical"] == 400.0  # the copy is not a variant
    assert [a["amount"] for a in card["samenloop_attribution"]] == [330.0, -50.0]
    assert card["samenloop_attribution"][1]["plain"] == "Toeslagenwet geeft terug € 50,00 per maand"
    assert copy_["card_id"] == card["id"]


def test_grades_from_configurable_bounds():
    grades = check_grades({"ernstig": {"euro_per_month": 100, "share": 0.05},
                           "zeer_ernstig": {"euro_per_month": 400, "share": 0.2}}, "scan.yaml")
    assert grade_of(450.0, 0.1, grades) == "zeer ernstig"   # € 450 >= € 400
    assert grade_of(150.0, 0.21, grades) == "zeer ernstig"  # 21% of income >= 20%
    assert grade_of(150.0, 0.03, grades) == "ernstig"       # € 150 >= € 100
    assert grade_of(50.0, 0.06, grades) == "ernstig"        # 6% >= 5%
    assert grade_of(50.0, 0.01, grades) == "licht"
    assert grade_of(50.0, None, grades) == "licht"


@pytest.mark.parametrize("grades, field", [
    ({"ernstig": {"euro_per_month": 100, "share": 1.5}}, "grades.ernstig.share"),
    ({"zeer_ernstig": {"euro_per_month": 50, "share": 0.2}}, "grades.zeer_ernstig.euro_per_month"),
    ({"ernstig": {"euro": 100}}, "grades.ernstig.euro"),
    ({"vreselijk": {}}, "grades.vreselijk"),
    ("veel", "grades"),
])
def test_bad_grades_stop_with_one_line_naming_the_field(grades, field):
    with pytest.raises(InputError) as error:
        check_grades(grades, "scan.yaml")
    assert field in str(error.value) and "\n" not in str(error.value)


def test_bad_expected_stops_with_one_line_naming_the_field(tbs):
    from openfisca_nl_sz.search.config import parse_config

    with pytest.raises(InputError) as error:
        parse_config({"expected": [{"name": "x", "kind": "klif"}]}, "scan.yaml", tbs)
    assert "expected[0].kind" in str(error.value) and "cliff" in str(error.value)
    with pytest.raises(InputError) as error:
        check_expected([{"name": "x", "kind": "cliff", "as": "loon"}], "scan.yaml")
    assert "expected[0].as" in str(error.value)


# -- the default scan (shared fixture of tests/search/conftest.py) ---------------------------------

def test_the_default_scan_gives_at_most_30_cards(default_scan):
    cards = default_scan["cards"]
    assert 5 <= len(cards) <= 30, [c["title"] for c in cards]
    ids = {c["id"] for c in cards}
    assert len(ids) == len(cards)
    for finding in default_scan["findings"]:
        assert finding["card_id"] in ids


def test_the_expected_harms_of_the_config_all_come_back_as_cards(default_scan):
    missing = [e["name"] for e in default_scan["expected"] if not e["found"]]
    assert len(default_scan["expected"]) == 8
    assert missing == []


def test_cards_are_sorted_by_severity_times_reach(default_scan):
    keys = [c["severity"]["typical"] * ((c.get("reach") or {}).get("share") or 0.0) for c in default_scan["cards"]]
    assert keys == sorted(keys, reverse=True)


def test_reach_is_a_share_of_the_sample_and_every_breakdown_adds_up(default_scan):
    estimated = [c for c in default_scan["cards"] if c["reach"].get("share") is not None]
    assert estimated and any(c["reach"]["households"] > 0 for c in estimated)
    for card in estimated:
        reach = card["reach"]
        assert 0 <= reach["households"] <= reach["sample"]
        assert reach["share"] == round(reach["households"] / reach["sample"], 4)
        assert "synthetische" in reach["caveat"]
        assert set(reach["by_group"]) == {"huishoudtype", "leeftijd aanvrager", "AO-klasse", "inkomensdeciel"}
        for group, rows in reach["by_group"].items():
            assert sum(r["households"] for r in rows) == reach["sample"], group
            assert sum(r["in_reach"] for r in rows) == reach["households"], group
    # Someone moving in is no step of the population: said so, not a silent zero.
    for card in default_scan["cards"]:
        if card["axis"].startswith("samenstelling"):
            assert card["reach"]["share"] is None and "inwonen" in card["reach"]["why"]


def test_left_below_the_minimum_by_the_same_step_tags_that_card():
    """The bijstand asset limit (Pw art. 34 lid 3: € 8.000 for a single in 2026) as a cliff of
    € 1.401,50 and as an onder_sociaal_minimum finding of the same step: one card, tagged."""
    asset_rule = [{"variable": "pw_vermogen_onder_grens", "member": "aanvrager", "from": True, "to": False, "reference": PW34}]
    cliff = _finding("c", 1401.5, axis="vermogen", member="aanvrager", role="aanvrager", frm=8000, to=8001, rules=asset_rule)
    short = _finding("s", 1250.0, axis="vermogen", member="aanvrager", role="aanvrager", frm=8000, to=8001,
                     kind="onder_sociaal_minimum", rules=asset_rule)
    cards = build_cards([cliff, short])
    assert len(cards) == 1
    card = cards[0]
    assert card["kind"] == "cliff" and "onder sociaal minimum" in card["tags"]
    assert card["severity"]["typical"] == 1401.5 and len(card["variants"]) == 1
    assert card["shortfall_max"] == 1250.0 and short["card_id"] == card["id"]
    # Without a cliff of the same step the shortfall stays a card of its own.
    alone = build_cards([copy.deepcopy(short)])
    assert alone[0]["kind"] == "onder_sociaal_minimum"


def test_the_aow_age_is_one_mechanism_whichever_benefit_ends():
    """At the pensioengerechtigde leeftijd (AOW art. 7a) the WIA, the WW and the Toeslagenwet end at
    once and the AOW begins: one card, keyed on AOW art. 7a, not one card per benefit that ended."""
    wia = "https://wetten.overheid.nl/BWBR0019057/2025-01-01#Artikel"
    ww = "https://wetten.overheid.nl/BWBR0004045/2024-01-01#Artikel"
    aow_rule = {"variable": "aow_leeftijd_bereikt", "member": "aanvrager", "from": False, "to": True,
                "reference": "https://wetten.overheid.nl/BWBR0002221/2026-01-01#Artikel7a"}
    iva = _finding("iva", 535.0, member="aanvrager", role="aanvrager", frm=66, to=67,
                   causes=[{"variable": "iva_uitkering", "delta": -4078.12, "effect": -4078.12, "regeling": "WIA",
                            "reference": wia + "51"},
                           {"variable": "aow_uitkering", "delta": 1744.12, "effect": 1744.12, "regeling": "AOW",
                            "reference": "https://wetten.overheid.nl/BWBR0002221/2026-01-01#Artikel9"}],
                   rules=[aow_rule, {"variable": "wia_heeft_recht", "member": "aanvrager", "from": True, "to": False,
                                     "reference": wia + "5"}])
    werkloos = _finding("ww", 142.86, member="aanvrager", role="aanvrager", frm=66, to=67,
                        causes=[{"variable": "ww_uitkering", "delta": -2446.88, "effect": -2446.88, "regeling": "WW",
                                 "reference": ww + "47"}],
                        rules=[aow_rule, {"variable": "ww_loopt", "member": "aanvrager", "from": True, "to": False,
                                          "reference": ww + "19"}])
    cards = build_cards([iva, werkloos])
    assert len(cards) == 1
    card = cards[0]
    assert [a["label"] for a in card["articles"]][0] == "AOW art. 7a"
    assert card["title"].startswith("De uitkering (WIA, WW) stopt en de AOW begint")


def test_a_high_marginal_rate_reads_as_what_is_kept_of_each_100_euro():
    """Severity of a hoge_marginale_druk is the loss of a € 100 raise inside the band (100 x rate):
    the paragraph says so (€ 100 - € 83,72 = € 16,28 kept), not 'loses € 84 a month'."""
    tw8 = "https://wetten.overheid.nl/BWBR0004043/2025-01-01#Artikel8"
    finding = _finding("m", 83.72, member="aanvrager", role="aanvrager", axis="loon", frm=2632, to=2966,
                       kind="hoge_marginale_druk", rate=0.8372, band_from=2632, band_to=2966,
                       causes=[{"variable": "toeslagenwet_toeslag", "delta": -279.6, "effect": -279.6,
                                "regeling": "Toeslagenwet", "reference": tw8}], rules=[])
    card = build_cards([finding])[0]
    text = paragraph(card)
    assert "van elke € 100 bruto extra maar € 16,28 over" in text
    assert "€ 83,72 van elke € 100 wordt teruggenomen" in text
    assert "per maand (" not in text.split(". Oorzaak")[0]


def test_a_benefit_whose_right_ends_is_said_to_stop_and_a_class_change_to_fall():
    """When the WW right itself ends (ww_loopt turns false: WW art. 20, the duration is over) the card
    says the WW stops, as a policy reader says it; when the WGA goes from one class to another (the
    loongerelateerde uitkering ends, the right goes on) it says the amount falls."""
    ww = "https://wetten.overheid.nl/BWBR0004045/2024-01-01#Artikel"
    wia = "https://wetten.overheid.nl/BWBR0019057/2025-01-01#Artikel"
    einde_ww = _finding("ww", 936.42, member="aanvrager", role="aanvrager", axis="ww_maanden_sinds_aanvang", frm=2, to=3,
                        causes=[{"variable": "ww_uitkering", "delta": -2283.75, "effect": -2283.75, "regeling": "WW",
                                 "reference": ww + "47"}],
                        rules=[{"variable": "ww_binnen_uitkeringsduur", "member": "aanvrager", "from": True, "to": False,
                                "reference": ww + "20"},
                               {"variable": "ww_loopt", "member": "aanvrager", "from": True, "to": False, "reference": ww + "20"}])
    card = build_cards([einde_ww])[0]
    assert card["title"] == "De WW-uitkering stopt als de WW-uitkering van de aanvrager 3 maanden loopt"
    einde_lgu = _finding("lgu", 393.55, member="aanvrager", role="aanvrager", axis="wia_maanden_sinds_aanvang", frm=2, to=3,
                         causes=[{"variable": "wga_loongerelateerde_uitkering", "delta": -1800.0, "effect": -1800.0,
                                  "regeling": "WIA", "reference": wia + "59"}],
                         rules=[{"variable": "wga_lgu_loopt", "member": "aanvrager", "from": True, "to": False,
                                 "reference": wia + "58"}])
    card = build_cards([einde_lgu])[0]
    assert card["title"] == "De loongerelateerde WGA-uitkering daalt als de WIA-uitkering van de aanvrager 3 maanden loopt"


def test_a_loss_from_two_regelingen_is_split_in_the_paragraph():
    """A child turning 18 ends the kindgebonden budget (Wet op het kindgebonden budget art. 2: a child
    under 18) and the kinderbijslag (AKW: a child under 18) in the same month. The card is named after
    the larger (€ 580 of a € 720,51 loss, the figures of the default scan's single parent), so the
    paragraph must say that € 140,51 of it is the kinderbijslag; a loss from one regeling gets no split."""
    wkb2 = "https://wetten.overheid.nl/BWBR0022751/2025-01-01#Artikel2"
    akw12 = "https://wetten.overheid.nl/BWBR0002368/2025-01-01#Artikel12"
    finding = _finding(
        "k", 720.51, member="kind1", role="kind", frm=17, to=18, net_from=2251.01,
        causes=[{"variable": "kindgebonden_budget", "delta": -580.0, "effect": -580.0,
                 "regeling": "Kindgebonden budget", "reference": wkb2},
                {"variable": "kinderbijslag", "delta": -140.51, "effect": -140.51,
                 "regeling": "Kinderbijslag", "reference": akw12}],
        rules=[{"variable": "wkb_jaarbedrag", "member": "huishouden", "from": 6960.0, "to": 0.0, "reference": wkb2}],
        samenloop_attribution=[
            {"regeling": "Kindgebonden budget", "plain": "het kindgebonden budget neemt € 580 terug", "amount": 580.0},
            {"regeling": "Kinderbijslag", "plain": "de kinderbijslag neemt € 140,51 terug", "amount": 140.51}],
    )
    card = build_cards([finding])[0]
    text = paragraph(card)
    assert "verliest een huishouden" in text and "€ 721 per maand" in text
    assert ("Per regeling: het kindgebonden budget neemt € 580 terug en de kinderbijslag neemt € 140,51 terug. "
            "Oorzaak:") in text

    alone = build_cards([_finding("a", 400.43)])[0]
    assert "Per regeling" not in paragraph(alone)
    # A split that is not the typical household's own (its parts do not add up to the loss shown) is not said.
    other = dict(card, severity=dict(card["severity"], typical=700.0))
    assert "Per regeling" not in paragraph(other)


def test_a_benefit_that_pays_more_on_balance_is_not_named_as_what_falls():
    """At an AO% of 79 -> 80 (WIA art. 4: volledig arbeidsongeschikt) the WGA-vervolguitkering of
    € 1.201,33 gives way to a loonaanvullingsuitkering of € 1.827: the WIA pays € 625,67 more. The
    household loses € 31,80 because the Toeslagenwet (€ 440,89), the tegemoetkoming alleenverdieners
    (€ 83,33), the taxes (€ 66,25), huurtoeslag (€ 41) and zorgtoeslag (€ 26) take more back (the
    default scan's paar, 2025-01). The card must not say "De WGA-vervolguitkering daalt"."""
    wia = "https://wetten.overheid.nl/BWBR0019057/2025-01-01#Artikel"
    tw8 = "https://wetten.overheid.nl/BWBR0004043/2025-01-01#Artikel8"
    causes = [
        {"variable": "wga_loonaanvullingsuitkering", "delta": 1827.0, "effect": 1827.0, "regeling": "WIA", "reference": wia + "60"},
        {"variable": "wga_vervolguitkering", "delta": -1201.33, "effect": -1201.33, "regeling": "WIA", "reference": wia + "60"},
        {"variable": "toeslagenwet_toeslag", "delta": -440.89, "effect": -440.89, "regeling": "Toeslagenwet", "reference": tw8},
        {"variable": "tegemoetkoming_alleenverdieners", "delta": -83.33, "effect": -83.33,
         "regeling": "Tegemoetkoming alleenverdieners", "reference": "https://wetten.overheid.nl/BWBR0015703/2025-01-01#Artikel78gg"},
        {"variable": "inkomstenbelasting", "delta": 66.25, "effect": -66.25, "regeling": "Inkomstenbelasting", "reference": IB},
    ]
    rules = [{"variable": "wia_volledig_arbeidsongeschikt", "member": "aanvrager", "from": False, "to": True, "reference": wia + "4"}]
    finding = _finding("v", 31.8, period="2025-01", member="aanvrager", role="aanvrager",
                       axis="arbeidsongeschiktheidspercentage", frm=79, to=80, causes=causes, rules=rules)
    card = build_cards([finding])[0]
    assert card["causes"] == ["toeslagenwet_toeslag"]
    assert card["regelingen"] == ["Toeslagenwet"]
    assert card["title"] == ("De toeslag van de Toeslagenwet daalt als het arbeidsongeschiktheidspercentage"
                             " van de aanvrager van 79% naar 80% gaat")
    # The same step where the WIA as a whole falls still names the WIA's part that falls.
    falling = [dict(c, delta=-c["delta"], effect=-c["effect"]) if c["variable"] == "wga_loonaanvullingsuitkering" else c
               for c in causes]
    card = build_cards([_finding("w", 3000.0, member="aanvrager", role="aanvrager", axis="arbeidsongeschiktheidspercentage",
                                 frm=79, to=80, causes=falling, rules=rules)])[0]
    assert card["causes"][0] == "wga_loonaanvullingsuitkering"


def test_nothing_kept_and_a_wage_from_nothing_read_as_words_not_as_zero_cents():
    """The Toeslagenwet's partner-income test takes back all of each extra euro (TW art. 8): the
    paragraph says the household keeps nothing of € 100, not "maar € 0,00"; a wage band that starts at
    no wage reads "van € 0 tot € 271"."""
    from openfisca_nl_sz.search.cards import money

    assert money(0) == "€ 0" and money(0.004) == "€ 0" and money(2.09) == "€ 2,09" and money(1345.45) == "€ 1.345"
    tw8 = "https://wetten.overheid.nl/BWBR0004043/2025-01-01#Artikel8"
    finding = _finding("t", 100.0, member="partner", role="partner", axis="loon", frm=0, to=271,
                       kind="hoge_marginale_druk", rate=1.0, band_from=0, band_to=271,
                       causes=[{"variable": "toeslagenwet_toeslag", "delta": -271.0, "effect": -271.0,
                                "regeling": "Toeslagenwet", "reference": tw8}], rules=[])
    text = paragraph(build_cards([finding])[0])
    assert "(van € 0 tot € 271 bruto per maand)" in text
    assert "van elke € 100 bruto extra niets over: € 100 van elke € 100 wordt teruggenomen" in text


def test_the_bijstand_stops_at_its_asset_limit_and_falls_at_the_kostendelersnorm():
    """Above the asset limit (Pw art. 34) the right to bijstand itself ends (pw_recht_op_bijstand, cited
    with the amount's art. 19): the card says the bijstand stops, as it says the WIA stops at 35%. At the
    kostendelersnorm (a medebewoner turns 27) the norm is lowered and the right goes on: it falls."""
    rules = [{"variable": "pw_recht_op_bijstand", "member": "huishouden", "from": True, "to": False, "reference": PW19},
             {"variable": "pw_vermogen_onder_grens", "member": "huishouden", "from": True, "to": False, "reference": PW34}]
    finding = _finding("g", 1345.45, member="aanvrager", role="aanvrager", axis="vermogen", frm=7770, to=7771, rules=rules)
    card = build_cards([finding])[0]
    assert card["title"] == "De bijstand stopt als het vermogen boven € 7.770 komt"
    assert [a["label"] for a in card["articles"]] == ["Participatiewet art. 34", "Participatiewet art. 19"]
    assert build_cards([_finding("a", 400.43)])[0]["title"] == "De bijstand daalt als een medebewoner 27 jaar wordt"


def test_a_tax_that_takes_more_is_said_to_rise_in_a_title():
    """A step where a payment falls and the tax rises by more than half of that: the tax is named with
    its own verb (a tax that "daalt" would be a gain)."""
    ta = "https://wetten.overheid.nl/BWBR0015703/2026-01-01#Artikel78gg"
    causes = [{"variable": "tegemoetkoming_alleenverdieners", "delta": -83.33, "effect": -83.33,
               "regeling": "Tegemoetkoming alleenverdieners", "reference": ta},
              {"variable": "inkomstenbelasting", "delta": 66.25, "effect": -66.25, "regeling": "Inkomstenbelasting", "reference": IB}]
    card = build_cards([_finding("t", 149.58, member="aanvrager", role="aanvrager", causes=causes, rules=[])])[0]
    assert card["title"] == ("De tegemoetkoming alleenverdieners daalt en de inkomstenbelasting stijgt"
                             " als de aanvrager 27 jaar wordt")
    two = [dict(causes[0]), {"variable": "huurtoeslag", "delta": -50.0, "effect": -50.0, "regeling": "Huurtoeslag",
                             "reference": "https://wetten.overheid.nl/BWBR0008659/2025-01-01#Artikel21"}]
    card = build_cards([_finding("u", 133.33, member="aanvrager", role="aanvrager", causes=two, rules=[])])[0]
    assert card["title"] == "De tegemoetkoming alleenverdieners en de huurtoeslag dalen als de aanvrager 27 jaar wordt"
