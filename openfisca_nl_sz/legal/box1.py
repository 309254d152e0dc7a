"""Pure box-1 tax functions (Wet IB 2001, below the AOW age), shared by the variable modules.

The variable modules in `variables/` are loaded from their files by the tax-benefit system and
cannot import each other, so the bracket, premium and algemene-heffingskorting arithmetic lives here
once: `variables/inkomstenbelasting.py`, `variables/heffingskortingen.py` and the gross-up of the
bijstand (`variables/bijstand_fiscaal.py`) all call these functions.

Every function takes a yearly income (numpy array, € per year) and `parameters(period)` (the
parameter tree at the period's instant) and is vectorised over the array.
"""

import numpy as np


def euro_down(amount):
    """Whole euros, rounded down, after first rounding to cents (so float32 noise does not lose a euro)."""
    return np.floor(np.round(np.asarray(amount, dtype=np.float64), 2))


def belasting(inkomen, parameters):
    """Tax part of the box-1 tariff (art. 2.10) over the income rounded down to whole euros, per year."""
    grondslag = euro_down(np.maximum(inkomen, 0))
    return parameters.inkomstenbelasting.tarief.belasting.calc(grondslag)


def premie_volksverzekeringen(inkomen, parameters):
    """Premies AOW, Anw and Wlz over the income (whole euros down) up to the maximum premie-inkomen, per year."""
    premies = parameters.inkomstenbelasting.premies_volksverzekeringen
    grondslag = euro_down(np.maximum(inkomen, 0))
    return premies.percentage * np.minimum(grondslag, premies.maximum_premie_inkomen)


def heffing_voor_kortingen(inkomen, parameters):
    """Box-1 tax plus premies volksverzekeringen before heffingskortingen, per year."""
    return belasting(inkomen, parameters) + premie_volksverzekeringen(inkomen, parameters)


def algemene_heffingskorting(inkomen, parameters):
    """Algemene heffingskorting (art. 8.10): the maximum minus the afbouw over the income (whole euros down) above the afbouwpunt, never below 0."""
    ahk = parameters.inkomstenbelasting.heffingskortingen.algemene_heffingskorting
    grondslag = euro_down(np.maximum(inkomen, 0))
    afbouw = ahk.afbouwpercentage * np.maximum(grondslag - ahk.afbouwpunt, 0)
    return np.maximum(ahk.maximum - afbouw, 0)


def heffing_na_algemene_heffingskorting(inkomen, parameters):
    """Tax + premies after the algemene heffingskorting only, never below 0, per year (not rounded).

    This is what a payer that applies the loonheffingskorting withholds on a yearly basis when the
    income it pays carries no arbeidskorting (a benefit); used for the gross-up of the bijstand.
    """
    return np.maximum(
        heffing_voor_kortingen(inkomen, parameters) - algemene_heffingskorting(inkomen, parameters), 0
    )
