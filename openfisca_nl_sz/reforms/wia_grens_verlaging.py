"""Lower the WIA access threshold (toegangsgrens) below 35% and add the new AO-klassen.

The law (WIA art. 5 with art. 54) gives a WGA benefit from 35% incapacity; the classes of art. 61
lid 6 start at 35%. A lower threshold needs classes below 35% with a vervolguitkering percentage
(the G of art. 61 lid 5-6 and art. 62). Those percentages are NOT law: they are a modelling choice.

Default: 21% of the minimumloon for the class 25-35 and 14% for 15-25. Reasoning: the existing
classes step by 7 points per 10 AO-points at the bottom (35-45 → 28%, 45-55 → 35%, 55-65 → 42%);
extending the same steps downward gives 21% and 14% (the WIA art. 61 lid 5-6 / art. 62 class
table, https://wetten.overheid.nl/BWBR0019057/2025-01-01#Artikel62; an extrapolation, not law). The StvdA advice (2020) that proposed 25% or 15% gave no percentages.

Everything else (LGU, LAU, inkomenseis, IVA) follows the existing WIA rules: the reform only moves
`wia.toegangsgrens` and inserts brackets into `wia.vervolguitkering.percentage`.
"""

from __future__ import annotations

from openfisca_core import periods
from openfisca_core.parameters import ParameterScaleBracket
from openfisca_core.reforms import Reform

from openfisca_nl_sz.errors import InputError
from openfisca_nl_sz.reforms import Option

NAME = "wia_grens_verlaging"
DESCRIPTION = "WIA-toegangsgrens below 35% with new AO-klassen and vervolguitkering percentages (assumption)"

OPTIONS = {
    "toegangsgrens": Option(float, 25.0, minimum=0, maximum=35,
                            doc="New access threshold in % arbeidsongeschiktheid (law: 35)."),
    "nieuwe_klassen": Option(list, [[25, 0.21], [15, 0.14]],
                             doc="Classes below 35: [lower bound in %, vervolguitkering as fraction of the "
                                 "minimumloon]. Only classes at or above the new toegangsgrens are used. "
                                 "Default extrapolates the 7-point steps of art. 61 lid 6 (not law)."),
}

SCALE = "wia.vervolguitkering.percentage"
GRENS = "wia.toegangsgrens"


def check(options: dict, source: str, field: str) -> None:
    grens = options["toegangsgrens"]
    classes = options["nieuwe_klassen"]
    for i, item in enumerate(classes):
        f = f"{field}.nieuwe_klassen[{i}]"
        if (not isinstance(item, list) or len(item) != 2
                or not all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in item)):
            raise InputError(source, f, f"must be [lower bound %, fraction], e.g. [25, 0.21]; got {item!r}")
        lower, fraction = item
        if not 0 <= lower < 35:
            raise InputError(source, f, f"lower bound must be in [0, 35), got {lower}")
        if not 0 <= fraction <= 0.28:
            raise InputError(source, f, f"fraction must be in [0, 0.28] (the 35-45 class pays 0.28), got {fraction}")
    covered = sorted(lower for lower, _ in classes if lower >= grens)
    if grens < 35 and (not covered or covered[0] > grens):
        raise InputError(source, f"{field}.nieuwe_klassen",
                         f"no class starts at the new toegangsgrens {grens}: add [{grens:g}, <fraction>] "
                         "(otherwise the new group gets a vervolguitkering of 0)")


def _find(parameters, dotted):
    node = parameters
    for part in dotted.split("."):
        node = node.children[part]
    return node


def build(baseline, options: dict, start: str, stop: str | None = None):
    grens = float(options["toegangsgrens"])
    classes = [(float(lo), float(frac)) for lo, frac in options["nieuwe_klassen"] if lo >= grens]
    start_i = periods.instant(start)
    stop_i = periods.instant(stop) if stop else None

    def modify(parameters):
        _find(parameters, GRENS).update(start=start_i, stop=stop_i, value=grens)
        scale = _find(parameters, SCALE)
        # A bracket that is neutral (threshold 0, amount 0: SingleAmountTaxScale adds amounts of equal
        # thresholds) before `start` and after `stop`, and the new class in between.
        first = min(v.instant_str for v in scale.brackets[0].children["threshold"].values_list)
        for lower, fraction in classes:
            values_t = {first: {"value": 0}, start: {"value": lower}}
            values_a = {first: {"value": 0}, start: {"value": fraction}}
            if stop:
                after = str(stop_i.offset(1, "day"))
                values_t[after] = {"value": 0}
                values_a[after] = {"value": 0}
            bracket = ParameterScaleBracket(
                name=f"{SCALE}[{len(scale.brackets)}]",
                data={"threshold": {"values": values_t}, "amount": {"values": values_a}},
                file_path=None,
            )
            scale.brackets.append(bracket)
        return parameters

    class WiaGrensVerlaging(Reform):
        name = f"WIA-toegangsgrens {grens:g}% (nieuwe klassen {classes})"

        def apply(self):
            self.modify_parameters(modifier_function=modify)

    return WiaGrensVerlaging(baseline)
