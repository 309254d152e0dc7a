"""The limits of `nlsz serve` and its command-line options.

The defaults keep a small server (2 cores) answering ordinary requests — one household, a few
persons, a few kilobytes — in milliseconds while someone posts a population:

- `--max-bytes` 1 MB: a household situation is 1–3 kB, so 1 MB is several hundred households. A
  larger body is refused with 413 *before* it is parsed (parsing is where a big body costs memory
  and time).
- `--max-persons` 2000: OpenFisca builds a JSON situation in time that grows with the square of
  its size (SimulationBuilder looks each person up in a list), so the cost of a request is bounded
  by bounding its persons; 2000 persons take a few seconds.
- `--heavy-bytes` 64 kB: bodies above this are computed in a separate worker process (the heavy
  lane), one at a time per server worker, so they never hold the interpreter that answers small
  requests.
- `--heavy-timeout` 30 s: a heavy request that has not been answered (queue time included) gets
  503, and the heavy lane's process is replaced.
- `--heavy-queue` 2: at most this many heavy requests wait for the lane; more get 503 at once.
- `--batch` 64: small requests that wait in a server process at the same moment are computed in one
  simulation, at most this many (serve/batching.py); 1 computes each alone.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass

from openfisca_nl_sz import argtypes


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 1_000_000
    max_persons: int = 2_000
    heavy_bytes: int = 64_000
    heavy_timeout: float = 30.0
    heavy_queue: int = 2
    batch: int = 64


def add_serve_arguments(parser: argparse.ArgumentParser) -> None:
    defaults = Limits()
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)")
    parser.add_argument("--port", "-p", type=argtypes.port, default=5000, help="port (default: 5000)")
    parser.add_argument("--workers", type=argtypes.positive_int, default=2, help="server processes (default: 2)")
    parser.add_argument("--threads", type=argtypes.positive_int, default=8, help="threads per server process (default: 8)")
    parser.add_argument("--max-bytes", type=argtypes.positive_int, default=defaults.max_bytes,
                        help=f"largest request body in bytes (default: {defaults.max_bytes:,})")
    parser.add_argument("--max-persons", type=argtypes.positive_int, default=defaults.max_persons,
                        help=f"most persons in one request (default: {defaults.max_persons:,})")
    parser.add_argument("--heavy-bytes", type=argtypes.positive_int, default=defaults.heavy_bytes,
                        help=f"bodies larger than this go to the heavy lane (default: {defaults.heavy_bytes:,})")
    parser.add_argument("--heavy-timeout", type=argtypes.positive_seconds, default=defaults.heavy_timeout,
                        help=f"seconds a heavy request may take, waiting included (default: {defaults.heavy_timeout:g})")
    parser.add_argument("--heavy-queue", type=argtypes.positive_int, default=defaults.heavy_queue,
                        help=f"heavy requests that may wait per server process (default: {defaults.heavy_queue})")
    parser.add_argument("--batch", type=argtypes.positive_int, default=defaults.batch, metavar="N",
                        help=f"requests waiting at the same moment computed in one simulation, at most N "
                             f"(default: {defaults.batch}; 1: each alone)")


def limits_from_args(args) -> Limits:
    return Limits(max_bytes=args.max_bytes, max_persons=args.max_persons, heavy_bytes=args.heavy_bytes,
                  heavy_timeout=args.heavy_timeout, heavy_queue=args.heavy_queue, batch=args.batch)
