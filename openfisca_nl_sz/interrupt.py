"""Ctrl-C always ends an nlsz command, with exit code 130 (issue 13: it was ignored 3 times in 21).

Why it was ignored: Python delivers Ctrl-C by raising KeyboardInterrupt in whatever the main thread
is running at that moment. When that is a garbage-collector callback, a `__del__` or a weakref
callback, the exception cannot propagate: Python prints "Exception ignored in ..." and drops it.
Hypothesis registers a gc callback that runs very often during the search, and the command went on.

So the first Ctrl-C raises KeyboardInterrupt as usual (the run cleans up: its staging folder is
removed, the previous results stay) and starts a watchdog thread: until the command reports that
it is unwinding (`mark_unwinding`, called by the output folder's cleanup and by the CLI), the
watchdog delivers the interrupt again every 0.3 s, so a dropped one is followed by one that lands.
Whatever happens, the process ends after `grace_seconds` (a staging folder left behind is then
removed by the next run into the same folder), and a second Ctrl-C from the user ends it at once.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time

_state = {"pressed": 0, "redeliver": False, "unwinding": False}


def mark_unwinding() -> None:
    """The interrupt has landed: the command is cleaning up; stop delivering it again."""
    _state["unwinding"] = True


def _leave() -> None:
    sys.stderr.write("nlsz: interrupted\n")
    sys.stderr.flush()
    os._exit(130)


def _watchdog(grace_seconds: float, retry_seconds: float) -> None:
    end = time.monotonic() + grace_seconds
    while time.monotonic() < end:
        time.sleep(retry_seconds)
        if not _state["unwinding"]:
            _state["redeliver"] = True
            os.kill(os.getpid(), signal.SIGINT)
    _leave()


def install(grace_seconds: float = 5.0, retry_seconds: float = 0.3) -> None:
    """Make Ctrl-C end this process with exit 130 (see the module docstring). Main thread only."""
    if threading.current_thread() is not threading.main_thread():
        return  # signal handlers can only be set from the main thread (e.g. main() called in a test thread)

    def handler(signum, frame):
        if _state["redeliver"]:  # our own second delivery, not a second Ctrl-C
            _state["redeliver"] = False
            raise KeyboardInterrupt
        _state["pressed"] += 1
        if _state["pressed"] > 1:
            _leave()
        threading.Thread(target=_watchdog, args=(grace_seconds, retry_seconds), daemon=True).start()
        raise KeyboardInterrupt

    signal.signal(signal.SIGINT, handler)
    previous_hook = sys.unraisablehook

    def unraisable(info):  # a dropped KeyboardInterrupt is delivered again: no "Exception ignored" noise
        if isinstance(info.exc_value, KeyboardInterrupt):
            return
        previous_hook(info)

    sys.unraisablehook = unraisable
