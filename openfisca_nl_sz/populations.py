"""OpenFisca's populations with the role masks computed once per simulation (issue 14 point 2).

Why: every `persoon.has_role(Huishouden.PARTNER)`, `huishouden.sum(x, role=...)` and
`huishouden.value_from_person(x, role)` makes OpenFisca compare the household's `members_role`, an
array of Python `Role` objects, with the role, element by element. The chain does this about a
hundred times per month computed; for 200,000 households that was 30 % of the whole
`besteedbaar_inkomen` (profile of issue 14). The roles of a simulation do not change while it
computes, so each role's mask (and, for the max-1 roles, who holds it in which household) is
computed once and reused.

The cache is keyed on the identity of the `members_role` and `members_entity_id` arrays, so a
simulation whose roles are set again (OpenFisca replaces the array, it never edits it in place)
gets fresh masks. The results are the same arrays OpenFisca computes (tests/speed).

`CountryTaxBenefitSystem.instantiate_entities` creates these populations; a `Reform` of the system
(OpenFisca's class) uses `instantiate_entities` of OpenFisca's base class, so it gets the plain
populations unless it calls `use_fast_populations(reform)`.
"""

from __future__ import annotations

import types

import numpy
from openfisca_core import errors, holders, indexed_enums, projectors, tracers
from openfisca_core.periods import Period
from openfisca_core.populations import GroupPopulation, Population


class _CachedValues:
    """`population(name, period)` by a shorter path than OpenFisca's, with the same result.

    OpenFisca's path (`CorePopulation.__call__` -> `Simulation.calculate` -> `_calculate`) converts
    the period three times, looks the variable up four times, checks the entity and the period, and
    only then finds the array in the holder's memory or runs the formula. For one small household
    that machinery, not the law, was about half of the time (issue 14 point 5): the chain asks for
    about 440 values, of which 200 are computed and the rest are repeats.

    The short path is taken only in the plain case: no options (ADD/DIVIDE), a `Period` object, no
    tracing (so `--trace`, `openfisca test --verbose` and the web API's /trace still see every
    dependency), a non-neutralised, non-eternal variable asked for its own kind of period (a month
    variable for one month), no `start_computation_period`, no disk storage. Then a value in memory
    is returned at once, and otherwise the formula runs exactly as in `Simulation._calculate`: the
    tracer's stack (for the cycle check), `_check_for_cycle`, the formula of the period, the default
    array when the formula gives none, `_cast_formula_result`, `put_in_cache`, the SpiralError
    fallback and the purge of invalidated caches. Everything else goes through OpenFisca unchanged.
    """

    def __call__(self, variable_name, period, options=None):
        simulation = self.simulation
        if options is None and simulation is not None and not simulation.trace and type(period) is Period:
            holder = self._holders.get(variable_name)
            if holder is None:
                # what get_holder does, with one lookup: a variable of this entity gets its holder;
                # anything else (unknown, another entity's) goes to get_holder for its error
                variable = simulation.tax_benefit_system.variables.get(variable_name)
                if variable is not None and variable.entity.key == self.entity.key:
                    holder = self._holders[variable_name] = holders.Holder(variable, self)
                else:
                    holder = self.get_holder(variable_name)
            variable = holder.variable
            storage = holder._memory_storage
            if not variable.is_neutralized and not storage.is_eternal:
                value = storage._arrays.get(period)
                if value is not None:
                    return value
                if (
                    variable.definition_period == period.unit
                    and period.size == 1
                    and simulation.start_computation_period is None
                    and holder._disk_storage is None
                ):
                    return _compute(simulation, self, holder, variable, variable_name, period)
        return super().__call__(variable_name, period, options)


    def __getattr__(self, attribute):
        # `persoon.huishouden`, `huishouden.aanvrager`: OpenFisca makes a new projector on every use
        # (a search through the roles and the populations); the projector of a shortcut depends only
        # on the simulation, so it is made once per simulation. Each method the projector hands out
        # (`persoon.huishouden.sum`) is remembered on the projector too (_CachingProjector).
        if attribute.startswith("__"):
            return super().__getattr__(attribute)
        cache = self.__dict__.get("_nlsz_projectors")
        simulation = self.__dict__.get("simulation")
        if cache is None or cache[0] is not simulation:
            cache = self.__dict__["_nlsz_projectors"] = (simulation, {})
        projector = cache[1].get(attribute)
        if projector is None:
            projector = super().__getattr__(attribute)
            if type(projector) in _CACHING_PROJECTORS:
                projector.__class__ = _CACHING_PROJECTORS[type(projector)]
                cache[1][attribute] = projector
        return projector


class _CachingProjectorMixin:
    """A projector that keeps the projecting functions it hands out (`.sum`, `.value_from_person`,
    `.nb_persons`, a projector of a further shortcut): OpenFisca rebuilds each one, with a search
    through the roles, on every use. Plain attribute values (`.count`, `.members_entity_id`) are not
    kept: they may change."""

    def __getattr__(self, attribute):
        value = super().__getattr__(attribute)
        if isinstance(value, projectors.Projector) or getattr(value, "__name__", None) == "projector_function":
            self.__dict__[attribute] = value
        return value


_CACHING_PROJECTORS = {
    base: type(f"Caching{base.__name__}", (_CachingProjectorMixin, base), {})
    for base in (projectors.EntityToPersonProjector, projectors.UniqueRoleToEntityProjector,
                 projectors.FirstPersonToEntityProjector)
}


def _formula(variable, period):
    """`variable.get_formula(period)`, remembered on the variable per month.

    The memo is checked on every use against the variable's formulas (the same number of start
    dates, the same function at the date found), so a formula replaced or added later, as a reform
    or `formula_defaults.install` does, is seen at once."""
    formulas = variable.formulas
    instant = period.start
    memo = variable.__dict__.get("_nlsz_formula_at")
    if memo is None:
        memo = variable.__dict__["_nlsz_formula_at"] = {}
    entry = memo.get(instant)
    if entry is not None:
        start, formula, count, end = entry
        if count == len(formulas) and end == variable.end and (start is None or formulas.get(start) is formula):
            return formula
    formula = variable.get_formula(period)
    start = next((key for key, value in formulas.items() if value is formula), None) if formula is not None else None
    if formula is None or start is not None:
        memo[instant] = (start, formula, len(formulas), variable.end)
    return formula


def _store(simulation, holder, variable, array, period) -> bool:
    """Put `array` in the holder's memory as `Holder.put_in_cache` would, when that comes down to
    a plain store (a 1-d array of the variable's dtype and the population's length, no memory
    configuration, no cache blacklist); False to leave it to OpenFisca."""
    if (
        type(array) is not numpy.ndarray
        or array.ndim != 1
        or array.dtype != variable.dtype
        or len(array) != holder.population.count
        or holder._do_not_store
        or holder._on_disk_storable
        or simulation.opt_out_cache
    ):
        return False
    holder._memory_storage._arrays[period] = array
    return True


def _run_formula(simulation, population, holder, variable, period):
    """Run the variable's formula for the period, cast the result to the variable's type and keep it:
    the part of `Simulation._calculate` shared by the traced and the untraced path."""
    formula = _formula(variable, period)
    if formula is None:
        array = None
    elif formula.__code__.co_argcount == 2:
        array = formula(population, period)
    else:
        array = formula(population, period, simulation.tax_benefit_system.get_parameters_at_instant)
    if array is None:
        array = holder.default_array()
    if type(array) is numpy.ndarray and variable.value_type is not indexed_enums.Enum:
        if array.dtype != variable.dtype:  # what _cast_formula_result does with an array
            array = array.astype(variable.dtype)
    else:
        array = simulation._cast_formula_result(array, variable)
    if not _store(simulation, holder, variable, array, period):
        holder.put_in_cache(array, period)
    return array


def _compute(simulation, population, holder, variable, name, period):
    """What `Simulation.calculate(name, period)` does for a value not yet in memory (see above)."""
    tracer = simulation.tracer
    if type(tracer) is tracers.SimpleTracer:
        return _compute_simple(simulation, population, holder, variable, name, period, tracer._stack)
    tracer.record_calculation_start(name, period)
    try:
        try:
            simulation._check_for_cycle(name, period)
            array = _run_formula(simulation, population, holder, variable, period)
        except errors.SpiralError:
            array = holder.default_array()
        return array
    finally:
        tracer.record_calculation_end()
        simulation.purge_cache_of_invalid_values()


def _compute_simple(simulation, population, holder, variable, name, period, stack):
    """`_compute` under OpenFisca's SimpleTracer (no tracing), with its bookkeeping inlined: the
    frame pushed on and popped off the tracer's stack as `record_calculation_start`/`_end` do;
    `_check_for_cycle` called only when it can find something (a frame of the same variable below,
    or a spiral limit below 1), since otherwise it finds no previous period and does nothing; the
    purge of invalidated caches only when there are any (otherwise it only replaces an empty set).
    About a tenth of a small household's time went into these calls (issue 14 point 5)."""
    stack.append({"name": name, "period": period})
    try:
        try:
            if simulation.max_spiral_loops < 1 or any(frame["name"] == name for frame in stack[:-1]):
                simulation._check_for_cycle(name, period)
            array = _run_formula(simulation, population, holder, variable, period)
        except errors.SpiralError:
            array = holder.default_array()
        return array
    finally:
        stack.pop()
        if simulation.invalidated_caches:
            simulation.purge_cache_of_invalid_values()


class FastPopulation(_CachedValues, Population):
    """The person population: `has_role` from the group population's cached masks."""

    def clone(self, simulation):
        result = super().clone(simulation)
        result.__class__ = FastPopulation
        return result

    @projectors.projectable
    def has_role(self, role):
        if self.simulation is None:
            return None
        self.entity.check_role_validity(role)
        # the population of the role's entity by its key (a dict lookup), not by get_population's
        # search through all populations by plural; checked to be the same entity
        group_population = self.simulation.populations.get(role.entity.key)
        if group_population is None or group_population.entity.plural != role.entity.plural:
            group_population = self.simulation.get_population(role.entity.plural)
        if isinstance(group_population, FastGroupPopulation):
            return group_population.role_mask(role)
        return super().has_role(role)


class FastGroupPopulation(_CachedValues, GroupPopulation):
    """A group population that keeps, per role, the boolean mask over persons and, for a role with
    at most one member, the persons holding it and their households (for `value_from_person`)."""

    def _role_cache(self) -> dict:
        source = (self._members_role, self._members_entity_id)
        cache = self.__dict__.get("_nlsz_role_cache")
        if cache is None or cache["source"][0] is not source[0] or cache["source"][1] is not source[1]:
            cache = {"source": source, "masks": {}, "holders": {}, "entity_ids": {}}
            self.__dict__["_nlsz_role_cache"] = cache
        return cache

    def role_mask(self, role) -> numpy.ndarray:
        """The persons with `role` (a subrole-aware copy of `Population.has_role`), cached.

        A read-only array: a formula that edits it in place would corrupt every later use."""
        roles = self.members_role  # creates the default roles if none were set, as OpenFisca does
        cache = self._role_cache()
        mask = cache["masks"].get(role.key)
        if mask is None:
            if role.subroles:
                mask = numpy.logical_or.reduce([roles == subrole for subrole in role.subroles])
            else:
                mask = roles == role
            mask = numpy.asarray(mask, dtype=bool)
            mask.flags.writeable = False
            cache["masks"][role.key] = mask
        return mask

    def _holders_of(self, role):
        """(households, persons): for each household that has a member with the max-1 `role`, that
        member; sorted by household."""
        cache = self._role_cache()
        found = cache["holders"].get(role.key)
        if found is None:
            persons = numpy.flatnonzero(self.role_mask(role))
            households = self.members_entity_id[persons]
            order = numpy.argsort(households, kind="stable")
            found = (households[order], persons[order])
            cache["holders"][role.key] = found
        return found

    def _members_entity_id_of(self, role):
        """`members_entity_id[role_mask(role)]`, cached."""
        cache = self._role_cache()
        ids = cache["entity_ids"].get(role.key)
        if ids is None:
            ids = self.members_entity_id[self.role_mask(role)]
            ids.flags.writeable = False
            cache["entity_ids"][role.key] = ids
        return ids

    def clone(self, simulation):
        result = super().clone(simulation)
        result.__class__ = FastGroupPopulation
        return result

    @projectors.projectable
    def sum(self, array, role=None):
        # as GroupPopulation.sum, with the cached mask
        self.entity.check_role_validity(role)
        self.members.check_array_compatible_with_entity(array)
        if role is not None:
            if role.max == 1 and not role.subroles:
                # one member at most per household: his value, added to 0.0 as bincount adds it
                households, persons = self._holders_of(role)
                result = numpy.zeros(self.count)
                result[households] += array[persons]
                return result
            role_filter = self.role_mask(role)
            return numpy.bincount(
                self._members_entity_id_of(role),
                weights=array[role_filter],
                minlength=self.count,
            )
        return numpy.bincount(self.members_entity_id, weights=array)

    @projectors.projectable
    def value_from_person(self, array, role, default=0):
        # as GroupPopulation.value_from_person: the member with the unique role, else `default`
        self.entity.check_role_validity(role)
        if role.max != 1:
            msg = f"You can only use value_from_person with a role that is unique in {self.key}. Role {role.key} is not unique."
            raise Exception(msg)
        self.members.check_array_compatible_with_entity(array)
        result = self.filled_array(default, dtype=array.dtype)
        if isinstance(array, indexed_enums.EnumArray):
            result = indexed_enums.EnumArray(result, array.possible_values)
        households, persons = self._holders_of(role)
        result[households] = array[persons]
        return result

    @projectors.projectable
    def nb_persons(self, role=None):
        if role:
            return self.sum(self.role_mask(role))
        return numpy.bincount(self.members_entity_id)

    def project(self, array, role=None):
        self.check_array_compatible_with_entity(array)
        self.entity.check_role_validity(role)
        if role is None:
            return array[self.members_entity_id]
        return numpy.where(self.role_mask(role), array[self.members_entity_id], 0)


def instantiate_entities(system) -> dict:
    """What `TaxBenefitSystem.instantiate_entities` returns, with the populations above."""
    person = system.person_entity
    members = FastPopulation(person)
    entities = {person.key: members}
    for entity in system.group_entities:
        entities[entity.key] = FastGroupPopulation(entity, members)
    return entities


def use_fast_populations(system):
    """Make `system` (e.g. a Reform) create the populations above; returns `system`."""
    system.instantiate_entities = types.MethodType(instantiate_entities, system)
    return system
