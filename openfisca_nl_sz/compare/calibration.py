"""Baseline versus observed: the calibration table of `nlsz compare` (issue 15 point 1).

The population config lists published targets under `calibration.doelen` (measure, value,
tolerance, source, url). This module computes the same measures from the BASELINE (current law)
evaluation of the synthetic population and says, per target, how far off the model is and whether
that is within the tolerance. A missed target becomes a warning in the report and on stderr: a
reader must see when the baseline the reform is measured against does not look like reality.
"""

from __future__ import annotations

import numpy as np

#: measure name -> (plain label, unit). The values come from `baseline_measures`.
MEASURES = {
    "stock_iva": ("running IVA benefits", "benefits"),
    "stock_wga": ("running WGA benefits", "benefits"),
    "outlay_iva_mln": ("IVA outlay", "EUR mln per year"),
    "outlay_wga_mln": ("WGA outlay", "EUR mln per year"),
    "outlay_wia_mln": ("WIA outlay", "EUR mln per year"),
    "bijstand_huishoudens": ("households with bijstand", "households"),
    "bijstand_alleenstaand": ("bijstand: alleenstaanden", "households"),
    "bijstand_eenouder": ("bijstand: alleenstaande ouders", "households"),
    "bijstand_paar": ("bijstand: (echt)paren", "households"),
    "bijstand_aandeel_tot_27": ("share of bijstand recipients under 27", "share"),
    "bijstand_aandeel_27_45": ("share of bijstand recipients 27-44", "share"),
    "bijstand_aandeel_45_plus": ("share of bijstand recipients 45+", "share"),
}
#: Household types of the populations -> the CBS leefvorm of the bijstand statistics.
LEEFVORM = {"alleenstaand": "alleenstaand", "eenouder": "eenouder", "paar_zonder_kinderen": "paar", "paar_met_kinderen": "paar"}


def baseline_measures(pop, base: dict) -> dict:
    """The stock-model measures of the baseline (also the ones without a published target)."""
    w = pop.stock_weight.astype(np.float64)
    out: dict = {}
    if "bijstand" in base:
        has = base["bijstand"] > 0
        out["bijstand_huishoudens"] = float(np.sum(w * has))
        types = np.asarray([LEEFVORM.get(t, t) for t in pop.household_types])[pop.household_type]
        for lv in ("alleenstaand", "eenouder", "paar"):
            out[f"bijstand_{lv}"] = float(np.sum(w * has * (types == lv)))
        # persons with bijstand (aanvrager and partner, as CBS counts them) by age band
        p = pop.population
        member = (p.role <= 1) & has[p.household]
        age = np.asarray(p.person_inputs["leeftijd"])
        pw = w[p.household] * member
        total = float(np.sum(pw))
        if total > 0:
            out["bijstand_aandeel_tot_27"] = float(np.sum(pw * (age < 27)) / total)
            out["bijstand_aandeel_27_45"] = float(np.sum(pw * ((age >= 27) & (age < 45))) / total)
            out["bijstand_aandeel_45_plus"] = float(np.sum(pw * (age >= 45)) / total)
    if "wia_uitkering_aanvrager" not in base:
        return out
    has_wia = base["wia_uitkering_aanvrager"] > 0
    iva = base.get("iva_uitkering", np.zeros_like(w)) > 0
    wga = has_wia & ~iva
    out["stock_iva"] = float(np.sum(w * iva))
    out["stock_wga"] = float(np.sum(w * wga))
    out["outlay_wia_mln"] = float(np.sum(w * 12 * base["wia_uitkering"]) / 1e6)
    out["outlay_iva_mln"] = float(np.sum(w * 12 * base.get("iva_uitkering", 0.0)) / 1e6)
    out["outlay_wga_mln"] = out["outlay_wia_mln"] - out["outlay_iva_mln"]
    # Splits without a published target (shown, not checked): WGA 35-80 vs 80-100, and the WGA phases.
    ao = np.asarray(pop.population.person_inputs.get("arbeidsongeschiktheidspercentage",
                                                     np.zeros(pop.population.n_persons)))[pop.population.role == 0]
    out["stock_wga_80_100"] = float(np.sum(w * wga * (ao >= 80)))
    out["stock_wga_35_80"] = float(np.sum(w * wga * (ao < 80)))
    for key, name in (("stock_lgu", "wga_loongerelateerde_uitkering"), ("stock_lau", "wga_loonaanvullingsuitkering"),
                      ("stock_vvu", "wga_vervolguitkering")):
        if name in base:
            out[key] = float(np.sum(w * (base[name] > 0)))
    if out["stock_iva"] > 0:
        out["average_iva_eur_per_year"] = out["outlay_iva_mln"] * 1e6 / out["stock_iva"]
    if out["stock_wga"] > 0:
        out["average_wga_eur_per_year"] = out["outlay_wga_mln"] * 1e6 / out["stock_wga"]
    return out


def calibration_table(config: dict, measures: dict) -> dict:
    """{"rows": [...], "missed": [...], "unpublished": {...}}: one row per target of the config."""
    rows, missed = [], []
    for target in (config.get("calibration", {}) or {}).get("doelen", []) or []:
        key = target["measure"]
        model = measures.get(key)
        observed = float(target["value"])
        tolerance = float(target.get("tolerantie", 0.05))
        deviation = None if model is None or observed == 0 else model / observed - 1.0
        within = deviation is not None and abs(deviation) <= tolerance
        row = {
            "measure": key,
            "label": target.get("label", MEASURES.get(key, (key,))[0]),
            "observed": observed,
            "model": model,
            "deviation": deviation,
            "tolerance": tolerance,
            "within": within,
            "source": " ".join(str(target.get("source", "")).split()),
            "url": target.get("url", ""),
        }
        rows.append(row)
        if not within:
            show = (lambda v: f"{v:.1%}") if observed < 1 else (lambda v: f"{v:,.0f}")  # shares as %
            missed.append(
                f"calibration: {row['label']}: the baseline gives "
                + ("nothing" if model is None else show(model))
                + f", published {show(observed)}"
                + ("" if deviation is None else f" ({deviation:+.1%}, allowed ±{tolerance:.0%})")
            )
    unpublished = {k: v for k, v in measures.items() if k not in {r["measure"] for r in rows}}
    return {"rows": rows, "missed": missed, "unpublished": unpublished}


def check_targets(config: dict, source: str) -> None:
    """Config check: each target names a known measure, a positive value and a tolerance in (0, 1)."""
    from openfisca_nl_sz.errors import InputError

    targets = (config.get("calibration", {}) or {}).get("doelen", []) or []
    if not isinstance(targets, list):
        raise InputError(source, "calibration.doelen", "must be a list of {measure, value, tolerantie, source, url}")
    for i, t in enumerate(targets):
        field = f"calibration.doelen[{i}]"
        if not isinstance(t, dict) or t.get("measure") not in MEASURES:
            raise InputError(source, f"{field}.measure", f"must be one of {', '.join(MEASURES)}")
        v, tol = t.get("value"), t.get("tolerantie", 0.05)
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not v > 0:
            raise InputError(source, f"{field}.value", f"must be a number > 0, got {v!r}")
        if isinstance(tol, bool) or not isinstance(tol, (int, float)) or not 0 < tol < 1:
            raise InputError(source, f"{field}.tolerantie", f"must be a share in (0, 1), got {tol!r}")
