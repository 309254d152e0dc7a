"""Duration of a wage-related benefit from the arbeidsverleden (WW art. 42 lid 2, WIA art. 59 lid 2).

Both laws count one month per calendar year of arbeidsverleden up to ten years; above ten years a
calendar year after 2015 counts half a month and a year before 2016 a whole month. Written once here
because the variables modules are loaded one by one and cannot import each other.
"""

from __future__ import annotations

import numpy as np


def jaar_van_aanvang(period, maanden_sinds_aanvang):
    """The calendar year of the month in which the right began: `period` minus the months since the
    start (0 = the right began this month), per person. WW art. 42 lid 6 and WIA art. 15 count the
    arbeidsverleden in the calendar years BEFORE that year, not before the year of the month computed,
    so a right keeps one duration for as long as it runs."""
    maandindex = period.start.year * 12 + (period.start.month - 1)
    maanden = np.maximum(np.asarray(maanden_sinds_aanvang, dtype=np.int64), 0)
    return (maandindex - maanden) // 12


def jaren_voor_2016_aangenomen(jaren, jaar):
    """Default: the arbeidsverleden is the most recent calendar years before the year the right began
    (`jaar`, a number or an array per person), so the years before 2016 are what does not fit in
    2016 … (jaar − 1)."""
    na_2015_beschikbaar = np.maximum(np.asarray(jaar) - 2016, 0)
    return np.maximum(np.asarray(jaren) - na_2015_beschikbaar, 0)


def duur_in_maanden(jaren, jaren_voor_2016, grens_jaren, per_jaar_daarboven):
    """Months of benefit before the minimum/maximum: pre-2016 years count a month each; later years
    count a month each until `grens_jaren` years are counted, and `per_jaar_daarboven` after that."""
    jaren = np.maximum(np.asarray(jaren, dtype=float), 0)
    voor = np.minimum(np.maximum(np.asarray(jaren_voor_2016, dtype=float), 0), jaren)
    na = jaren - voor
    na_vol = np.clip(grens_jaren - voor, 0, None)
    na_vol = np.minimum(na, na_vol)
    return voor + na_vol + per_jaar_daarboven * (na - na_vol)
