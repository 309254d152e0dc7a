"""What an input is when a situation leaves it out, and why (issue 12 point 7).

`leeftijd` has no default any more: a person without an age is refused (`validation.situations`),
because the age decides the norms, the AOW age and the toeslagen and 40 was a guess. Every other
input keeps its default; this table says why that default is the right reading of "not given".
`nlsz variables --defaults` prints it.
"""

from __future__ import annotations

#: Inputs that must be given: a missing value is an error naming the person.
REQUIRED = {"leeftijd": "no default: the age decides the Pw/TW norms, the AOW age, the WML youth rates and every toeslag"}

#: input -> why its default is right when the situation leaves it out.
DEFAULT_REASONS: dict[str, str] = {
    "loon": "no wage unless one is given",
    "vermogen": "no assets unless given; the asset tests then pass",
    "arbeidsongeschiktheidspercentage": "not assessed for the WIA: no incapacity",
    "wia_dagloon": "no WIA claim unless a dagloon is given",
    "wia_duurzaam": "incapacity is not durable unless said so (IVA needs it stated)",
    "wia_maanden_sinds_aanvang": "the first month of the WIA benefit",
    "wia_voldoet_aan_referte_eis": "most WIA claimants meet the 26-of-36-weeks test; say false for those who do not",
    "wia_arbeidsverleden_jaren": "no known work history: the shortest loongerelateerde duration (3 months)",
    "wia_arbeidsverleden_jaren_voor_2016": "formula: derived from wia_arbeidsverleden_jaren and the year computed (see the variable's documentation)",
    "resterende_verdiencapaciteit": "formula: (100 - AO%) of the maandloon, as the UWV assessment sets it",
    "wga_lgu_duur_maanden": "formula: from the arbeidsverleden (WIA art. 59)",
    "ww_dagloon": "no WW claim unless a dagloon is given",
    "ww_maanden_sinds_aanvang": "the first month of the WW benefit",
    "ww_voldoet_aan_referte_eis": "a WW claim given by its dagloon is assumed to meet the weken-eis",
    "ww_voldoet_aan_jareneis": "a WW claim given by its dagloon is assumed to meet the jareneis",
    "ww_arbeidsverleden_jaren": "no known work history: the minimum WW duration (3 months)",
    "ww_arbeidsverleden_jaren_voor_2016": "formula: derived from ww_arbeidsverleden_jaren and the year computed (see the variable's documentation)",
    "ww_duur_maanden": "formula: from the arbeidsverleden (WW art. 42)",
    "ww_arbeidsuren": "no hours worked in the month",
    "ww_belastbare_uren": "no limitation from a WIA/ZW assessment",
    "ww_gemiddeld_aantal_arbeidsuren": "not given: the WW hours test is not applied",
    "ww_werkloos_uit_andere_dienstbetrekking": "the WW claim comes from the job behind the WIA benefit",
    "ww_werkloosheid_na_aanvang_lgu": "unemployment began after the loongerelateerde WGA started (the usual order)",
    "huur": "no rent (owner-occupier or no rented home): no huurtoeslag",
    "servicekosten": "no subsidisable service charges",
    "zt_woonlandfactor": "living in the Netherlands: factor 1",
    "zt_verzekeringsplichtig": "everyone living in the Netherlands is insured under the Zvw",
    "studeert_met_studiefinanciering": "not a student with studiefinanciering",
    "bijstand_maanden_sinds_aanvang": "the first month of the bijstand",
    "pw_vrijlating_maanden_gebruikt": "the art. 31 lid 2 n vrijlating not used yet",
    "pw_vrijlating_r_maanden_gebruikt": "the art. 31 lid 2 r vrijlating not used yet",
    "pw_commerciele_medebewoner": "a medebewoner is a kostendeler unless living there on a commercial basis",
    "pw_medisch_urenbeperkt": "not medisch urenbeperkt unless the college found so",
    "pw_uitsluitingsgrond": "no other ground of Pw art. 13 excludes the person",
    "pw_verhoging_jongerennorm_toegekend": "the college has not raised the jongerennorm",
    "tw_vrijlating_maanden_gebruikt": "the TW vrijlating not used yet",
    "aanvullend_pensioen": "no aanvullend pensioen unless given",
    "aow_opbouwpercentage": "a full AOW: no uninsured years (2 % less per uninsured year, AOW art. 13)",
}


def _shown(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if hasattr(value, "name"):
        return value.name
    return str(value)


def defaults_table(tax_benefit_system, search: str = "") -> str:
    """One line per input: name, entity, default, reason. `_opgegeven` helpers are left out."""
    from openfisca_nl_sz.validation.situations import accepts_input

    lines = []
    for name in sorted(tax_benefit_system.variables):
        if search and search not in name:
            continue
        variable = tax_benefit_system.variables[name]
        if name.endswith("_opgegeven") or not accepts_input(tax_benefit_system, name):
            continue
        if name in REQUIRED:
            default, reason = "(required)", REQUIRED[name]
        else:
            formula = f"{name}_opgegeven" in tax_benefit_system.variables
            default = "(formula)" if formula else _shown(variable.default_value)
            reason = DEFAULT_REASONS.get(name, "no reason recorded yet: see the variable's documentation")
        lines.append(f"{name:42} {variable.entity.key:11} {default:>11}  {reason}\n")
    return "".join(lines)
