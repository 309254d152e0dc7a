"""Cards: one per mechanism, so that a policy reader sees ~20 harms instead of ~140 findings.

Why: the search reports one finding per (kind, axis, causes, period), and the same harm comes back
once per period, per member, per template. A policy reader acts on a *mechanism*: "the bijstand ends
at the asset limit of Participatiewet art. 34", not on each household that shows it.

A mechanism is the key
    (kind, axis variable, direction, the regelingen that withdraw money, the articles)
where
- *kind* is the harm kind (a `samenloop` finding of the old form counts as the kind it is a copy of,
  and only sets the card's `samenloop` tag);
- *direction* is the way along the axis the loss comes (+1: more wage / older / later; -1: less);
- the *withdrawing causes* are the payments that fall (or the tax that rises) by at least half of
  the biggest fall: the rules that withdraw, not the ones that soften (tax falling as a benefit falls);
- the *articles* are those of the tests and classes that flip (a bool or class rule of the same law
  as a withdrawing cause, e.g. WIA art. 5 for the 35% threshold), or, when nothing flips, the
  articles of the withdrawing payments. Intermediate tax and toetsingsinkomen variables never
  enter the key: they move with everything.

A card lists its variants (periods, templates, members), the range of severity, and one *typical*
household: the variant whose severity is closest to the median of the plausible variants (the
median, not the worst, because the worst is often an extreme household). Card ids are a hash of
the key, so the same mechanism keeps its id across runs and periods.

`grades:` and `expected:` of the scan config are validated here too (`check_grades`, `check_expected`).
"""

from __future__ import annotations

import hashlib
import json
import re
import statistics

from openfisca_nl_sz.errors import InputError
from openfisca_nl_sz.search.other_periods import same_step
from openfisca_nl_sz.search.other_periods import sentence as other_periods_sentence

KINDS = ("cliff", "inkomensval", "hoge_marginale_druk", "onder_sociaal_minimum")

#: Law names of the BWB ids the references point at (for plain article labels).
LAWS = {
    "BWBR0019057": "WIA",
    "BWBR0004045": "WW",
    "BWBR0004043": "Toeslagenwet",
    "BWBR0015703": "Participatiewet",
    "BWBR0011353": "Wet IB 2001",
    "BWBR0018451": "Wet op de zorgtoeslag",
    "BWBR0008659": "Wet op de huurtoeslag",
    "BWBR0022751": "Wet op het kindgebonden budget",
    "BWBR0002368": "AKW",
    "BWBR0018472": "Awir",
    "BWBR0002638": "Wet minimumloon",
    "BWBR0002221": "AOW",
}

#: The pensioengerechtigde leeftijd (AOW art. 7a): when it is reached, the WIA, the WW and the
#: Toeslagenwet end at once and the AOW begins. Whichever of them the household had, that is one
#: mechanism for a policy reader, not one per benefit.
AOW_AGE_ARTICLE = {"id": "BWBR0002221#Artikel7a", "label": "AOW art. 7a",
                   "url": "https://wetten.overheid.nl/BWBR0002221/2026-01-01#Artikel7a", "law": "AOW",
                   "entitlement": 0}

#: Plain Dutch names of the axis inputs (the variables' own labels are partly English).
AXIS_PLAIN = {
    "leeftijd": "Leeftijd", "loon": "Bruto loon per maand", "vermogen": "Vermogen", "huur": "Kale huur per maand",
    "arbeidsongeschiktheidspercentage": "Arbeidsongeschiktheidspercentage",
    "wia_maanden_sinds_aanvang": "Maanden sinds de start van de WIA-uitkering",
    "ww_maanden_sinds_aanvang": "Maanden sinds de start van de WW-uitkering",
    "pw_vrijlating_maanden_gebruikt": "Maanden inkomstenvrijlating bijstand gebruikt",
    "tw_vrijlating_maanden_gebruikt": "Maanden vrijlating Toeslagenwet gebruikt",
}

#: Plain Dutch names of the money components (the variables' own labels are partly English).
PLAIN = {
    "iva_uitkering": "de IVA-uitkering",
    "wga_loongerelateerde_uitkering": "de loongerelateerde WGA-uitkering",
    "wga_loonaanvullingsuitkering": "de WGA-loonaanvullingsuitkering",
    "wga_vervolguitkering": "de WGA-vervolguitkering",
    "ww_uitkering": "de WW-uitkering",
    "toeslagenwet_toeslag": "de toeslag van de Toeslagenwet",
    "inkomstenbelasting": "de inkomstenbelasting",
    "bijstand": "de bijstand",
    "zorgtoeslag": "de zorgtoeslag",
    "huurtoeslag": "de huurtoeslag",
    "kindgebonden_budget": "het kindgebonden budget",
    "kinderbijslag": "de kinderbijslag",
    "besteedbaar_inkomen": "het besteedbaar inkomen",
}

KIND_PLAIN = {
    "cliff": "Terugval bij een kleine stap",
    "inkomensval": "Inkomensval: meer verdienen, minder overhouden",
    "hoge_marginale_druk": "Hoge marginale druk",
    "onder_sociaal_minimum": "Onder het sociaal minimum",
}

WHO = {"aanvrager": "de aanvrager", "partner": "de partner", "kind": "een kind", "medebewoner": "een medebewoner",
       None: "het huishouden"}

#: Default grade bounds (overridden by `grades:` in the scan config): a card is *zeer ernstig* when it
#: reaches either bound of zeer_ernstig, else *ernstig* when it reaches either bound of ernstig, else *licht*.
DEFAULT_GRADES = {"ernstig": {"euro_per_month": 100.0, "share": 0.05},
                  "zeer_ernstig": {"euro_per_month": 400.0, "share": 0.20}}

EXPECTED_FIELDS = {"name", "kind", "axis", "cause", "regeling", "article", "axis_to"}


# -- configuration ------------------------------------------------------------------------------

def check_grades(raw, source: str) -> dict:
    """The `grades:` section: {ernstig: {euro_per_month, share}, zeer_ernstig: {...}}; InputError if wrong."""
    if raw is None:
        return json.loads(json.dumps(DEFAULT_GRADES))
    if not isinstance(raw, dict):
        raise InputError(source, "grades", "must be a mapping with ernstig and zeer_ernstig")
    extra = set(raw) - set(DEFAULT_GRADES)
    if extra:
        raise InputError(source, f"grades.{sorted(extra)[0]}", "unknown grade; allowed: ernstig, zeer_ernstig (below ernstig is licht)")
    grades = {}
    for grade, default in DEFAULT_GRADES.items():
        given = raw.get(grade, default)
        if not isinstance(given, dict):
            raise InputError(source, f"grades.{grade}", "must be a mapping {euro_per_month: number, share: number}")
        extra = set(given) - {"euro_per_month", "share"}
        if extra:
            raise InputError(source, f"grades.{grade}.{sorted(extra)[0]}", "unknown field; allowed: euro_per_month, share")
        bounds = {}
        for name, high in (("euro_per_month", 100_000.0), ("share", 1.0)):
            value = given.get(name, default[name])
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= high:
                raise InputError(source, f"grades.{grade}.{name}", f"{value!r} is out of range; allowed: a number above 0 and at most {high:g}")
            bounds[name] = float(value)
        grades[grade] = bounds
    for name in ("euro_per_month", "share"):
        if grades["zeer_ernstig"][name] < grades["ernstig"][name]:
            raise InputError(source, f"grades.zeer_ernstig.{name}",
                             f"{grades['zeer_ernstig'][name]:g} is below ernstig ({grades['ernstig'][name]:g}); allowed: at least the ernstig bound")
    return grades


def check_expected(raw, source: str) -> list[dict]:
    """The `expected:` list: harms the config names as expected, each a matcher on a card."""
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise InputError(source, "expected", "must be a list of {name, kind, axis, cause, regeling, article, axis_to}")
    out = []
    for index, item in enumerate(raw):
        where = f"expected[{index}]"
        if not isinstance(item, dict) or not isinstance(item.get("name"), str) or not item["name"].strip():
            raise InputError(source, where, "needs a name (plain text)")
        extra = set(item) - EXPECTED_FIELDS
        if extra:
            raise InputError(source, f"{where}.{sorted(extra)[0]}", f"unknown field; allowed: {', '.join(sorted(EXPECTED_FIELDS))}")
        kinds = item.get("kind")
        kinds = [kinds] if isinstance(kinds, str) else kinds
        if not isinstance(kinds, list) or not kinds or any(k not in KINDS for k in kinds):
            raise InputError(source, f"{where}.kind", f"{item.get('kind')!r} is not allowed; allowed: one of (or a list of) {', '.join(KINDS)}")
        matcher = {"name": item["name"].strip(), "kind": kinds}
        for name in ("axis", "cause", "regeling", "article"):
            if name in item:
                if not isinstance(item[name], str) or not item[name]:
                    raise InputError(source, f"{where}.{name}", "must be a non-empty text")
                matcher[name] = item[name]
        if "axis_to" in item:
            if isinstance(item["axis_to"], bool) or not isinstance(item["axis_to"], (int, float)):
                raise InputError(source, f"{where}.axis_to", f"{item['axis_to']!r} is not a number; allowed: a number")
            matcher["axis_to"] = item["axis_to"]
        out.append(matcher)
    return out


# -- the mechanism of a finding -------------------------------------------------------------------

def article_of(reference: str) -> dict | None:
    """{'id': 'BWBR0019057#Artikel5', 'label': 'WIA art. 5', 'url': ...} for a wetten.overheid.nl link."""
    match = re.match(r"https?://wetten\.overheid\.nl/(BWBR\d+)(?:/[^#]*)?#Artikel([0-9A-Za-z.:]+)", reference or "")
    if not match:
        return None
    bwb, number = match.groups()
    law = LAWS.get(bwb, bwb)
    return {"id": f"{bwb}#Artikel{number}", "label": f"{law} art. {number}", "url": reference, "law": law}


#: Tests that are the right to a benefit itself though their names do not say "recht": when
#: `ww_loopt` turns false, the WW right has ended (WW art. 20), whatever made it end.
RIGHT_ITSELF = frozenset({"ww_loopt"})


def withdrawing_causes(finding: dict) -> list[dict]:
    """The causes that take money away: at least half of the biggest fall (effect < 0), in a regeling
    that takes money away on balance at this step.

    Why on balance: at a class change one part of a benefit can fall while the benefit as a whole
    pays more. At an AO% of 79 -> 80 the WGA-vervolguitkering (€ 1.201,33) gives way to the
    loonaanvullingsuitkering (€ 1.827): the WIA pays € 625,67 more, and the household loses because
    the Toeslagenwet, the tegemoetkoming alleenverdieners and the taxes take more back. Naming the
    part that falls would tell the reader that the WIA falls."""
    causes = finding.get("causes", [])
    balance: dict = {}
    for c in causes:
        key = c.get("regeling") or c.get("variable")
        balance[key] = balance.get(key, 0.0) + c.get("effect", -c.get("delta", 0))
    losses = [c for c in causes
              if c.get("effect", -c.get("delta", 0)) < 0 and balance[c.get("regeling") or c.get("variable")] < 0]
    if not losses:
        return []
    biggest = max(-c.get("effect", 0) for c in losses)
    return [c for c in losses if -c.get("effect", 0) >= 0.5 * biggest]


def flipped_articles(finding: dict, laws: set[str]) -> list[dict]:
    """Articles of tests and classes (bool / text rules) that flip, in the laws of the withdrawing causes."""
    out = {}
    for rule in finding.get("rules", []):
        if not isinstance(rule.get("from"), (bool, str)) or not isinstance(rule.get("to"), (bool, str)):
            continue
        article = article_of(rule.get("reference", ""))
        if article and article["id"].split("#")[0] in laws:
            article = out.setdefault(article["id"], article)
            variable = rule.get("variable", "")
            # 0: the right to the benefit at all (wia_heeft_recht, pw_recht_op_bijstand, ww_loopt); 1: the
            # right to one class of it (wia_iva_recht); 2: any other test or class.
            rank = (0 if ("heeft_recht" in variable or "recht_op" in variable or variable in RIGHT_ITSELF)
                    else (1 if "recht" in variable else 2))
            article["entitlement"] = min(article.get("entitlement", 2), rank)
    return [out[k] for k in sorted(out)]


def base_kind(finding: dict) -> str:
    return finding.get("samenloop_of", "cliff") if finding["kind"] == "samenloop" else finding["kind"]


def direction(finding: dict) -> int:
    try:
        return 1 if float(finding["axis_to"]) >= float(finding["axis_from"]) else -1
    except (TypeError, ValueError):
        return 1


def _article_order(article: dict) -> tuple:
    number = article["id"].split("#Artikel")[-1]
    parts = re.findall(r"\d+|[A-Za-z]+", number)
    return (article["law"],) + tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in parts)


#: Laws upstream first: a WIA or WW right that ends takes the Toeslagenwet, bijstand and allowances
#: with it, so the flip in the upstream law is the mechanism and the rest follows.
LAW_ORDER = ("WIA", "WW", "Toeslagenwet", "Participatiewet", "Awir", "Wet op de huurtoeslag", "Wet op de zorgtoeslag",
             "Wet op het kindgebonden budget", "AKW", "Wet IB 2001")


def _condition_order(article: dict) -> tuple:
    """Entitlement tests (a right that ends) before classes and other tests; upstream laws first."""
    law = LAW_ORDER.index(article["law"]) if article["law"] in LAW_ORDER else len(LAW_ORDER)
    return (article.get("entitlement", 2), law) + _article_order(article)[1:]


def mechanism(finding: dict) -> dict:
    causes = withdrawing_causes(finding)
    own = {}
    for c in causes:
        article = article_of(c.get("reference", ""))
        if article:
            own.setdefault(article["id"], article)
    laws = {a.split("#")[0] for a in own}
    flips = flipped_articles(finding, laws)
    # The key article: the condition that flips (a test or class of the same law that is not the
    # payment's own article), the lowest-numbered one, as that is the entitlement test the others
    # follow from (WIA art. 5 before the class of art. 58/60). Without a flip: the payments' articles.
    conditions = sorted((a for a in flips if a["id"] not in own), key=_condition_order) or sorted(flips, key=_condition_order)
    if any(r.get("variable") == "aow_leeftijd_bereikt" and r.get("from") is False and r.get("to") is True
           for r in finding.get("rules", [])):
        conditions = [dict(AOW_AGE_ARTICLE)]
    main_article = article_of(causes[0].get("reference", "")) if causes else None
    key_articles = [conditions[0]] if conditions else ([main_article] if main_article else [])
    shown: dict = {}
    for a in key_articles + flips + [own[k] for k in sorted(own)]:
        # the first wins: a payment's own article that also holds a test that flipped keeps that
        # test's rank (Pw art. 19: the right to bijstand, pw_recht_op_bijstand, and the amount)
        shown.setdefault(a["id"], a)
    regelingen = sorted({c["regeling"] for c in causes if c.get("regeling")})
    if not regelingen:
        regelingen = sorted(finding.get("regelingen", []))
    basis = finding.get("rate_basis")
    return {
        "kind": base_kind(finding),
        "axis": finding["axis"] if finding["axis"] != "samenstelling" else finding.get("axis_name", "samenstelling"),
        "direction": direction(finding),
        # The regeling that takes the most: two periods can differ in which smaller one passes the cut.
        "main": conditions[0]["law"] if conditions else (
            causes[0]["regeling"] if causes and causes[0].get("regeling") else (regelingen[:1] or [""])[0]),
        "regelingen": regelingen,
        "key_articles": [a["id"] for a in key_articles],
        "articles": list(shown.values()),
        "causes": [c["variable"] for c in causes],
        # A regeling withdrawing on its own (the TW partner-income test) is another mechanism than
        # the net rate of the whole household.
        "rate_basis": basis if basis and basis != "besteedbaar_inkomen" else None,
    }


def mechanism_key(m: dict) -> tuple:
    if m["axis"].startswith("samenstelling"):
        # Someone moving in: the event is the mechanism. Every law re-tests the household at once
        # (a partner: gezamenlijke huishouding; a medebewoner: kostendeler / woningdeler), and
        # which payment falls most depends only on what the household had; the card lists them all.
        return (m["kind"], m["axis"], m["direction"])
    if m["kind"] == "onder_sociaal_minimum" and not m["causes"]:
        # Below the minimum on the whole axis, no step causes it: the household's state is the
        # mechanism, whichever axis it was seen on.
        return (m["kind"], "", 0)
    # Which regeling the marginal rate was measured on (the net rate or one regeling's) is not part
    # of the mechanism: the main withdrawing regeling already says who takes the money.
    return (m["kind"], m["axis"], m["direction"], m["main"], tuple(m["key_articles"]))


def card_id(key: tuple) -> str:
    return hashlib.sha256(json.dumps(list(key)).encode()).hexdigest()[:12]


# -- building the cards ----------------------------------------------------------------------------

def is_plausible(finding: dict) -> bool:
    return finding.get("plausible", True) is not False


def member_role(finding: dict) -> str | None:
    member = finding.get("axis_member")
    for m in (finding.get("template") or {}).get("members", []):
        if m.get("id") == member:
            return m.get("role")
    if finding.get("axis") == "samenstelling":
        return (finding.get("axis_name") or ":").split(":")[-1]
    return None if member in (None, "huishouden") else member


def household_type(finding: dict) -> str:
    roles = [m.get("role") for m in (finding.get("template") or {}).get("members", [])]
    partner, kids, mede = "partner" in roles, roles.count("kind"), roles.count("medebewoner")
    base = ("paar" if partner else "alleenstaand") + (" met kinderen" if kids else "") if not (kids and not partner) else "eenouder"
    return base + (" + medebewoner" if mede else "")


def grade_of(severity: float, share: float | None, grades: dict) -> str:
    for grade in ("zeer_ernstig", "ernstig"):
        bounds = grades[grade]
        if severity >= bounds["euro_per_month"] or (share is not None and share >= bounds["share"]):
            return grade.replace("_", " ")
    return "licht"


def build_cards(findings: list[dict], grades: dict | None = None) -> list[dict]:
    """Group findings into cards; sets `card_id` on every finding. Cards come back sorted by severity
    (the caller re-sorts once reach is known)."""
    grades = grades or check_grades(None, "")
    groups: dict[tuple, dict] = {}
    for finding in findings:
        m = mechanism(finding)
        key = mechanism_key(m)
        group = groups.setdefault(key, {"mechanism": m, "findings": [], "copies": []})
        finding["card_id"] = card_id(key)
        # Old-style samenloop findings are copies of a harm of another kind: they tag the card.
        (group["copies"] if finding["kind"] == "samenloop" else group["findings"]).append(finding)
    # Left below the social minimum by the very step another card shows (the bijstand asset limit,
    # the end of the WW): the same rule at the same step, so it tags that card instead of making a
    # second one. Its severity is a shortfall, not the step's loss, so it is no variant either.
    for key in [k for k in groups if k[0] == "onder_sociaal_minimum" and len(k) > 3]:
        sibling = next((k for k in groups if k[0] in ("cliff", "inkomensval") and k[1:] == key[1:]), None)
        if sibling is not None:
            for finding in groups[key]["findings"] + groups[key]["copies"]:
                finding["card_id"] = card_id(sibling)
                groups[sibling].setdefault("below", []).append(finding)
            del groups[key]
    cards = []
    for key, group in groups.items():
        variants = group["findings"] or group["copies"]
        cards.append(_card(card_id(key), group["mechanism"], variants, group["copies"], grades, group.get("below", [])))
    cards.sort(key=lambda c: (-c["severity"]["median"], c["id"]))
    return cards


def typical_finding(variants: list[dict]) -> dict:
    """The plausible variant closest to the median severity (ties: the smaller household, then the id)."""
    pool = [f for f in variants if is_plausible(f)] or variants
    median = statistics.median(f["severity"] for f in pool)
    return min(pool, key=lambda f: (abs(f["severity"] - median), len((f.get("template") or {}).get("members", [])), f["id"]))


def _card(cid: str, m: dict, variants: list[dict], copies: list[dict], grades: dict, below: list[dict] = ()) -> dict:
    typical = typical_finding(variants)
    shown = mechanism(typical)  # the articles and causes as the typical household shows them
    severities = sorted(f["severity"] for f in variants)
    tags = sorted({t for f in variants + copies for t in f.get("tags", [])} | ({"samenloop"} if copies else set())
                  | ({"onder sociaal minimum"} if below else set()))
    net = typical.get("besteedbaar_inkomen_from") or 0.0
    share = round(typical["severity"] / net, 4) if net > 0 else None
    attribution = next((f["samenloop_attribution"] for f in [typical] + variants if f.get("samenloop_attribution")), None)
    if attribution is None and copies:
        attribution = _plain_attribution(min(copies, key=lambda f: abs(f.get("harm_severity", f["severity"]) - typical["severity"])))
    card = {
        "id": cid,
        "kind": m["kind"],
        "axis": m["axis"],
        "direction": m["direction"],
        "regelingen": sorted({r for f in variants for r in mechanism(f)["regelingen"]}),
        "key_articles": m["key_articles"],
        "articles": shown["articles"],
        "causes": shown["causes"],
        "rate_basis": m["rate_basis"],
        "tags": tags,
        "severity": {"min": severities[0], "median": round(statistics.median(severities), 2), "max": severities[-1],
                     "typical": typical["severity"], "share_of_besteedbaar_inkomen": share},
        "grade": grade_of(typical["severity"], share, grades),
        "periods": sorted({f["period"] for f in variants}),
        "variants": [_variant(f) for f in sorted(variants, key=lambda f: (f["period"], -f["severity"], f["id"]))],
        "typical_finding": typical["id"],
        "typical": {"household_type": household_type(typical), "member": member_role(typical),
                    "axis_from": typical["axis_from"], "axis_to": typical["axis_to"], "period": typical["period"],
                    "besteedbaar_inkomen_from": typical.get("besteedbaar_inkomen_from"),
                    "besteedbaar_inkomen_to": typical.get("besteedbaar_inkomen_to"),
                    "step": typical.get("step"), "rate": typical.get("rate"), "band": typical.get("band"),
                    "band_from": typical.get("band_from"), "band_to": typical.get("band_to")},
        "samenloop_attribution": attribution,
        "findings": sorted(f["id"] for f in list(variants) + list(copies) + list(below)),
        # The shortfall below the bijstandsnorm the step leaves (onder_sociaal_minimum findings folded in).
        "shortfall_max": max((f["severity"] for f in below), default=None),
    }
    card["title"] = title(card)
    return card


def _variant(f: dict) -> dict:
    return {"finding": f["id"], "period": f["period"], "household_type": household_type(f), "member": member_role(f),
            "axis_name": f.get("axis_name"), "axis_from": f["axis_from"], "axis_to": f["axis_to"],
            "severity": f["severity"], "plausible": is_plausible(f)}


def _plain_attribution(copy: dict) -> list[dict] | None:
    """From the old-style attribution {single: {regeling: loss}}: what each regeling takes on its own."""
    single = (copy.get("attribution") or {}).get("single") or {}
    if not single:
        return None
    out = []
    for regeling, amount in sorted(single.items(), key=lambda kv: -abs(kv[1])):
        verb = "neemt" if amount >= 0 else "geeft terug"
        out.append({"regeling": regeling, "amount": round(amount, 2),
                    "plain": f"{regeling} {verb} {money(abs(amount))} per maand"})
    return out


# -- plain words -----------------------------------------------------------------------------------

def money(value) -> str:
    if round(value, 2) == 0:  # "€ 0", not "€ 0,00" (a wage axis from nothing: "van € 0 tot € 271")
        return "€ 0"
    return f"€ {value:,.0f}".replace(",", ".") if abs(value) >= 100 else f"€ {value:,.2f}".replace(".", ",")


def percent(share: float, decimals: int = 1) -> str:
    """A share as a Dutch percentage: 0.033 -> '3,3%'."""
    return f"{share * 100:.{decimals}f}%".replace(".", ",")


def step_phrase(card: dict) -> str:
    """The step as the person lives it, e.g. 'een medebewoner 27 wordt'."""
    t = card["typical"]
    who = WHO.get(t["member"], t["member"] or "het huishouden")
    axis, a, b = card["axis"], t["axis_from"], t["axis_to"]
    up = card["direction"] > 0
    if axis == "leeftijd":
        return f"{who} {b} jaar wordt" if up else f"{who} van {a} naar {b} jaar gaat"
    if axis == "loon":
        if card["kind"] == "hoge_marginale_druk" and t.get("band_from") is not None and t.get("band_to") is not None:
            a, b = t["band_from"], t["band_to"]  # the band over which the rate holds
        if card["kind"] == "cliff" or abs(b - a) <= 1:
            return f"{who} € 1 {'meer' if up else 'minder'} verdient (rond {money(min(a, b))} bruto per maand)"
        return f"{who} meer verdient (van {money(a)} tot {money(b)} bruto per maand)"
    if axis == "vermogen":
        return f"het vermogen boven {money(min(a, b))} komt" if up else f"het vermogen onder {money(max(a, b))} zakt"
    if axis == "arbeidsongeschiktheidspercentage":
        return f"het arbeidsongeschiktheidspercentage van {who} van {a}% naar {b}% gaat"
    if axis == "wia_maanden_sinds_aanvang":
        return f"de WIA-uitkering van {who} {b} maanden loopt"
    if axis == "ww_maanden_sinds_aanvang":
        return f"de WW-uitkering van {who} {b} maanden loopt"
    if axis == "pw_vrijlating_maanden_gebruikt":
        return f"de inkomstenvrijlating van de bijstand {b} maanden gebruikt is"
    if axis == "tw_vrijlating_maanden_gebruikt":
        return f"de vrijlating van de Toeslagenwet {b} maanden gebruikt is"
    if axis == "huur":
        return f"de huur boven {money(min(a, b))} komt" if up else f"de huur onder {money(max(a, b))} zakt"
    if axis.startswith("samenstelling"):
        return f"er een {axis.split(':')[-1]} komt inwonen"
    return f"{axis} van {a} naar {b} gaat"


#: What stops when the right of a law ends (its entitlement test flips), in a policy reader's words.
RIGHT_ENDS = {"WIA": "De WIA-uitkering", "WW": "De WW-uitkering", "Participatiewet": "De bijstand"}


def title(card: dict) -> str:
    lost = " en ".join(PLAIN.get(c, "de " + c.replace("_", " ")) for c in card["causes"][:2]) or "het besteedbaar inkomen"
    if card["kind"] == "hoge_marginale_druk":
        rate = card["typical"].get("rate")
        rate_text = f"{rate * 100:.0f}% van elke extra euro" if isinstance(rate, (int, float)) else "het grootste deel van elke extra euro"
        who = WHO.get(card["typical"]["member"], "het huishouden")
        verb = "nemen" if len(card["causes"][:2]) > 1 else "neemt"
        return f"Als {who} meer verdient, {verb} {lost} {rate_text} terug"
    if card["kind"] == "onder_sociaal_minimum":
        if not card["causes"]:
            return "Onder het sociaal minimum, zonder dat een stap het veroorzaakt"
        return f"Onder het sociaal minimum als {step_phrase(card)}"
    key = next((a for a in card.get("articles", []) if a.get("id") in card.get("key_articles", [])), None)
    if key is not None and key.get("id") == AOW_AGE_ARTICLE["id"]:
        ended = [law for law in ("WIA", "WW", "Toeslagenwet") if law in card.get("regelingen", [])]
        which = f" ({', '.join(ended)})" if ended else ""
        return f"De uitkering{which} stopt en de AOW begint als {step_phrase(card)}"
    right_ends = key is not None and key.get("law") in RIGHT_ENDS and any(
        a.get("entitlement") == 0 and a.get("law") == key["law"] for a in card.get("articles", []))
    if right_ends:
        # The right to the benefit itself ends (e.g. WIA art. 5, the 35% threshold; the bijstand at
        # the asset limit of Pw art. 34, where pw_recht_op_bijstand (art. 19) turns false): a policy reader
        # knows this as "the WIA stops", whichever of its parts the household happened to receive.
        return f"{RIGHT_ENDS[key['law']]} stopt als {step_phrase(card)}"
    return f"{_what_moves(card['causes'][:2])} als {step_phrase(card)}"


def _what_moves(causes: list[str]) -> str:
    """'De bijstand daalt', 'Het kindgebonden budget en de huurtoeslag dalen', and for a cause that is
    paid by the household, 'De tegemoetkoming alleenverdieners daalt en de inkomstenbelasting stijgt':
    a tax that takes more rises (explain.CAUSE_VARIABLES gives the sign)."""
    from openfisca_nl_sz.search.explain import CAUSE_VARIABLES

    if not causes:
        return "Het besteedbaar inkomen daalt"
    named = [(PLAIN.get(c, "de " + c.replace("_", " ")), "stijgt" if CAUSE_VARIABLES.get(c, 1) < 0 else "daalt")
             for c in causes]
    if len({verb for _, verb in named}) == 1:
        verb = named[0][1] if len(named) == 1 else {"daalt": "dalen", "stijgt": "stijgen"}[named[0][1]]
        text = f"{' en '.join(name for name, _ in named)} {verb}"
    else:
        text = " en ".join(f"{name} {verb}" for name, verb in named)
    return text[0].upper() + text[1:]


def split_sentence(card: dict) -> str:
    """'Per regeling: …' when the typical household's loss comes from more than one regeling, else ''.

    Why: the card is named after the regeling that takes the most, and a reader who sees "Het
    kindgebonden budget daalt als een kind 18 jaar wordt, verliest € 721 per maand" takes the € 721
    for the kindgebonden budget, when € 140,51 of it is the kinderbijslag that ends at 18 too. Said
    only when the split is the typical household's own (its parts add up to the loss shown)."""
    items = [a for a in card.get("samenloop_attribution") or [] if round(a.get("amount", 0.0), 2) != 0]
    if card["kind"] == "hoge_marginale_druk" or len(items) < 2:
        return ""
    if abs(sum(a["amount"] for a in items) - card["severity"]["typical"]) > 0.05:
        return ""
    parts = [a["plain"] for a in items]
    return f"Per regeling: {', '.join(parts[:-1])} en {parts[-1]}. "


def paragraph(card: dict, reach: dict | None = None) -> str:
    """One paragraph: what happens, to whom, which article, how much, how many."""
    t = card["typical"]
    s = card["severity"]
    articles = ", ".join(a["label"] for a in card["articles"]) or ", ".join(card["regelingen"])
    share = s.get("share_of_besteedbaar_inkomen")
    share_text = f" ({percent(share, 0)} van het besteedbaar inkomen)" if share is not None else ""
    if card["kind"] == "hoge_marginale_druk":
        # The severity of a high marginal rate is what is lost of a € 100 raise inside the band (see
        # detect.py): say it that way, not as a monthly loss of the household.
        kept = max(0.0, 100.0 - s["typical"])
        kept_text = f"maar {money(kept)}" if round(kept, 2) > 0 else "niets"
        text = (f"Als {step_phrase(card)}, houdt een huishouden ({t['household_type']}) van elke € 100 bruto "
                f"extra {kept_text} over: {money(s['typical'])} van elke € 100 wordt teruggenomen: "
                f"{card['grade']}. Oorzaak: {articles}. ")
    else:
        text = (f"Als {step_phrase(card)}, verliest een huishouden ({t['household_type']}) {money(s['typical'])} per maand"
                f"{share_text}: {card['grade']}. {split_sentence(card)}Oorzaak: {articles}. ")
    if len(card["variants"]) > 1:
        spread = (f"{money(s['min'])} tot {money(s['max'])} van elke € 100" if card["kind"] == "hoge_marginale_druk"
                  else f"{money(s['min'])} tot {money(s['max'])} per maand")
        text += (f"De zoektocht vond {len(card['variants'])} varianten ({', '.join(card['periods'])}; "
                 f"{', '.join(sorted({v['household_type'] for v in card['variants']}))}), met een verlies van "
                 f"{spread}. ")
    if card.get("not_found_in"):
        text += (f"De zoektocht vond dit in {', '.join(card['periods'])}, niet in {', '.join(card['not_found_in'])}. "
                 + other_periods_sentence(card))
    if "samenloop" in card["tags"]:
        text += "Samenloop: de regelingen nemen samen meer dan elk afzonderlijk. "
    if card.get("shortfall_max"):
        text += (f"Het huishouden komt daarbij onder het sociaal minimum (tot {money(card['shortfall_max'])} per maand "
                 "onder de bijstandsnorm). ")
    reach = reach if reach is not None else card.get("reach")
    if reach and reach.get("share") is not None:
        text += (f"Bereik: {percent(reach['share'])} van de synthetische populatie "
                 f"({reach['households']} van {reach['sample']} huishoudens) staat binnen een jaar voor deze stap.")
    elif reach:
        text += f"Bereik: niet geschat ({reach.get('why', 'zie toelichting')})."
    return text.strip()


# -- expected harms ------------------------------------------------------------------------------------

def matches(card: dict, matcher: dict) -> bool:
    if card["kind"] not in matcher["kind"]:
        return False
    if "axis" in matcher and card["axis"] != matcher["axis"] and not card["axis"].startswith(matcher["axis"] + ":"):
        return False
    if "cause" in matcher and matcher["cause"] not in card["causes"] and matcher["cause"] != card.get("rate_basis"):
        return False
    if "regeling" in matcher and matcher["regeling"] not in card["regelingen"]:
        return False
    if "article" in matcher and not any(a["label"] == matcher["article"] for a in card["articles"]):
        return False
    if "axis_to" in matcher and not any(v["axis_to"] == matcher["axis_to"] for v in card["variants"]):
        return False
    return True


def checklist(cards: list[dict], expected: list[dict]) -> list[dict]:
    """Each expected harm with the cards that match it (found) or none (not found)."""
    out = []
    for matcher in expected:
        hits = [c["id"] for c in cards if matches(c, matcher)]
        out.append({"name": matcher["name"], "found": bool(hits), "cards": hits,
                    "matcher": {k: v for k, v in matcher.items() if k != "name"}})
    return out


def attach_cards(result: dict, config, system=None, population_size: int | None = None) -> list[dict]:
    """The hook `run_scan` calls: cards (with reach), `card_id` on each finding, the checklist."""
    raw = getattr(config, "raw", {}) or {}
    source = getattr(config, "source", "scan config")
    grades = check_grades(raw.get("grades"), source)
    cards = build_cards(result["findings"], grades)
    if system is not None:
        from openfisca_nl_sz.search.reach import add_reach

        add_reach(cards, result["findings"], system, config.thresholds, seed=getattr(config, "seed", 0), size=population_size)
    scanned = sorted(set(getattr(config, "periods", None) or []))
    for card in cards:
        # the months of the scan where this mechanism was not found (e.g. the huurtoeslag's rent limit,
        # a cliff until 2025 and a cap from 2026): a reader of a 2026 policy must not take it as current
        card["not_found_in"] = [p for p in scanned if p not in card["periods"]]
        if system is not None and card["not_found_in"]:
            # and what its typical household loses at the same step there (search/other_periods.py)
            typical = next(f for f in result["findings"] if f["id"] == card["typical_finding"])
            card["other_periods"] = [o for o in (same_step(system, typical, p) for p in card["not_found_in"]) if o]
        card["paragraph"] = paragraph(card)
    cards.sort(key=lambda c: (-(c["severity"]["typical"] * ((c.get("reach") or {}).get("share") or 0.0)),
                              -c["severity"]["typical"], c["id"]))
    result["cards"] = cards
    result["expected"] = checklist(cards, check_expected(raw.get("expected"), source))
    return cards
