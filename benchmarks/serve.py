"""Throughput of `nlsz serve` beside plain `openfisca serve`, measured in one run. Prints; asserts nothing.

    python benchmarks/serve.py [--seconds 5] [--clients 1,4,12] [--workers 2] [--rounds 2]

Servers, all with the same number of worker processes:
- `nlsz serve`: this package's server, requests that wait together computed in one simulation;
- `nlsz serve --batch 1`: the same, each request in a simulation of its own (as before batching);
- `openfisca serve -c openfisca_nl_sz`: OpenFisca's own server on this package's law;
- the web API when issue 14 was filed: `openfisca serve -c openfisca_nl_sz` (`nlsz serve` did not
  exist yet) on the code of commit 2077008, written out of the git history by before_issue_14.py and
  run with the same Python: "today's" figure of the issue, which asks for at least twice its
  requests per second;
- `openfisca serve -c openfisca_country_template`: the reference the issue measured against (about
  1,450 requests/s there, against about 250 for nlsz serve), where that package is installed
  (`pip install openfisca-country-template`; it is no dependency of this project).

Both servers are started on free ports of 127.0.0.1 (loopback only) with the same number of
worker processes, warmed up, and given the same one-household /calculate request by `--clients`
client threads for `--seconds` each, taking turns for `--rounds` rounds (the best round of each
counts, so that a burst of load elsewhere on the shared machine hits both alike); then both are
stopped. The ratio is the
figure to read: both are measured on the same (shared, noisy) machine within a minute. The clients
are Python threads in this process, so on 2 cores they take part of the CPU from the servers; the
absolute figures are a lower bound. Batching gains with the number of requests that wait in a
server process at the same moment: with 4 clients on 2 workers each worker has two, which meet
because a lone one waits a moment for the next while requests overlap (serve/batching.py); with 12,
several wait and share a simulation; with 1 there is nothing to share.

What `nlsz serve` adds per request: a strict parse of the body and the validation of `nlsz calc`.
What it saves (issue 14 point 5): the checked situation is built from arrays and answered directly
(serve/fast.py), without a second JSON encoding and OpenFisca's Flask dispatch and dict builder.
Both servers run the same law (`openfisca serve -c openfisca_nl_sz` uses this package's system and
populations), and the formulas are about nine tenths of a one-household request; so the ratio
stays near 1 when each request is computed alone; computing the requests that wait at the same
moment together (serve/batching.py) is what moves it, the more the more clients post at once.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import before_issue_14

HOST = "127.0.0.1"
#: The web API when issue 14 was filed: `openfisca serve -c openfisca_nl_sz` (`nlsz serve` did not exist
#: yet) on the code of that day, written out of the git history (before_issue_14.py)
BEFORE = f"web API at commit {before_issue_14.BEFORE_COMMIT}"
M = "2026-01"
REQUEST = json.dumps({
    "personen": {
        "anna": {"leeftijd": {M: 45}, "loon": {M: 600}, "arbeidsongeschiktheidspercentage": {M: 50},
                 "wia_dagloon": {M: 140}, "wia_maanden_sinds_aanvang": {M: 30}, "netto_inkomen": {M: None}},
        "bert": {"leeftijd": {M: 47}, "loon": {M: 2500}},
    },
    "huishoudens": {"h1": {"aanvragers": ["anna"], "partners": ["bert"], "huur": {M: 650},
                           "besteedbaar_inkomen": {M: None}, "huurtoeslag": {M: None}, "zorgtoeslag": {M: None}}},
}).encode()
#: The template's one household: its own variables (it knows none of ours); the issue's 1,450/s was such a request.
TEMPLATE_REQUEST = json.dumps({
    "persons": {"ada": {"salary": {M: 2500}, "age": {M: 45}}, "bob": {"salary": {M: 600}, "age": {M: 47}}},
    "households": {"h1": {"adults": ["ada", "bob"], "disposable_income": {M: None}, "housing_tax": {"2026": None}}},
}).encode()


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def _post(url: str, body: bytes = REQUEST) -> int:
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def _start(command: list[str], log: Path, body: bytes, root: Path | None = None) -> tuple[subprocess.Popen, str]:
    """Start a server on a free port and wait for its first answer; `root`: run the package of that
    repository folder instead of the installed one (the code when issue 14 was filed)."""
    port = _free_port()
    env = None if root is None else {**os.environ, "PYTHONPATH": str(root)}
    if root is not None:  # make sure the server will run that folder's package, not the installed one
        found = subprocess.run([sys.executable, "-c", "import openfisca_nl_sz; print(openfisca_nl_sz.__file__)"],
                               capture_output=True, text=True, env=env, cwd=root, check=True).stdout.strip()
        if not found.startswith(str(root)):
            raise SystemExit(f"{command[:3]}: PYTHONPATH={root} still imports {found}")
    with open(log, "wb") as out:
        process = subprocess.Popen([*command, "--port", str(port)], stdout=out, stderr=subprocess.STDOUT,
                                   start_new_session=True, env=env, cwd=root)
    base = f"http://{HOST}:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{command[:3]} stopped: {log.read_text()[-1000:]}")
        try:
            if _post(f"{base}/calculate", body) == 200:
                return process, base
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.3)
    _stop(process)
    raise SystemExit(f"{command[:3]} did not answer within 60 s")


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


def throughput(base: str, seconds: float, clients: int, body: bytes) -> tuple[float, int, float]:
    """(requests per second, failures, slowest request in s) of `clients` threads posting for `seconds`."""
    for _ in range(20):  # warm up every worker's caches
        _post(f"{base}/calculate", body)
    done, failed, slowest = [0], [0], [0.0]
    lock = threading.Lock()
    end = time.monotonic() + seconds

    def client():
        while time.monotonic() < end:
            started = time.monotonic()
            ok = _post(f"{base}/calculate", body) == 200
            took = time.monotonic() - started
            with lock:
                done[0] += ok
                failed[0] += not ok
                slowest[0] = max(slowest[0], took)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return done[0] / (time.monotonic() - started), failed[0], slowest[0]


def _body(server: str) -> bytes:
    return TEMPLATE_REQUEST if "template" in server else REQUEST


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--clients", type=lambda text: [int(n) for n in text.split(",")], default=[1, 4, 12],
                        help="client threads posting at once; a comma-separated list runs each (default: 1,4,12)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    if not 0 < args.seconds <= 60 or not all(0 < n <= 32 for n in args.clients) or not 0 < args.workers <= 8 \
            or not 0 < args.rounds <= 5:
        raise SystemExit("serve.py: --seconds 0-60, --clients 1-32 each, --workers 1-8, --rounds 1-5 (a bounded benchmark)")

    bin_dir = Path(sys.executable).parent
    openfisca = [str(bin_dir / "openfisca"), "serve", "--workers", str(args.workers), "-c"]
    nlsz = [sys.executable, "-m", "openfisca_nl_sz.cli", "serve", "--workers", str(args.workers)]
    servers = {
        "nlsz serve": nlsz,
        "nlsz serve --batch 1": [*nlsz, "--batch", "1"],
        "openfisca serve (nl-sz)": [*openfisca, "openfisca_nl_sz"],
    }
    if importlib.util.find_spec("openfisca_country_template") is not None:
        servers["openfisca serve (template)"] = [*openfisca, "openfisca_country_template"]
    results: dict = {}
    with tempfile.TemporaryDirectory() as folder:
        before_root, why_not = before_issue_14.extract(Path(folder))
        roots = {}
        if before_root is not None:
            servers[BEFORE] = [*openfisca, "openfisca_nl_sz"]
            roots[BEFORE] = before_root
        started = {}
        try:
            for name, command in servers.items():
                started[name] = _start(command, Path(folder) / f"{len(started)}.log", _body(name), roots.get(name))
            for clients in args.clients:
                for _ in range(args.rounds):
                    for name, (_, base) in started.items():
                        measured = throughput(base, args.seconds, clients, _body(name))
                        if (clients, name) not in results or measured[0] > results[clients, name][0]:
                            results[clients, name] = measured
        finally:
            for process, _ in started.values():
                _stop(process)

    print(f"one-household /calculate, {args.workers} server workers, {args.seconds:g} s each,"
          f" best of {args.rounds} alternating rounds, 127.0.0.1")
    for clients in args.clients:
        print(f"\n{clients} clients posting at once")
        print(f"  {'server':28} {'requests/s':>11} {'failed':>7} {'slowest':>9}")
        for name in servers:
            rate, failed, slowest = results[clients, name]
            print(f"  {name:28} {rate:11.1f} {failed:7d} {slowest:8.3f}s")
        ours, alone = results[clients, "nlsz serve"][0], results[clients, "nlsz serve --batch 1"][0]
        if alone:
            print(f"  nlsz serve / nlsz serve --batch 1: {ours / alone:.2f}")
        plain = results[clients, "openfisca serve (nl-sz)"][0]
        if plain:
            print(f"  nlsz serve / openfisca serve (nl-sz): {ours / plain:.2f}")
        before = results.get((clients, BEFORE), (0,))[0]
        if before:
            print(f"  nlsz serve / {BEFORE}: {ours / before:.2f} (the issue asks for at least 2)")
        template = results.get((clients, "openfisca serve (template)"), (0,))[0]
        if template and before:
            print(f"  {BEFORE} / openfisca serve (template): {before / template:.2f};"
                  f" nlsz serve / openfisca serve (template): {ours / template:.2f}")
        elif template:
            # the issue: about 250 against about 1,450 (0.17 of the template); twice today is 0.34
            print(f"  nlsz serve / openfisca serve (template): {ours / template:.2f}"
                  f" (the issue measured 250 / 1,450 = 0.17; twice that is 0.34)")
    if BEFORE not in servers:
        print(f"\n{BEFORE}: not measured, {why_not}")
    if "openfisca serve (template)" not in servers:
        print("\nopenfisca serve (template): not installed here (pip install openfisca-country-template to compare)")


if __name__ == "__main__":
    main()
