"""The heavy lane's process: reads requests on stdin, answers them on stdout, one at a time.

Started by serve/lane.py as `python -m openfisca_nl_sz.serve.worker LIMITS_JSON`. It runs exactly
the checked computation of the server itself (`NlszApi.compute`), so a large request gets the same
checks, the same JSON and the same one-line errors as a small one. It ends when its stdin closes
(the server process ended) or when the server kills it (time limit).
"""

from __future__ import annotations

import json
import os
import sys


def main(argv=None) -> int:
    from openfisca_nl_sz.serve.app import NlszApi, error_response
    from openfisca_nl_sz.serve.lane import read_message, write_message
    from openfisca_nl_sz.serve.options import Limits
    from openfisca_nl_sz.system import CountryTaxBenefitSystem

    argv = sys.argv[1:] if argv is None else argv
    try:  # a heavy computation yields the CPU to the server processes that answer small requests
        os.nice(10)
    except OSError:
        pass
    limits = Limits(**json.loads(argv[0])) if argv else Limits()
    api = NlszApi(CountryTaxBenefitSystem(), limits, lane=None)
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing but answers may go to the pipe
    while True:
        message = read_message(stdin)
        if message is None:
            return 0
        header, body = message
        try:
            status, headers, payload = api.compute(header["path"], body)
        except Exception as error:  # a bug: one line to the client, the lane goes on
            status, headers, payload = error_response(500, f"internal error, please report it: {type(error).__name__}: {error}")
        write_message(stdout, {"status": status, "headers": headers}, payload)


if __name__ == "__main__":
    sys.exit(main())
