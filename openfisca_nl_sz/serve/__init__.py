"""`nlsz serve`: the OpenFisca web API of this package, with its input checks and limits.

    nlsz serve [--host 127.0.0.1] [--port 5000] [--workers 2] [--threads 8]
               [--max-bytes N] [--max-persons N] [--heavy-bytes N] [--heavy-timeout S] [--heavy-queue N]
               [--batch N]

The endpoints and JSON are OpenFisca's own (`openfisca serve -c openfisca_nl_sz` gives the same
answers to a good request); what differs is what happens to a bad or a heavy one (serve/app.py).

Server: gunicorn, which comes with openfisca-core[web-api] (no new dependency) and is what
`openfisca serve` runs too. It pre-forks worker processes, so two cores answer in parallel despite
Python's interpreter lock (waitress, the other production WSGI server one might pick, runs threads
in one process); each worker uses the `gthread` class, so a thread waiting for the heavy lane does
not block the worker's other threads. Each worker has its own heavy lane (serve/lane.py).
"""

from __future__ import annotations

from openfisca_nl_sz.serve.options import Limits, add_serve_arguments, limits_from_args

__all__ = ["serve_command", "build_api", "Limits", "add_serve_arguments"]


def build_api(limits: Limits = Limits(), heavy_lane: bool = True):
    """The WSGI application (one per server process): checks, limits and a heavy lane around OpenFisca."""
    from openfisca_nl_sz.serve.app import NlszApi
    from openfisca_nl_sz.serve.lane import HeavyLane
    from openfisca_nl_sz.system import CountryTaxBenefitSystem

    lane = HeavyLane(limits) if heavy_lane else None
    return NlszApi(CountryTaxBenefitSystem(), limits, lane=lane)


def serve_command(args) -> int:
    from gunicorn.app.base import BaseApplication

    limits = limits_from_args(args)
    _check_address(args.host, args.port)

    class Server(BaseApplication):
        def load_config(self):
            settings = {
                "bind": f"{args.host}:{args.port}",
                "workers": args.workers,
                "worker_class": "gthread",
                "threads": args.threads,
                # gthread workers report to the arbiter from their main loop, not per request, so this
                # only ends a worker that is stuck as a whole; requests have their own limits.
                "timeout": int(limits.heavy_timeout) + 60,
                "graceful_timeout": 10,
                "keepalive": 5,
                "accesslog": None,
                "errorlog": "-",
                "loglevel": "warning",
                "proc_name": "nlsz-serve",
            }
            for key, value in settings.items():
                self.cfg.set(key, value)
            self.cfg.set("worker_exit", _close_lane)

        def load(self):
            self.api = build_api(limits)
            _APIS.append(self.api)
            return self.api

    import sys

    sys.stderr.write(f"nlsz serve: http://{args.host}:{args.port}/ (POST a situation to /calculate; Ctrl-C stops)\n")
    Server().run()
    return 0


_APIS: list = []


def _check_address(host: str, port: int) -> None:
    """A port in use or an unknown host is the user's mistake: one line and exit 2, not gunicorn's retries."""
    import socket

    from openfisca_nl_sz.errors import InputError

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as error:
        raise InputError("--host", str(host)[:80], f"is not an address of this machine ({error.strerror or error}); allowed: e.g. 127.0.0.1")
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as error:
            raise InputError("--port", str(port), f"cannot listen on {host}:{port} ({error.strerror}); allowed: a free port, e.g. --port {port + 1 if port < 65535 else 5000}")


def _close_lane(server, worker) -> None:
    for api in _APIS:
        if api.lane is not None:
            api.lane.close()
