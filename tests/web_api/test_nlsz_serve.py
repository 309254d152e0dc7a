"""`nlsz serve`: OpenFisca's web API with this package's checks and limits (issue 13 point 4).

Servers are started as subprocesses on a free port of 127.0.0.1, waited for (at most 60 s) and
always stopped (their whole process group) at the end of the module. Nothing leaves the loopback
interface. The expected amounts of a good request are those of `openfisca serve` (the plain
OpenFisca server) on the same request, whose own amounts are checked by hand in test_serve.py.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import yaml

HOST = "127.0.0.1"
STARTUP_SECONDS = 60
M = "2026-01"
BAD_API = Path(__file__).resolve().parents[1] / "bad_inputs" / "api"

SITUATION = {
    "personen": {
        # WGA 35-80 after the LGU, earning less than half the RVC: vervolguitkering (test_serve.py works it out by hand)
        "anna": {
            "leeftijd": {M: 45}, "loon": {M: 600}, "arbeidsongeschiktheidspercentage": {M: 50},
            "wia_dagloon": {M: 140}, "wia_maanden_sinds_aanvang": {M: 30},
            "wia_uitkering": {M: None}, "wga_vervolguitkering": {M: None}, "netto_inkomen": {M: None},
        },
        "bert": {
            "leeftijd": {M: 58}, "arbeidsongeschiktheidspercentage": {M: 100}, "wia_duurzaam": {M: True},
            "wia_dagloon": {M: 100}, "wia_maanden_sinds_aanvang": {M: 12},
            "wia_uitkering": {M: None}, "iva_uitkering": {M: None}, "netto_inkomen": {M: None},
        },
    },
    "huishoudens": {
        "h1": {"aanvragers": ["anna"], "huur": {M: 650},
               **{name: {M: None} for name in ("besteedbaar_inkomen", "bijstand", "zorgtoeslag", "huurtoeslag")}},
        "h2": {"aanvragers": ["bert"], "besteedbaar_inkomen": {M: None}},
    },
}


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def _post(url: str, body: bytes, timeout: float = 60):
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def _get(url: str, timeout: float = 10):
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def _strict_json(raw: bytes):
    """JSON as a strict client reads it: NaN or Infinity in the body is a failure."""
    def refuse(name):
        raise AssertionError(f"{name} in a JSON answer")
    return json.loads(raw.decode("utf-8"), parse_constant=refuse)


class Server:
    def __init__(self, command: list[str], log: Path):
        self.port = _free_port()
        self.base = f"http://{HOST}:{self.port}"
        self.log = log
        with open(log, "wb") as log_file:
            self.process = subprocess.Popen(
                [*command, "--port", str(self.port)], stdout=log_file, stderr=subprocess.STDOUT, cwd=str(log.parent),
                start_new_session=True,  # its own process group: its workers and heavy lanes end with it
            )
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            if self.process.poll() is not None:
                pytest.fail(f"{command[:4]} stopped with {self.process.returncode}: {log.read_text()[-2000:]}")
            try:
                if _get(f"{self.base}/spec", timeout=2)[0] == 200:
                    break
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
                pass
            if time.monotonic() > deadline:
                self.stop()
                pytest.fail(f"{command[:4]} did not answer within {STARTUP_SECONDS} s: {log.read_text()[-2000:]}")
            time.sleep(0.3)

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)


def _nlsz_serve(*options) -> list[str]:
    return [sys.executable, "-m", "openfisca_nl_sz.cli", "serve", "--workers", "1", *options]


@pytest.fixture(scope="module")
def nlsz(tmp_path_factory):
    server = Server(_nlsz_serve(), tmp_path_factory.mktemp("nlsz") / "serve.log")
    yield server
    server.stop()


@pytest.fixture(scope="module")
def plain(tmp_path_factory):
    script = Path(sys.executable).with_name("openfisca")
    server = Server([str(script), "serve", "-c", "openfisca_nl_sz", "--workers", "1"],
                    tmp_path_factory.mktemp("plain") / "serve.log")
    yield server
    server.stop()


# -- a good request: the same as openfisca serve -------------------------------------------------

def test_same_numbers_as_openfisca_serve(nlsz, plain):
    body = json.dumps(SITUATION).encode()
    status, ours = _post(f"{nlsz.base}/calculate", body)
    plain_status, theirs = _post(f"{plain.base}/calculate", body)
    assert status == plain_status == 200, (ours[:500], theirs[:500])
    assert _strict_json(ours) == _strict_json(theirs)
    # and the numbers are the hand-worked ones of test_serve.py: IVA 75% of 21,75 x 100 = 1.631,25
    assert _strict_json(ours)["personen"]["bert"]["iva_uitkering"][M] == pytest.approx(1631.25, abs=0.01)


def test_requests_at_the_same_moment_get_the_answers_of_openfisca_serve(nlsz, plain):
    """16 requests posted at once: nlsz serve computes those that wait together in one simulation
    (serve/batching.py); each answer must still be the one plain `openfisca serve` gives it alone."""
    from concurrent.futures import ThreadPoolExecutor

    bodies = []
    for index in range(16):
        situation = json.loads(json.dumps(SITUATION))
        situation["personen"]["anna"]["loon"][M] = 150 * index
        situation["personen"]["bert"]["leeftijd"][M] = 40 + index
        if index % 3 == 0:  # another shape: no rent given
            del situation["huishoudens"]["h1"]["huur"]
        bodies.append(json.dumps(situation).encode())
    with ThreadPoolExecutor(16) as pool:
        ours = list(pool.map(lambda body: _post(f"{nlsz.base}/calculate", body), bodies))
    theirs = [_post(f"{plain.base}/calculate", body) for body in bodies]
    for (status, body), (plain_status, plain_body) in zip(ours, theirs):
        assert status == plain_status == 200, (body[:300], plain_body[:300])
        assert _strict_json(body) == _strict_json(plain_body)
    assert len({body for _, body in ours}) == 16  # every request got its own household's answer


@pytest.mark.parametrize("path", ["/variables", "/variable/wga_vervolguitkering", "/entities", "/parameters",
                                  "/parameter/wia.vervolguitkering.percentage", "/spec"])
def test_openfisca_endpoints_are_kept(nlsz, plain, path):
    status, ours = _get(f"{nlsz.base}{path}")
    plain_status, theirs = _get(f"{plain.base}{path}")
    assert status == plain_status
    if path == "/spec":  # names its own server address
        ours, theirs = _strict_json(ours), _strict_json(theirs)
        ours.pop("servers"), theirs.pop("servers")
        assert ours == theirs
    elif status == 200 and path != "/parameters" and path != "/variables":  # these two hold their own host in hrefs
        assert _strict_json(ours) == _strict_json(theirs)
    else:
        assert set(_strict_json(ours)) == set(_strict_json(theirs))


def test_trace_is_checked_and_answers(nlsz):
    status, raw = _post(f"{nlsz.base}/trace", json.dumps(SITUATION).encode())
    assert status == 200 and "requestedCalculations" in _strict_json(raw)
    bad = json.loads(json.dumps(SITUATION))
    bad["personen"]["anna"]["arbeidsongeschiktheidspercentage"] = {M: 130}
    status, raw = _post(f"{nlsz.base}/trace", json.dumps(bad).encode())
    assert status == 400 and "arbeidsongeschiktheidspercentage" in _strict_json(raw)["error"]


# -- bad payloads: 4xx, one line naming the field -------------------------------------------------

CORPUS = yaml.safe_load((BAD_API / "expected.yaml").read_text(encoding="utf-8"))


def test_corpus_is_complete():
    files = {p.name for p in BAD_API.glob("*.json")}
    assert len(files) >= 30
    assert files == set(CORPUS)  # every payload has its expectation, and every expectation its payload


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_bad_payload_is_refused_naming_the_field(nlsz, name):
    expected = CORPUS[name]
    status, raw = _post(f"{nlsz.base}/calculate", (BAD_API / name).read_bytes())
    assert status == expected["status"], raw[:500]
    error = _strict_json(raw)["error"]
    assert isinstance(error, str) and "\n" not in error and len(error) <= 300, error
    assert expected["field"] in error, error
    assert "internal error" not in error.lower()


def test_a_body_too_large_is_refused_before_parsing(nlsz):
    body = b'{"personen": {' + b" " * 1_200_000 + b"}}"  # 1.2 MB of blanks: only the size can be wrong with it
    started = time.monotonic()
    status, raw = _post(f"{nlsz.base}/calculate", body)
    assert status == 413
    assert "1,000,000 bytes" in _strict_json(raw)["error"] and time.monotonic() - started < 10


def test_too_many_persons_is_refused(nlsz):
    persons = {f"p{i}": {"leeftijd": {M: 30}} for i in range(2001)}
    body = {"personen": persons, "huishoudens": {"h": {"aanvragers": ["p0"], "besteedbaar_inkomen": {M: None}}}}
    status, raw = _post(f"{nlsz.base}/calculate", json.dumps(body, separators=(",", ":")).encode())
    assert status == 413
    assert "personen" in _strict_json(raw)["error"] and "2,000" in _strict_json(raw)["error"]


def test_chunked_body_over_the_limit_is_refused(nlsz):
    """Without Content-Length (chunked transfer), the limit holds while reading."""
    def chunks():
        yield b'{"personen": {'
        for _ in range(40):
            yield b" " * 30_000
        yield b"}}"
    request = urllib.request.Request(f"{nlsz.base}/calculate", data=chunks(), headers={"Content-Type": "application/json",
                                                                                        "Transfer-Encoding": "chunked"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            status, raw = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, raw = error.code, error.read()
    assert status == 413, raw[:300]


# -- heavy requests do not stall small ones --------------------------------------------------------

def _population(n: int) -> bytes:
    """n one-person households, compact JSON: about 70 bytes a person (50k persons ~ 3.5 MB)."""
    persons = ",".join(f'"p{i}":{{"leeftijd":{{"{M}":{20 + i % 40}}},"loon":{{"{M}":{1000 + i % 2000}}}}}' for i in range(n))
    households = [f'"h{i}":{{"aanvragers":["p{i}"]}}' for i in range(n - 1)]
    households.append(f'"h{n - 1}":{{"aanvragers":["p{n - 1}"],"besteedbaar_inkomen":{{"{M}":null}}}}')
    return ('{"personen":{' + persons + '},"huishoudens":{' + ",".join(households) + "}}").encode()


def _small_request_time(base: str) -> float:
    started = time.monotonic()
    status, raw = _post(f"{base}/calculate", json.dumps(SITUATION).encode(), timeout=30)
    assert status == 200, raw[:300]
    return time.monotonic() - started


def _three_big_in_flight(base: str, body: bytes):
    answers = []

    def send():
        try:
            answers.append(_post(f"{base}/calculate", body, timeout=60)[0])
        except (urllib.error.URLError, ConnectionError, OSError) as error:
            answers.append(repr(error))

    threads = [threading.Thread(target=send) for _ in range(3)]
    for thread in threads:
        thread.start()
    return threads, answers


def test_big_requests_are_refused_by_default_and_small_ones_answered(nlsz):
    body = _population(50_000)
    assert len(body) > 2_000_000
    threads, answers = _three_big_in_flight(nlsz.base, body)
    time.sleep(0.2)
    assert _small_request_time(nlsz.base) < 1.0
    for thread in threads:
        thread.join(timeout=60)
    assert answers == [413, 413, 413]


@pytest.fixture(scope="module")
def nlsz_big(tmp_path_factory):
    """A server that accepts 50k-person requests, with a heavy lane that gives each at most 4 s."""
    server = Server(_nlsz_serve("--max-bytes", "10000000", "--max-persons", "100000", "--heavy-timeout", "4",
                                "--heavy-queue", "1"),
                    tmp_path_factory.mktemp("nlsz_big") / "serve.log")
    yield server
    server.stop()


@pytest.mark.parametrize("persons", [50_000, 10_000])
def test_three_big_requests_in_flight_do_not_stall_a_normal_one(nlsz_big, persons):
    """50k persons: beyond what the validation accepts in one situation (refused in the heavy lane);
    10k persons: accepted, and building them takes longer than the lane's 4 s (stopped there)."""
    body = _population(persons)
    threads, answers = _three_big_in_flight(nlsz_big.base, body)
    time.sleep(1.0)  # the bodies are sent, the first is being handled in the heavy lane
    slowest = max(_small_request_time(nlsz_big.base) for _ in range(5))
    assert slowest < 1.0, f"a one-household request took {slowest:.2f} s while three {persons:,}-person requests were in flight"
    for thread in threads:
        thread.join(timeout=60)
    # none hangs, none is an internal error: each is computed (200), refused (400/413), or stopped
    # by the lane's time limit or full queue (503)
    assert len(answers) == 3 and set(answers) <= {200, 400, 413, 503}, answers


# -- never NaN in a JSON answer (no server needed: the WSGI app itself) ----------------------------

def test_a_non_finite_result_is_a_one_line_400_never_nan_json(tbs, monkeypatch):
    """Should a formula ever give NaN or inf for inputs that pass the checks, the answer is a 400
    naming the variable, not `NaN` in the body (which is not JSON and breaks strict clients)."""
    from openfisca_web_api import handlers
    from werkzeug.test import Client

    from openfisca_nl_sz.serve.app import NlszApi

    real = handlers.calculate

    def calculate_with_overflow(system, input_data):
        result = real(system, input_data)
        result["personen"]["anna"]["netto_inkomen"][M] = float("inf")
        return result

    monkeypatch.setattr(handlers, "calculate", calculate_with_overflow)
    response = Client(NlszApi(tbs)).post("/calculate", data=json.dumps(SITUATION), content_type="application/json")
    assert response.status_code == 400
    error = _strict_json(response.data)["error"]
    assert error.startswith("request: personen.anna.netto_inkomen.2026-01: the result is not a finite number"), error
