"""Which months the encoded legislation covers, and which amounts a month carries forward.

Two facts a user must never have to guess:

- `FIRST_MONTH` and `LAST_MONTH` bound the months the parameters are encoded for. A month outside
  that range would silently reuse the nearest amounts, so the CLI, the web API and the scenario
  files refuse it (issue 12 point 6 imports these constants).
- Inside the range, an amount that is indexed every half year can still be missing for a half year
  (for instance the kinderbijslag of 1 July 2026, not found in a public source yet). OpenFisca then
  keeps the last value in force, which is legally wrong but silent. `carried_forward` finds those
  amounts by a rule that needs no list to maintain: a parameter is *normally indexed* on 1 January
  or 1 July when its value changed on that day a year earlier; if it has no value dated in the
  half year of the month asked, it was carried forward. `notice` turns that into the one line that
  `nlsz calc`, `nlsz scan` and `nlsz compare` print and store. A parameter that the law stopped
  using says so with `metadata: last_used: "YYYY-MM-DD"` and is not reported after that day.

The rule reads the parameter tree of the tax-benefit system it is given, so a reform or a new
parameter file is covered without touching this module.
"""

from functools import lru_cache

FIRST_MONTH = "2024-01"
LAST_MONTH = "2026-12"


def _month(period):
    """'YYYY-MM' of a period given as a string ('2026-07', '2026-07-01', '2026') or an OpenFisca Period."""
    text = str(period)
    if len(text) == 4:  # a year: its first month
        return text + "-01"
    return text[:7]


def _half_year(month):
    """(year, first month of the half year) of a 'YYYY-MM' month: 1 for January-June, 7 for July-December."""
    year, mon = int(month[:4]), int(month[5:7])
    return year, (1 if mon <= 6 else 7)


def _leaves(node):
    """Every Parameter with dated values under a parameter node, brackets of scales included."""
    for child in node.get_descendants():
        kind = type(child).__name__
        if kind == "Parameter":
            yield child
        elif kind == "ParameterScale":
            for bracket in child.brackets:
                yield from bracket.children.values()


def _value_on(parameter, instant):
    """The value in force on `instant` ('YYYY-MM-DD'), or None before the first date."""
    for at in parameter.values_list:  # newest first
        if at.instant_str <= instant:
            return at.value
    return None


def _scale_name(parameter):
    """Report a bracket leaf ('x.y[0].amount') under its scale's name ('x.y'): one amount table, one name."""
    name = parameter.name
    return name.split("[", 1)[0]


@lru_cache(maxsize=64)
def _carried_forward(parameters, year, start_month):
    first_day = f"{year}-{start_month:02d}-01"
    last_day = f"{year}-{start_month + 5:02d}-31"
    a_year_earlier = f"{year - 1}-{start_month:02d}-01"
    names = set()
    for parameter in _leaves(parameters):
        dates = [at.instant_str for at in parameter.values_list]
        if a_year_earlier not in dates:
            continue
        # Was it really indexed a year earlier (the value changed that day)? Constants such as ages
        # and percentages are repeated on every date without changing; they are not indexed.
        values = sorted(parameter.values_list, key=lambda at: at.instant_str)
        index = [at.instant_str for at in values].index(a_year_earlier)
        if index == 0 or values[index].value == values[index - 1].value or values[index].value is None:
            continue
        if any(first_day <= d <= last_day for d in dates):
            continue
        # A parameter the law stopped using (metadata `last_used`, e.g. the 2024-2025 huurtoeslag
        # basishuur formula) keeps its last value harmlessly: nothing reads it any more.
        last_used = str((parameter.metadata or {}).get("last_used", "9999-12-31"))
        if last_used < first_day:
            continue
        names.add(_scale_name(parameter))
    return tuple(sorted(names))


def carried_forward(tax_benefit_system, period):
    """Names of the normally indexed parameters with no value of their own in the half year of `period`.

    Sorted; empty when every such amount was found. `period` is a month ('2026-07'), a day or a year.
    """
    year, start_month = _half_year(_month(period))
    return list(_carried_forward(tax_benefit_system.parameters, year, start_month))


def carried_from(period):
    """The month whose amounts stay in force: the start of the half year before `period`'s."""
    year, start_month = _half_year(_month(period))
    return f"{year}-01" if start_month == 7 else f"{year - 1}-07"


def notice(tax_benefit_system, period):
    """One line for the user, or None: 'amounts carried forward from 2026-01: kinderbijslag.bedrag_per_kwartaal'."""
    names = carried_forward(tax_benefit_system, period)
    if not names:
        return None
    return f"amounts carried forward from {carried_from(period)}: {', '.join(names)}"


def period_notes(tax_benefit_system, periods):
    """{month: notice} for the months of `periods` that carry amounts forward (others left out)."""
    notes = {}
    for period in periods:
        line = notice(tax_benefit_system, period)
        if line:
            notes[_month(period)] = line
    return notes
