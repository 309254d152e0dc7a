"""The WSGI application of `nlsz serve`: OpenFisca's own web API behind this package's checks.

`openfisca_web_api.app.create_app` builds the API every OpenFisca client knows (/calculate, /trace,
/variables, /variable/<id>, /parameters, /parameter/<id>, /entities, /spec). `NlszApi` wraps it
as a WSGI middleware and changes only what a careful client never notices:

1. a body larger than `max_bytes` is refused with 413 before it is read into a parser;
2. a POST to /calculate or /trace is parsed strictly and validated like `nlsz calc`
   (serve/checks.py); a mistake is 400 (413 for too many persons) with `{"error": "<one line>"}`
   naming the field;
3. a checked /calculate is computed from arrays, in one simulation with the requests that wait at the
   same moment (serve/fast.py, serve/batching.py), and answered with OpenFisca's own bytes;
4. a body larger than `heavy_bytes` is computed in the heavy lane (serve/lane.py), a separate
   process, so that a population posted by one client cannot stall everyone else's households;
5. every JSON answer is written without NaN or Infinity (JSON has no such values): a result that is
   not a finite number is a 400 naming the variable, never a body a client cannot parse.

Everything else (the metadata endpoints, the JSON shapes of a good answer) is OpenFisca's own.
"""

from __future__ import annotations

import json
import math

from flask.json.provider import DefaultJSONProvider
from werkzeug.test import EnvironBuilder, run_wsgi_app

from openfisca_nl_sz.errors import InputError
from openfisca_nl_sz.serve import fast
from openfisca_nl_sz.serve.batching import Batcher
from openfisca_nl_sz.serve.checks import ROLE_KEYS, TooLarge, check_request, first_error, one_line, parse_body
from openfisca_nl_sz.serve.options import Limits

CHECKED_PATHS = ("/calculate", "/trace")
#: A body above max_bytes is still read (and thrown away) up to this size, so that the client
#: gets the 413 instead of a reset connection; beyond it the connection is closed.
DRAIN_LIMIT = 64_000_000
WELCOME = ("This is the web API of openfisca-nl-sz (Dutch social security), an OpenFisca Web API with input checks. "
           "See {}spec for the endpoints; POST a situation to /calculate.")


class NonFiniteResult(Exception):
    def __init__(self, field: str):
        super().__init__(field)
        self.field = field


class FiniteJSONProvider(DefaultJSONProvider):
    """Flask's JSON, refusing NaN and Infinity instead of writing them (they are not JSON)."""

    def dumps(self, obj, **kwargs):
        field = _non_finite(obj)
        if field is not None:
            raise NonFiniteResult(field)
        kwargs["allow_nan"] = False
        return super().dumps(obj, **kwargs)


def _non_finite(value, path=()):
    if isinstance(value, float):
        return None if math.isfinite(value) else ".".join(path) or "result"
    if isinstance(value, dict):
        for key, item in value.items():
            found = _non_finite(item, path + (str(key),))
            if found is not None:
                return found
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            found = _non_finite(item, path + (str(index),))
            if found is not None:
                return found
    return None


def json_response(status: int, payload: dict, extra_headers=()) -> tuple[int, list, bytes]:
    body = (json.dumps(payload, ensure_ascii=False, allow_nan=False) + "\n").encode("utf-8")
    headers = [("Content-Type", "application/json"), ("Content-Length", str(len(body))), *extra_headers]
    return status, headers, body


def error_response(status: int, message: str, extra_headers=()) -> tuple[int, list, bytes]:
    return json_response(status, {"error": one_line(message)}, extra_headers)


def openfisca_app(system):
    """OpenFisca's Flask app for `system`, with JSON that never holds NaN."""
    from openfisca_web_api.app import create_app

    app = create_app(system)
    app.json = FiniteJSONProvider(app)

    @app.errorhandler(NonFiniteResult)
    def non_finite(error):
        status, headers, body = error_response(
            400, f"request: {error.field}: the result is not a finite number; the inputs are outside any realistic range")
        return app.response_class(body, status=status, headers=headers)

    # OpenFisca's own welcome names OpenFisca; ours says which model answers.
    root = app.view_functions["get_root"]

    def get_root():
        from flask import jsonify, request

        return jsonify({"welcome": WELCOME.format(request.host_url)}), 300

    get_root.__wrapped__ = root
    app.view_functions["get_root"] = get_root
    return app


#: The validation layer is shared with `nlsz calc`; where its words name the command line, say what the API has.
_CLI_WORDS = (("see `nlsz variables`", "see /variables"), ("the month computed (--period)", "the month asked for"))


def _api_wording(message: str) -> str:
    for cli, api in _CLI_WORDS:
        message = message.replace(cli, api)
    return message


STATUS_TEXT = {200: "OK", 300: "Multiple Choices", 400: "Bad Request", 404: "Not Found", 405: "Method Not Allowed",
               413: "Content Too Large", 415: "Unsupported Media Type", 500: "Internal Server Error",
               503: "Service Unavailable"}


class NlszApi:
    """WSGI middleware: size limit, checks and the heavy lane in front of OpenFisca's app."""

    def __init__(self, system, limits: Limits = Limits(), lane=None):
        self.system = system
        self.limits = limits
        self.lane = lane
        self.inner = openfisca_app(system)
        self.batcher = Batcher(system, limits.batch)

    # -- WSGI entry ------------------------------------------------------------------------------

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "") or "/"
        if len(path) > 1:
            path = path.rstrip("/") or "/"
        method = environ.get("REQUEST_METHOD", "GET")
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = -1
        if length < 0:
            return self._send(start_response, *error_response(400, "request: Content-Length: is not a whole number of bytes"))
        if length > self.limits.max_bytes:
            self._drain(environ, length)
            return self._send(start_response, *self._too_big(length))
        if method == "POST" and path in CHECKED_PATHS:
            body = self._read(environ, length)
            if body is None:
                return self._send(start_response, *self._too_big(None))
            if self.lane is not None and len(body) > self.limits.heavy_bytes:
                answer = self.lane.run(path, body)
            else:
                answer = self.compute(path, body)
            return self._send(start_response, *answer)
        return self.inner(environ, start_response)

    def _too_big(self, length):
        size = f"{length:,} bytes" if length is not None else "more bytes than allowed"
        return error_response(413, f"request: body: is {size}; allowed: at most {self.limits.max_bytes:,} bytes "
                                   "(split the request, or use `nlsz compare` for populations)",
                              [("Connection", "close")])

    def _read(self, environ, length) -> bytes | None:
        """The body, or None if it is larger than max_bytes (a chunked body has no Content-Length)."""
        stream = environ["wsgi.input"]
        if length:
            return stream.read(length)
        chunks, size = [], 0
        while True:
            chunk = stream.read(min(65536, self.limits.max_bytes + 1 - size))
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)
            size += len(chunk)
            if size > self.limits.max_bytes:
                return None

    @staticmethod
    def _drain(environ, length):
        stream, left = environ["wsgi.input"], min(length, DRAIN_LIMIT)
        while left > 0:
            chunk = stream.read(min(65536, left))
            if not chunk:
                break
            left -= len(chunk)

    @staticmethod
    def _send(start_response, status, headers, body):
        start_response(f"{status} {STATUS_TEXT.get(status, 'Status')}", headers)
        return [body]

    # -- one checked computation (also run by the heavy lane's process) ----------------------------

    def compute(self, path: str, body: bytes) -> tuple[int, list, bytes]:
        try:
            data = parse_body(body)
            situation = check_request(self.system, data, self.limits.max_persons)
        except TooLarge as error:
            return error_response(413, str(error))
        except InputError as error:
            return error_response(400, _api_wording(str(error)))
        # a checked /calculate straight from arrays, the same bytes as OpenFisca's answer (serve/fast.py),
        # in one simulation with the requests that wait at the same moment (serve/batching.py)
        job = fast.prepare(situation, path, ROLE_KEYS)
        if job is not None:
            self.batcher.compute(job)
            answer = fast.respond(self.inner, job)
            if answer is not None:
                return answer
        forwarded = json.dumps(situation, ensure_ascii=False).encode("utf-8")
        environ = EnvironBuilder(path=path, method="POST", data=forwarded, content_type="application/json").get_environ()
        app_iter, status, headers = run_wsgi_app(self.inner, environ)
        try:
            payload = b"".join(app_iter)
        finally:
            if hasattr(app_iter, "close"):
                app_iter.close()
        code = int(status.split()[0])
        if 400 <= code < 600:
            return self._one_line_error(code, payload)
        kept = [(k, v) for k, v in headers.items() if k.lower() not in ("content-length",)]
        kept.append(("Content-Length", str(len(payload))))
        return code, kept, payload

    @staticmethod
    def _one_line_error(code: int, payload: bytes):
        """OpenFisca's nested error bodies ({"personen": {"a": {"x": "..."}}}) as one line."""
        try:
            error = json.loads(payload)
        except ValueError:
            error = payload.decode("utf-8", "replace")
        if isinstance(error, dict) and set(error) == {"error"} and isinstance(error["error"], str):
            message = error["error"]
            if message.startswith("request: "):
                return error_response(code, message)
            field, message = "body", message
        else:
            field, message = first_error(error)
        if code >= 500:
            return error_response(500, f"internal error, please report it: {message}")
        return error_response(code, f"request: {field}: {message}")
