"""Findings: a harm that has been located, explained and shrunk, in the contract's JSON form."""

from __future__ import annotations

import hashlib
import json

from openfisca_nl_sz.search.detect import Harm, Thresholds
from openfisca_nl_sz.search.explain import cause_key


def finding_id(kind: str, harm: Harm, causes: list[dict] | None = None) -> str:
    """A stable hash of everything that tells two findings apart (issue 13: ids were not unique).

    The household and the kind alone are not enough: one household can show a cliff on two axes, in
    both directions of one axis (a step up and a step down), at two places of one axis, under the
    rules of two months, through two different regelingen (a hoge_marginale_druk of the
    besteedbaar inkomen and one of the huurtoeslag alone), or as a samenloop of two kinds of harm.
    Each of these goes into the hash, so that charts and regression tests named after the id do
    not overwrite each other. Nothing time- or run-dependent goes in: the same harm gets the same
    id on every run.
    """
    payload = {
        "kind": kind,
        "harm_kind": harm.kind,
        "axis": harm.axis.to_dict(),
        "axis_name": harm.axis.name,
        "from": _number(harm.x_from),
        "to": _number(harm.x_to),
        "period": harm.period,
        "household": harm.household.to_dict(),
        "extra": {k: v for k, v in sorted(harm.extra.items()) if isinstance(v, (str, int, float, bool))},
    }
    if causes is not None:
        payload["causes"] = sorted({c["variable"] for c in causes if "variable" in c})
    text = json.dumps(payload, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def make_finding(harm: Harm, period: str, causes: list[dict], rules: list[dict], thresholds: Thresholds,
                 attribution: dict | None = None, kind: str | None = None) -> dict:
    kind = kind or harm.kind
    finding = {
        "id": finding_id(kind, harm, causes),
        "kind": kind,
        "severity": round(float(harm.severity), 2),
        "axis": harm.axis.variable if harm.axis.joining is None else "samenstelling",
        "axis_member": harm.axis.member if harm.axis.joining is None else harm.axis.joining.id,
        "axis_name": harm.axis.name,
        "axis_from": _number(harm.x_from),
        "axis_to": _number(harm.x_to),
        "period": period,
        "besteedbaar_inkomen_from": round(float(harm.net_from), 2),
        "besteedbaar_inkomen_to": round(float(harm.net_to), 2),
        "household": harm.household_from.to_situation(period),
        "household_to": harm.household_to.to_situation(period),
        "template": harm.household.to_dict(),
        "axis_definition": harm.axis.to_dict(),
        "causes": causes,
        "rules": rules,
        "regelingen": sorted({c["regeling"] for c in causes}),
        "threshold": thresholds.for_kind(kind),
    }
    finding.update({k: v for k, v in harm.extra.items()})
    if attribution is not None:
        finding["attribution"] = attribution
    return finding


def dedupe_key(harm: Harm, causes: list[dict]) -> tuple:
    return harm.kind, harm.axis.name, cause_key(causes, harm.severity)


def attribution_to_json(attribution: dict) -> dict:
    return {
        "loss": round(attribution["loss"], 2),
        "single": {k: round(v, 2) for k, v in sorted(attribution["single"].items())},
        "pairs": [{"regelingen": list(k), "interaction": round(v, 2)} for k, v in sorted(attribution["pairs"].items())
                  if abs(v) >= 0.01],
        "non_additive": round(attribution["non_additive"], 2),
    }


def _number(value):
    value = float(value)
    return int(value) if value.is_integer() else round(value, 2)
