"""The typical household of a card, taken through the same step in a scanned month where the search
did not find the card's mechanism.

Why: a card found in 2026-01 only may be a harm that the law of 2025 did not have, or one the
search did not come across in 2025. A reader of the report cannot tell which, and "not found in
2025-01" reads as "did not exist". So the same household (its inputs, with the other month's law)
is computed on both sides of the step, and the card says what it loses there. The huurtoeslag's
rent limit, a cliff until 2025 and a cap from 2026, then reads as such; a kindgebonden budget that
ends at 18 in both years reads as found in one and present in both.

Only for a step (cliff, inkomensval at one step): a band's rate is not one step. The household of
the finding is computed in the finding's own month first; if that does not give the finding's own
besteedbaar inkomen on both sides (to the cent), nothing is said.
"""

from __future__ import annotations

import numpy as np

#: Harm kinds whose finding is one step from `household` to `household_to`.
STEP_KINDS = frozenset({"cliff", "inkomensval"})


def _in_month(situation: dict, source: str, target: str) -> dict:
    """`situation` with every value given for month `source` given for month `target` instead."""
    out: dict = {}
    for plural, members in situation.items():
        out[plural] = {}
        for member_id, variables in members.items():
            out[plural][member_id] = {
                name: ({target if period == source else period: value for period, value in values.items()}
                       if isinstance(values, dict) else values)
                for name, values in variables.items()
            }
    return out


def _besteedbaar_inkomen(system, situations: list[dict], period: str) -> list[float] | None:
    """besteedbaar_inkomen (€ per month) of the first household of each situation, or None if one
    cannot be computed (a household the month's law refuses)."""
    from openfisca_nl_sz import situation as situation_io
    from openfisca_nl_sz.errors import InputError
    from openfisca_nl_sz.validation import validate_situation

    values = []
    for index, data in enumerate(situations):
        try:
            checked = validate_situation(system, data, period, f"card household {index}")
            simulation = situation_io.build(system, checked, period, f"card household {index}")
        except InputError:
            return None
        value = float(np.asarray(simulation.calculate("besteedbaar_inkomen", period))[0])
        if not np.isfinite(value):
            return None
        values.append(value)
    return values


def same_step(system, finding: dict, period: str) -> dict | None:
    """{"period", "besteedbaar_inkomen_from", "besteedbaar_inkomen_to", "loss", "threshold"} of the
    finding's household taking the finding's step in `period`; None where it cannot be said."""
    if finding.get("kind") not in STEP_KINDS or not finding.get("household") or not finding.get("household_to"):
        return None
    own = finding["period"]
    pair = [finding["household"], finding["household_to"]]
    check = _besteedbaar_inkomen(system, pair, own)
    expected = [finding.get("besteedbaar_inkomen_from"), finding.get("besteedbaar_inkomen_to")]
    if check is None or None in expected or any(abs(round(a, 2) - b) > 0.005 for a, b in zip(check, expected)):
        return None  # the household does not reproduce its own finding: say nothing
    there = _besteedbaar_inkomen(system, [_in_month(h, own, period) for h in pair], period)
    if there is None:
        return None
    before, after = round(there[0], 2), round(there[1], 2)
    return {"period": period, "besteedbaar_inkomen_from": before, "besteedbaar_inkomen_to": after,
            "loss": round(before - after, 2), "threshold": (finding.get("threshold") or {}).get("min_change")}


def sentence(card: dict) -> str:
    """What the card's typical household loses at the step in the months where it was not found."""
    parts = []
    for other in card.get("other_periods") or []:
        loss, threshold = other["loss"], other.get("threshold")
        if threshold is not None and loss >= threshold:
            parts.append(f"in {other['period']} verliest hetzelfde huishouden bij deze stap ook {_money(loss)} per maand")
        elif loss > 0.005:
            parts.append(f"in {other['period']} verliest hetzelfde huishouden bij deze stap {_money(loss)} per maand"
                         f" (onder de drempel)")
        elif loss < -0.005:
            parts.append(f"in {other['period']} gaat hetzelfde huishouden er bij deze stap {_money(-loss)} per maand op vooruit")
        else:
            parts.append(f"in {other['period']} verandert het besteedbaar inkomen van hetzelfde huishouden bij deze stap niet")
    if not parts:
        return ""
    text = "; ".join(parts)
    return text[0].upper() + text[1:] + ". "


def _money(value: float) -> str:
    from openfisca_nl_sz.search.cards import money

    return money(value)
