"""`openfisca serve -c openfisca_nl_sz` answers /calculate on the loopback interface.

The server is started as a subprocess (the `openfisca` script next to sys.executable) on a free
port of 127.0.0.1, waited for (at most 30 s) and always terminated afterwards. The expected
amounts are worked out by hand from the law.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

HOST = "127.0.0.1"
STARTUP_SECONDS = 30
RMML_2026_01 = 2294.40  # WML art. 8 lid 1 b per 1-1-2026 (params_sz.md §1.2, NB2026) [A]


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def _openfisca_script() -> str:
    script = Path(sys.executable).with_name("openfisca")
    assert script.exists(), f"{script} missing: install openfisca-core[web-api] (a dependency of the package)"
    return str(script)


def _request(url: str, payload: dict | None = None, timeout: float = 30):
    data = None if payload is None else json.dumps(payload).encode("utf-8")
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, json.loads(response.read().decode("utf-8"))
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read().decode("utf-8") or "null")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    port = _free_port()
    log = tmp_path_factory.mktemp("serve") / "serve.log"
    with open(log, "wb") as log_file:
        process = subprocess.Popen(
            [_openfisca_script(), "serve", "-c", "openfisca_nl_sz", "-p", str(port), "--workers", "1",
             "--bind", f"{HOST}:{port}"],
            stdout=log_file, stderr=subprocess.STDOUT, cwd=str(log.parent),
            start_new_session=True,  # its own process group: the gunicorn worker is ended with it
        )
    base = f"http://{HOST}:{port}"
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            if process.poll() is not None:
                pytest.fail(f"openfisca serve stopped with {process.returncode}: {log.read_text()[-2000:]}")
            try:
                status, _ = _request(f"{base}/spec", timeout=2)
                if status == 200:
                    break
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"openfisca serve did not answer within {STARTUP_SECONDS} s: {log.read_text()[-2000:]}")
            time.sleep(0.3)
        yield base
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)


M = "2026-01"

SITUATION = {
    "personen": {
        # WGA 35-80, after the LGU, earning less than half the RVC: vervolguitkering.
        "anna": {
            "leeftijd": {M: 45}, "loon": {M: 600}, "arbeidsongeschiktheidspercentage": {M: 50},
            "wia_dagloon": {M: 140}, "wia_maanden_sinds_aanvang": {M: 30},
            "wia_uitkering": {M: None}, "wga_vervolguitkering": {M: None}, "netto_inkomen": {M: None},
        },
        # IVA: fully and durably arbeidsongeschikt, no earnings.
        "bert": {
            "leeftijd": {M: 58}, "arbeidsongeschiktheidspercentage": {M: 100}, "wia_duurzaam": {M: True},
            "wia_dagloon": {M: 100}, "wia_maanden_sinds_aanvang": {M: 12},
            "wia_uitkering": {M: None}, "iva_uitkering": {M: None}, "netto_inkomen": {M: None},
        },
    },
    "huishoudens": {
        "h1": {
            "aanvragers": ["anna"], "huur": {M: 650},
            **{name: {M: None} for name in (
                "besteedbaar_inkomen", "bijstand", "zorgtoeslag", "huurtoeslag", "kindgebonden_budget", "kinderbijslag",
            )},
        },
        "h2": {"aanvragers": ["bert"], "besteedbaar_inkomen": {M: None}},
    },
}


def test_calculate_wia_by_hand(server):
    status, body = _request(f"{server}/calculate", SITUATION)
    assert status == 200, body
    anna, bert = body["personen"]["anna"], body["personen"]["bert"]
    # anna: AO 50 % -> 35 % class (WIA art. 61 lid 6); VVU = 0,35 x min(2.294,40 x 1,08; 21,75 x 140 = 3.045)
    #       = 0,35 x 2.477,952 = 867,2832 (art. 62 lid 1, art. 12 lid 1 b)
    assert anna["wga_vervolguitkering"][M] == pytest.approx(0.35 * RMML_2026_01 * 1.08, abs=0.01)
    assert anna["wia_uitkering"][M] == pytest.approx(867.2832, abs=0.01)
    # bert: IVA (art. 51 lid 1) = 75 % of the maandloon 21,75 x 100 = 2.175 -> 1.631,25 (no earnings)
    assert bert["iva_uitkering"][M] == pytest.approx(0.75 * 21.75 * 100, abs=0.01)
    assert bert["wia_uitkering"][M] == pytest.approx(1631.25, abs=0.01)


def test_calculate_besteedbaar_is_sum_of_parts(server):
    status, body = _request(f"{server}/calculate", SITUATION)
    assert status == 200, body
    h1 = body["huishoudens"]["h1"]
    parts = sum(h1[name][M] for name in ("bijstand", "zorgtoeslag", "huurtoeslag", "kindgebonden_budget", "kinderbijslag"))
    assert h1["besteedbaar_inkomen"][M] == pytest.approx(body["personen"]["anna"]["netto_inkomen"][M] + parts, abs=0.02)
    assert 0 < h1["besteedbaar_inkomen"][M]


def test_variable_metadata_and_bad_request(server):
    status, body = _request(f"{server}/variable/wga_vervolguitkering")
    assert status == 200
    assert body["entity"] == "persoon" and "wetten.overheid.nl" in json.dumps(body.get("references", []))
    status, body = _request(f"{server}/calculate", {"personen": {"a": {"lon": {M: 1}}}})
    assert 400 <= status < 500, body  # an unknown variable is the caller's error (OpenFisca: 404), not a crash
