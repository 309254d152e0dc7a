"""Inputs with a formula default: a given value where the situation gives one, the formula elsewhere.

Some inputs of the contract have a default that is a formula, not a constant: the resterende
verdiencapaciteit follows from the AO% and the maandloon, the durations of the loongerelateerde
WGA-uitkering and of the WW follow from the arbeidsverleden. Plain OpenFisca cannot express this
per entity. When a situation gives such an input for one person, OpenFisca's SimulationBuilder fills
every other person with the variable's `default_value`, and the formula never runs for anybody: in
a couple where only Anna's resterende verdiencapaciteit is given, Bob's became 0, and Bob (WGA 50 %,
no work) got a loonaanvullingsuitkering of € 2,283.75 instead of his vervolguitkering of € 867.28.

The mechanism, declared in the variable with one line::

    class resterende_verdiencapaciteit(Variable):
        ...
        set_input = given_or_formula   # a given value wins; without one, the formula below

and put in place by `install` when the tax-benefit system is built:

- `<name>_opgegeven` is added: a plain input whose default, `NOT_GIVEN` (-1), means "not given".
  None of these inputs can be negative (`input_ranges.INPUT_RANGES`), so -1 is never a real value.
- `<name>`'s `default_value` becomes `NOT_GIVEN`, so the entities the situation leaves out are
  marked, not silently set to 0.
- OpenFisca's `Holder.set_input` hands every value given for `<name>` (situation, web API, arrays,
  YAML test) to `given_or_formula`, which stores it in `<name>_opgegeven` instead of `<name>`. So
  `<name>` itself never holds an input, and its formula always runs. Values given under either
  name are merged per entity: an entity marked `NOT_GIVEN` keeps what another input gave it.
- Each formula of `<name>` is wrapped: `where(given != NOT_GIVEN, given, formula)`, vectorised over
  all entities at once; when every entity gave a value, the formula is not evaluated at all.

So the contract's names keep working as inputs with the same meaning, each entity gets its own value,
and nothing else in the package (calc, web API, populations, search) has to know. Arrays built by
hand (`population.Population`) mark a missing value with `NOT_GIVEN`, which is what
`search.household.to_population` does by filling with the variable's `default_value`.

A reform that replaces the formula of such a variable declares `set_input = given_or_formula` too and
calls `install(self)` at the end of its `apply()`, so that its new formula is wrapped
(`install` is idempotent). A new public input with a formula default gets the same one line, and
its name in `input_ranges.INPUTS_WITH_FORMULA_DEFAULT`; tests/metamorphic fails until both are there.
"""

from __future__ import annotations

import functools

import numpy as np
from openfisca_core import errors
from openfisca_core.model_api import Variable, where

#: The value of `<name>_opgegeven` (and of `<name>` in a raw input array) that means "not given".
NOT_GIVEN = -1

#: Suffix of the input that holds the given values.
SUFFIX = "_opgegeven"

# Formula start date OpenFisca gives an undated `formula`; a wrapper is added there when the first
# formula starts later, so that before it a given value still wins over the declared default.
_EARLIEST = "0001-01-01"


def given_name(name: str) -> str:
    """The name of the input that holds the given values of `name`."""
    return name + SUFFIX


def given_or_formula(holder, period, array):
    """`set_input` hook of a variable with a formula default: keep the given values in its
    `<name>_opgegeven` input instead of in the variable itself, so that its formula still runs."""
    variable = holder.variable
    target = holder.population.get_holder(given_name(variable.name))
    try:
        return target.set_input(period, array)
    except errors.PeriodMismatchError as error:
        # name the variable the user wrote, so error messages point at the right field
        message = error.message.replace(given_name(variable.name), variable.name)
        raise errors.PeriodMismatchError(variable.name, error.period, error.definition_period, message) from None


def _merge_given(holder, period, array):
    """`set_input` hook of `<name>_opgegeven`: entities marked NOT_GIVEN keep what an earlier input
    gave them, so a situation may give `<name>` for one person and `<name>_opgegeven` for another."""
    values = np.asarray(array)
    if values.ndim == 0:
        values = values.reshape(1)
    earlier = holder.get_array(period)
    if earlier is not None and earlier.shape == values.shape:
        values = where(values != NOT_GIVEN, values, earlier)
    # Holder._set is what Holder.set_input ends with when a variable has no hook: it checks the
    # period and the length and converts the dtype.
    return holder._set(period, values)


def install(system) -> list[str]:
    """Put the mechanism in place for every variable of `system` declared with `given_or_formula`.

    Returns the names of those variables. Idempotent: variables already installed are skipped,
    except that a formula replaced since (by a reform) is wrapped.
    """
    names = []
    for name, variable in sorted(system.variables.items()):
        if variable.set_input is not given_or_formula:
            continue
        if not variable.formulas:
            raise TypeError(f"{name}: set_input = given_or_formula needs a formula (the default)")
        if variable.value_type not in (int, float):
            raise TypeError(f"{name}: given_or_formula needs a numeric variable (NOT_GIVEN is {NOT_GIVEN})")
        if given_name(name) not in system.variables:
            system.add_variable(_given_variable(variable))
            # kept for the months before the first formula (see _wrap_formulas)
            variable.declared_default_value = variable.default_value
            variable.default_value = NOT_GIVEN
        _wrap_formulas(variable)
        names.append(name)
    return names


def _given_variable(variable) -> type:
    """The `<name>_opgegeven` input: same entity, type and period as `variable`, default NOT_GIVEN."""
    attributes = {
        "value_type": variable.value_type,
        "entity": variable.entity,
        "definition_period": variable.definition_period,
        "default_value": NOT_GIVEN,
        "set_input": _merge_given,
        "label": f"{variable.label} — as given in the situation ({NOT_GIVEN}: not given)",
        "reference": variable.reference,
        "documentation": (
            f"Where a value given for `{variable.name}` is kept, so that the formula of "
            f"`{variable.name}` still runs for the entities without one. Give `{variable.name}` "
            f"itself; {NOT_GIVEN} (the default) means not given. See openfisca_nl_sz/formula_defaults.py."
        ),
        "__module__": __name__,
    }
    if variable.unit is not None:
        attributes["unit"] = variable.unit
    return type(given_name(variable.name), (Variable,), attributes)


def _wrap_formulas(variable) -> None:
    name = given_name(variable.name)
    for start, formula in list(variable.formulas.items()):
        if not getattr(formula, "_given_or_formula", False):
            variable.formulas[start] = _wrapped(formula, name)
    first = variable.formulas.keys()[0]
    if first > _EARLIEST:
        declared = getattr(variable, "declared_default_value", 0)
        variable.formulas[_EARLIEST] = _before_first_formula(name, declared)


def _wrapped(formula, name: str):
    takes_parameters = formula.__code__.co_argcount >= 3

    @functools.wraps(formula)  # the web API shows the law's formula, not this wrapper
    def wrapper(entity, period, parameters):
        given = entity(name, period)
        is_given = given != NOT_GIVEN
        if is_given.all():
            return given
        default = formula(entity, period, parameters) if takes_parameters else formula(entity, period)
        return where(is_given, given, default)

    wrapper._given_or_formula = True
    return wrapper


def _before_first_formula(name: str, declared_default):
    def given_or_declared_default(entity, period, parameters):
        """Before the first formula of the law: the given value, else the declared default."""
        given = entity(name, period)
        return where(given != NOT_GIVEN, given, declared_default)

    given_or_declared_default._given_or_formula = True
    return given_or_declared_default
