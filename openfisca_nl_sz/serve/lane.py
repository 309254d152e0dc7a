"""The heavy lane: large requests are computed in a separate process, one at a time, with a time limit.

Why a process and not a thread: building and computing a large situation is Python code that holds
the interpreter lock, so in a thread it would slow every other request of the same server process.
In its own process it uses its own core (or shares one with the operating system's scheduler),
and the threads that answer small requests keep theirs.

Rules (per server process):
- one heavy request is computed at a time; at most `heavy_queue` more wait for it; any further one
  gets 503 at once (with Retry-After), so heavy requests cannot pile up threads;
- a heavy request has `heavy_timeout` seconds from its arrival, waiting included; after that it
  gets 503, and if it was being computed the lane's process is killed and a fresh one started, so
  the next request does not wait for a computation nobody will read.

Protocol with the lane's process (serve/worker.py), over its stdin/stdout: each message is a JSON
header (4-byte big-endian length first) followed by a body (8-byte length first).
"""

from __future__ import annotations

import json
import os
import select
import struct
import subprocess
import sys
import threading
import time

from openfisca_nl_sz.serve.options import Limits


def write_message(stream, header: dict, body: bytes) -> None:
    head = json.dumps(header).encode("utf-8")
    stream.write(struct.pack(">I", len(head)) + head + struct.pack(">Q", len(body)))
    stream.write(body)
    stream.flush()


def read_exactly(stream, size: int) -> bytes | None:
    data = b""
    while len(data) < size:
        chunk = stream.read(size - len(data))
        if not chunk:
            return None
        data += chunk
    return data


def read_message(stream) -> tuple[dict, bytes] | None:
    size = read_exactly(stream, 4)
    if size is None:
        return None
    head = read_exactly(stream, struct.unpack(">I", size)[0])
    length = read_exactly(stream, 8) if head is not None else None
    if length is None:
        return None
    body = read_exactly(stream, struct.unpack(">Q", length)[0])
    if body is None:
        return None
    return json.loads(head), body


class _Deadline(Exception):
    pass


class _FdReader:
    """Reads a pipe with a deadline (select), for the answer of the lane's process."""

    def __init__(self, fd: int, deadline: float):
        self.fd, self.deadline = fd, deadline

    def read(self, size: int) -> bytes:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise _Deadline()
        ready, _, _ = select.select([self.fd], [], [], left)
        if not ready:
            raise _Deadline()
        return os.read(self.fd, min(size, 1 << 20))


class HeavyLane:
    def __init__(self, limits: Limits, package: str = "openfisca_nl_sz"):
        self.limits = limits
        self._run_lock = threading.Lock()  # the process computes one request at a time
        self._count_lock = threading.Lock()
        self._in_lane = 0  # computing + waiting
        self._process: subprocess.Popen | None = None
        self._start()

    def _start(self) -> None:
        limits = json.dumps(self.limits.__dict__)
        self._process = subprocess.Popen(
            [sys.executable, "-m", "openfisca_nl_sz.serve.worker", limits],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=None, close_fds=True,
        )

    def _restart(self) -> None:
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.kill()
        if process is not None:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                pass
        self._start()

    def close(self) -> None:
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.kill()
            process.wait(timeout=10)

    def run(self, path: str, body: bytes) -> tuple[int, list, bytes]:
        from openfisca_nl_sz.serve.app import error_response

        arrived = time.monotonic()
        deadline = arrived + self.limits.heavy_timeout
        with self._count_lock:
            if self._in_lane > self.limits.heavy_queue:
                return error_response(
                    503, f"request: body: the server is computing {self._in_lane} large requests; "
                         "allowed: retry later, or send smaller requests", [("Retry-After", "10")])
            self._in_lane += 1
        try:
            if not self._run_lock.acquire(timeout=max(0.0, deadline - time.monotonic())):
                return self._timed_out()
            try:
                return self._exchange(path, body, deadline)
            finally:
                self._run_lock.release()
        finally:
            with self._count_lock:
                self._in_lane -= 1

    def _timed_out(self):
        from openfisca_nl_sz.serve.app import error_response

        return error_response(
            503, f"request: body: not answered within {self.limits.heavy_timeout:g} s; "
                 "allowed: smaller requests (fewer persons), or retry later", [("Retry-After", "10")])

    def _exchange(self, path: str, body: bytes, deadline: float):
        from openfisca_nl_sz.serve.app import error_response

        if self._process is None or self._process.poll() is not None:
            self._restart()
        process = self._process
        try:
            write_message(process.stdin, {"path": path}, body)
            answer = read_message(_FdReader(process.stdout.fileno(), deadline))
        except _Deadline:
            self._restart()
            return self._timed_out()
        except (BrokenPipeError, OSError, ValueError):
            answer = None
        if answer is None:  # the process died (e.g. out of memory): a fresh one for the next request
            self._restart()
            return error_response(503, "request: body: the computation stopped (too large?); "
                                       "allowed: smaller requests (fewer persons)")
        header, payload = answer
        return header["status"], [tuple(h) for h in header["headers"]], payload
