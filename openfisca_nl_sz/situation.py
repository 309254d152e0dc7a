"""Read, check and simulate one situation file (OpenFisca situation in YAML or JSON).

The checks run before OpenFisca sees the file, so that an analyst's typo gets a sentence naming
the field instead of a stack trace. They live in `openfisca_nl_sz.validation` (one layer for calc,
the web API, scan templates and populations); this module reads the file with that layer's rules
(`load_file`), refuses months outside the legislation (`check_period`), finds the month the file
gives (`check_situation`, `infer_period`) and builds the simulation (`build`).
"""

from __future__ import annotations

import re

from openfisca_core.errors import SituationParsingError
from openfisca_core.simulations import SimulationBuilder

from openfisca_nl_sz.errors import InputError, one_line

MONTH_PATTERN = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
YEAR_PATTERN = re.compile(r"^\d{4}$")
ENTITY_KEYS = {"personen": "persoon", "huishoudens": "huishouden"}
ROLE_KEYS = {"aanvragers", "partners", "kinderen", "medebewoners"}
# Each max-1 role has a singular spelling too, as OpenFisca accepts for max-1 roles.
ROLE_KEYS_SINGULAR = {"aanvrager", "partner"}
ROLE_LIST = "aanvragers, partners, kinderen, medebewoners"
_MAX_MESSAGE = 300


def check_period(source: str, field: str, value: str) -> str:
    """`value` if it is a month the legislation covers (validation.check_period), else InputError."""
    from openfisca_nl_sz.validation import check_period as check_covered

    return check_covered(value, source, field)


def load_file(path: str) -> dict:
    """A situation file parsed under the rules of validation.loading (size limit, no repeated keys,
    no alias bombs); InputError when it is not a mapping. The limits are `nlsz calc`'s
    (CALC_MAX_BYTES, CALC_MAX_NODES): the simulation is built in linear time (`build`)."""
    from openfisca_nl_sz.validation.loading import CALC_MAX_BYTES, CALC_MAX_NODES
    from openfisca_nl_sz.validation.loading import load_file as load_checked

    data = load_checked(path, max_bytes=CALC_MAX_BYTES, max_nodes=CALC_MAX_NODES)
    if not isinstance(data, dict):
        raise InputError(str(path), "file", "must be a mapping with 'personen' and 'huishoudens'")
    return data


def check_situation(tax_benefit_system, situation: dict, source: str) -> set[str]:
    """The period-independent checks (structure, at most CALC_MAX_PERSONS persons); return the set
    of months the inputs name."""
    from openfisca_nl_sz.validation.situations import CALC_MAX_PERSONS, check_structure, dated_months

    check_structure(source, situation, CALC_MAX_PERSONS)
    return dated_months(tax_benefit_system, situation, source)


def infer_period(months: set[str], source: str) -> str:
    """The month to compute when --period is not given: the one month the file names (the latest
    if several; the values of the other months are then refused by the validation)."""
    if not months:
        raise InputError(source, "--period", "the file gives no month; pass --period YYYY-MM")
    return max(months)


def _first_error_path(error, prefix=()):
    """The first (field, message) in OpenFisca's nested error dict."""
    if isinstance(error, dict):
        for key, value in error.items():
            if isinstance(value, (dict, list)):
                return _first_error_path(value, prefix + (str(key),))
            return ".".join(prefix + (str(key),)), str(value)
        return ".".join(prefix), ""
    if isinstance(error, list):  # OpenFisca reports per-member lists with None for the members without error
        for index, value in enumerate(error):
            if value is not None:
                if isinstance(value, (dict, list)):
                    return _first_error_path(value, prefix)
                return ".".join(prefix), str(value)
        return ".".join(prefix), ""
    return ".".join(prefix), str(error)


def _one_line(message: str) -> str:
    return one_line(message, _MAX_MESSAGE)


def build(tax_benefit_system, situation: dict, period: str, source: str):
    """The simulation of a validated situation (`validation.validate_situation`'s result).

    Built from arrays (`build_from_arrays`), in time linear in the number of persons; if that path
    refuses anything, OpenFisca's own dict builder builds it, so that its error names the field."""
    try:
        simulation = build_from_arrays(tax_benefit_system, situation, period)
    except Exception:  # noqa: BLE001 - any doubt: the dict builder decides, and words the error
        simulation = None
    if simulation is not None:
        return simulation
    return build_from_dict(tax_benefit_system, situation, period, source)


def build_from_dict(tax_benefit_system, situation: dict, period: str, source: str):
    """OpenFisca's dict builder (`SimulationBuilder.build_from_entities`): quadratic in the number of
    persons (each id is looked up in a list), kept for its error messages and as the reference."""
    builder = SimulationBuilder()
    builder.set_default_period(period)
    try:
        return builder.build_from_entities(tax_benefit_system, situation)
    except SituationParsingError as error:
        field, message = _first_error_path(error.error)
        raise InputError(source, field or "situation", _one_line(message))
    except (ValueError, TypeError, KeyError) as error:
        raise InputError(source, "situation", f"cannot be read by OpenFisca: {_one_line(error)}")


def build_from_arrays(tax_benefit_system, situation: dict, period: str):
    """The simulation `build_from_dict` gives for a validated situation, built in linear time.

    Why: OpenFisca's dict builder looks every person and household id up in a list, so a situation
    of 10,000 persons took 10 s and one of 50,000 more than two minutes (issue 14 point 4). Here the
    ids are looked up in dicts and each input becomes one numpy array, converted to the variable's
    dtype at once; the builder's own last step (`finalize_variables_init`: counts, ids,
    memberships, roles, and `set_input` per variable and period, in the same order) then runs
    unchanged, so the simulation holds the same arrays (tests/speed compares the two).

    Returns None when the situation is not of the validated form (a person in no household or in
    two, a role key or value this path does not know): the caller then uses the dict builder.
    """
    from openfisca_core.indexed_enums import Enum
    from openfisca_core.simulations import Simulation

    import numpy

    persons_json = situation.get("personen")
    households_json = situation.get("huishoudens")
    if not isinstance(persons_json, dict) or not persons_json or not isinstance(households_json, dict):
        return None
    person_entity = tax_benefit_system.person_entity
    group_entities = tax_benefit_system.group_entities
    if len(group_entities) != 1 or group_entities[0].plural != "huishoudens" or person_entity.plural != "personen":
        return None
    household_entity = group_entities[0]

    builder = SimulationBuilder()
    builder.set_default_period(period)
    populations = tax_benefit_system.instantiate_entities()
    simulation = Simulation(tax_benefit_system, populations)
    # (no builder.register_variables: it maps every variable to its entity for axes, which a
    # validated situation does not have; a tenth of a one-household calc)

    person_ids = [str(key) for key in persons_json]
    person_index = {key: index for index, key in enumerate(person_ids)}
    if len(person_index) != len(person_ids):
        return None
    household_ids = [str(key) for key in households_json]
    if len(set(household_ids)) != len(household_ids):
        return None

    # memberships and roles, as SimulationBuilder.add_group_entity sets them
    membership = numpy.full(len(person_ids), -1, dtype=numpy.int32)
    roles = numpy.empty(len(person_ids), dtype=object)
    role_keys = {role.plural or role.key: role for role in household_entity.roles}
    household_values = []
    for household_position, household in enumerate(households_json.values()):
        if not isinstance(household, dict):
            return None
        values = {}
        for key, value in household.items():
            role = role_keys.get(key)
            if role is None:
                values[key] = value
                continue
            if not isinstance(value, list) or (role.max is not None and len(value) > role.max):
                return None
            for within_role, member in enumerate(value):
                index = person_index.get(member) if isinstance(member, str) else None
                if index is None or membership[index] != -1:
                    return None
                membership[index] = household_position
                roles[index] = role.subroles[within_role] if role.subroles else role
        household_values.append(values)
    if (membership == -1).any():
        return None  # a person in no household: OpenFisca would give him one of his own

    builder.persons_plural = person_entity.plural
    builder.entity_ids = {person_entity.plural: person_ids, household_entity.plural: household_ids}
    builder.entity_counts = {person_entity.plural: len(person_ids), household_entity.plural: len(household_ids)}
    builder.memberships = {household_entity.plural: membership.tolist()}
    builder.roles = {household_entity.plural: roles.tolist()}

    # the inputs: per variable (in order of first appearance, as the dict builder meets them) and
    # per period, the entities' positions and values
    default_period = builder.default_period
    period_keys: dict = {}

    def period_key(text):
        key = period_keys.get(text)
        if key is None:
            key = period_keys[text] = str(_parsed_period(text))
        return key

    collected: dict = {}
    for entity, members in ((person_entity, persons_json.values()), (household_entity, household_values)):
        for position, member in enumerate(members):
            if not isinstance(member, dict):
                return None
            for name, value in member.items():
                variable = entity.get_variable(name)
                if variable is None or variable.entity.key != entity.key:
                    return None
                items = value.items() if isinstance(value, dict) else ((default_period, value),)
                per_period = collected.setdefault(name, (entity, variable, {}))[2]
                for text, item in items:
                    if item is None:
                        continue
                    positions, found = per_period.setdefault(period_key(str(text)), ([], []))
                    positions.append(position)
                    found.append(item)

    for name, (entity, variable, per_period) in collected.items():
        count = builder.entity_counts[entity.plural]
        buffer = builder.input_buffer.setdefault(name, {})
        for key, (positions, found) in per_period.items():
            array = variable.default_array(count)
            if variable.value_type in (float, int) and all(type(item) in (int, float) for item in found):
                converted = numpy.array(found, dtype=variable.dtype)
            elif variable.value_type is bool and all(type(item) is bool for item in found):
                converted = numpy.array(found, dtype=variable.dtype)
            elif variable.value_type is Enum or variable.value_type not in (float, int, bool):
                converted = [variable.check_set_value(item) for item in found]
            else:
                return None
            # a later value for the same entity and period wins, as in the dict builder
            array[numpy.asarray(positions, dtype=numpy.int64)] = converted
            buffer[key] = array

    _finalize_variables_init(builder, simulation.persons)
    _finalize_variables_init(builder, simulation.populations[household_entity.key])
    return simulation


_PERIODS: dict = {}


def _parsed_period(text: str):
    """`periods.period(text)`, remembered: parsing a period text (pendulum) was a third of building
    a one-household simulation (issue 14 point 5). A Period is an immutable tuple, safe to share."""
    found = _PERIODS.get(text)
    if found is None:
        from openfisca_core import periods

        found = periods.period(text)
        if len(_PERIODS) < 10_000:  # a bound, against a stream of odd period texts
            _PERIODS[text] = found
    return found


def _finalize_variables_init(builder, population) -> None:
    """`SimulationBuilder.finalize_variables_init` (openfisca-core 46) line for line, with the period
    texts of the input buffer parsed once per text (`_parsed_period`) instead of on every build."""
    import numpy
    from openfisca_core import periods

    plural_key = population.entity.plural
    if plural_key in builder.entity_counts:
        population.count = builder.get_count(plural_key)
        population.ids = builder.get_ids(plural_key)
    if plural_key in builder.memberships:
        population.members_entity_id = numpy.array(builder.get_memberships(plural_key))
        population.members_role = numpy.array(builder.get_roles(plural_key))
    for variable_name in builder.input_buffer:
        try:
            holder = population.get_holder(variable_name)
        except ValueError:  # another entity's variable
            continue
        buffer = builder.input_buffer[variable_name]
        unsorted_periods = [_parsed_period(period_str) for period_str in buffer]
        # small periods first, for set_input
        sorted_periods = sorted(unsorted_periods, key=periods.key_period_size)
        for period_value in sorted_periods:
            values = buffer[str(period_value)]
            array = numpy.tile(values, population.count // len(values))
            variable = holder.variable
            if (variable.end is None) or (period_value.start.date <= variable.end):
                holder.set_input(period_value, array)
