"""A checked /calculate request answered without the second trip through OpenFisca's Flask app
(issue 14 point 5: "one household fast", the web API).

Why: after serve/checks.py has parsed and validated a request, the slow path encoded the situation
as JSON again, built a WSGI request for OpenFisca's app, let Flask parse it, and let OpenFisca's
handler build the simulation with its dict builder (`SimulationBuilder.build_from_entities`). Here
the checked situation is built from arrays (situation.build_from_arrays, the builder of `nlsz calc`,
which tests/speed compares with the dict builder) and the values asked for are filled in exactly as
`openfisca_web_api.handlers.calculate` fills them; the answer is then serialised by the app's own
JSON provider and passes its own after-request handlers, so body and headers are the same bytes.

Whenever anything is out of the ordinary, `answer` returns None and the caller takes the slow path,
which then gives OpenFisca's own answer or error: a situation the array builder refuses, a value
not given per period, a computation that raises, a result that is not a finite number, or an
OpenFisca handler that is not the one mirrored here (a plug-in or a test replaced it).
"""

from __future__ import annotations

import json

from openfisca_core.indexed_enums import Enum
from openfisca_web_api import handlers

from openfisca_nl_sz import situation as situation_io

#: The handler whose answer `answer` reproduces; if `handlers.calculate` is another one, defer to it.
MIRRORED_HANDLER = handlers.calculate


def _periodised(situation: dict, role_keys) -> bool:
    """Every input is given per period ({period: value}), as the API's own builder needs it."""
    for plural, members in situation.items():
        if not isinstance(members, dict):
            return False
        for member in members.values():
            if not isinstance(member, dict):
                return False
            for name, value in member.items():
                if not isinstance(value, dict) and not (plural == "huishoudens" and name in role_keys):
                    return False
    return True


def _value(variable, result, index):
    """One entity's value as `openfisca_web_api.handlers.calculate` writes it."""
    if variable.value_type == Enum:
        return result.decode()[index].name
    if variable.value_type == float:
        return float(str(result[index]))
    if variable.value_type == str:
        return str(result[index])
    return result.tolist()[index]


class Job:
    """One checked /calculate request, ready to compute: the situation after OpenFisca's JSON round
    trip, the values it asks for (each a `None` to fill in), its month and its shape (`signature`)."""

    __slots__ = ("input_data", "computed", "month", "signature", "filled", "taken")

    def __init__(self, input_data: dict, computed: list, month: str):
        self.input_data = input_data
        self.computed = computed
        self.month = month
        # Two requests of the same shape (the same variables given and asked, for the same periods,
        # per entity) can be computed in one simulation: a variable given in one request and left to
        # its formula in another would not be (serve/batching.py).
        self.signature = (month, frozenset(
            (plural, name, period, value is None)
            for plural, members in input_data.items() for member in members.values()
            for name, values in member.items() if isinstance(values, dict)
            for period, value in values.items()))
        self.filled = False
        self.taken = False  # by a thread that computes it (serve/batching.py)


def prepare(situation: dict, path: str, role_keys) -> Job | None:
    """The `Job` of a checked request, or None when OpenFisca's own path must answer it."""
    if path != "/calculate" or handlers.calculate is not MIRRORED_HANDLER:
        return None
    # what OpenFisca's app would get: the situation after a JSON round trip (keys as text, lists)
    input_data = json.loads(json.dumps(situation, ensure_ascii=False))
    if not _periodised(input_data, role_keys):
        return None
    computed = []
    for plural, members in input_data.items():
        for member_id, member in members.items():
            for name, values in member.items():
                if not isinstance(values, dict):
                    continue
                for period, value in values.items():
                    if value is None:
                        computed.append((values, period, plural, member_id, name))
    months = {period for _, period, *_ in computed if len(period) == 7}
    if len(months) != 1:  # checks.check_request asks for one month
        return None
    return Job(input_data, computed, months.pop())


def fill(system, simulation, job: Job, id_prefix: str = "") -> None:
    """Write the asked values of `job` from `simulation`, where its ids carry `id_prefix`; raises
    when anything cannot be computed."""
    variables = system.variables
    for values, period, plural, member_id, name in job.computed:
        result = simulation.calculate(name, period)
        index = simulation.get_population(plural).get_index(id_prefix + member_id)
        values[period] = _value(variables[name], result, index)
    job.filled = True


def compute_alone(system, job: Job) -> None:
    """`job` in a simulation of its own; `job.filled` stays False when OpenFisca's path must answer."""
    try:
        simulation = situation_io.build_from_arrays(system, job.input_data, job.month)
        if simulation is not None:
            fill(system, simulation, job)
    except Exception:  # noqa: BLE001 - OpenFisca's own path words every error
        job.filled = False


def respond(app, job: Job) -> tuple[int, list, bytes] | None:
    """(status, headers, body) of OpenFisca's /calculate for a filled `job`, or None."""
    if not job.filled:
        return None
    from flask import jsonify

    from openfisca_nl_sz.serve.app import NonFiniteResult

    try:
        with app.test_request_context("/calculate", method="POST"):
            response = app.process_response(jsonify(job.input_data))
    except NonFiniteResult:
        return None
    payload = response.get_data()
    headers = [(k, v) for k, v in response.headers.items() if k.lower() != "content-length"]
    headers.append(("Content-Length", str(len(payload))))
    return response.status_code, headers, payload


def answer(app, system, situation: dict, path: str, role_keys) -> tuple[int, list, bytes] | None:
    """(status, headers, body) of OpenFisca's /calculate for the checked `situation`, or None."""
    job = prepare(situation, path, role_keys)
    if job is None:
        return None
    compute_alone(system, job)
    return respond(app, job)
