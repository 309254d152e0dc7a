"""`nlsz`: the command line of openfisca-nl-sz.

    nlsz calc FILE [--period YYYY-MM] [--vars a,b] [--format table|json]
    nlsz scan [--config FILE] [--out DIR] [--seed N] [--budget SECONDS]
    nlsz compare SCENARIO.yaml [--out DIR]
    nlsz serve [--port N] [--max-bytes N] [--max-persons N] ...   (the web API, see serve/)

Exit codes: 0 success, 2 bad input (one line on stderr naming the file, the field and what is
allowed). Anything else is a bug in this tool and is reported as such.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

from openfisca_nl_sz import argtypes
from openfisca_nl_sz.errors import InputError

#: The chain from gross to net that `nlsz calc` shows by default, in reading order.
DEFAULT_PERSON_VARIABLES = [
    "leeftijd",
    "loon",
    "arbeidsongeschiktheidspercentage",
    "iva_uitkering",
    "wga_loongerelateerde_uitkering",
    "wga_loonaanvullingsuitkering",
    "wga_vervolguitkering",
    "wia_uitkering",
    "ww_uitkering",
    "toeslagenwet_toeslag",
    "aow_uitkering",
    "ib_belastbaar_inkomen_jaar",
    "inkomstenbelasting",
    "zvw_bijdrage",
    "ib_bijstand_bruto_jaar",
    "awir_toetsingsinkomen",
    "netto_inkomen",
]
DEFAULT_HOUSEHOLD_VARIABLES = [
    "bijstandsnorm",
    "bijstand",
    "zorgtoeslag",
    "huurtoeslag",
    "kindgebonden_budget",
    "kinderbijslag",
    "tegemoetkoming_alleenverdieners",
    "besteedbaar_inkomen",
]


def _add_cluster_arguments(command, chunks: bool) -> None:
    """Issue 16: without these, everything runs in this process exactly as before."""
    group = command.add_mutually_exclusive_group()
    group.add_argument("--workers", type=argtypes.positive_int, default=None, metavar="N",
                       help="run in chunks on a local Dask cluster of N worker processes (127.0.0.1 only)")
    group.add_argument("--scheduler", default=None, metavar="tcp://HOST:PORT",
                       help="run in chunks on an existing Dask cluster (its workers need this package and the same files)")
    if chunks:
        command.add_argument("--chunk-size", type=argtypes.positive_int, default=None, metavar="N",
                             help="households per chunk (default: 4 chunks per worker, at most 50000; rounded up to a multiple of 1000); "
                                  "alone: the chunked run in this process")


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse's own errors follow the same one-line, exit-2 rule
        sys.stderr.write(_one_line(f"nlsz: {message}") + "\n")
        sys.exit(2)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="nlsz", description="Dutch social security rules and their harsh effects")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    calc = commands.add_parser("calc", help="compute one household (an OpenFisca situation file)")
    calc.add_argument("file", help="situation file, YAML or JSON")
    calc.add_argument("--period", help="month to compute, YYYY-MM (default: the month the file gives)")
    calc.add_argument("--vars", help="comma-separated variables (default: the chain from gross to besteedbaar_inkomen)")
    calc.add_argument("--format", choices=["table", "json"], default="table")
    calc.add_argument(
        "--override", action="append", default=[], metavar="VAR",
        help="let the file set the computed variable VAR instead of its rule (repeat, or a,b); refused otherwise",
    )

    scan = commands.add_parser("scan", help="search the rules for harsh effects (cliffs, income drops, ...)")
    scan.add_argument("--config", help="scan configuration YAML (default: scenarios/scan_default.yaml)")
    scan.add_argument("--out", default="nlsz-out", help="output folder (default: nlsz-out)")
    scan.add_argument("--periods", default=None, help="months whose rules to scan, comma-separated, e.g. 2024-07,2026-01 (default: the config's)")
    scan.add_argument("--seed", type=int, default=None, help="random seed (default: the config's)")
    scan.add_argument("--budget", type=argtypes.positive_seconds, default=None, help="time budget in seconds (default: the config's)")
    scan.add_argument("--quiet", action="store_true", help="no progress on the terminal")
    _add_cluster_arguments(scan, chunks=False)  # issue 16: the grid phase on Dask workers

    variables = commands.add_parser("variables", help="list the variables you can give or ask for")
    variables.add_argument("--search", default="", help="only names containing this text")
    variables.add_argument("--defaults", action="store_true", help="list each input's default value and why it has that default")

    compare = commands.add_parser("compare", help="baseline versus a reform scenario on a population")
    compare.add_argument("scenario", help="scenario YAML file, e.g. scenarios/wia_grens_25.yaml")
    compare.add_argument("--out", default="nlsz-compare", help="output folder (default: nlsz-compare)")
    compare.add_argument("--strict", action="store_true", help="refuse a parameter override that cannot act (instead of a warning)")
    _add_cluster_arguments(compare, chunks=True)

    from openfisca_nl_sz.serve.options import add_serve_arguments

    add_serve_arguments(commands.add_parser("serve", help="the OpenFisca web API with this package's input checks and limits"))
    return parser


def main(argv=None) -> int:
    args = _parser().parse_args(argv)
    _stop_on_interrupt()
    try:
        if args.command == "calc":
            return _calc(args)
        if args.command == "variables":
            return _variables(args)
        if args.command == "scan":
            from openfisca_nl_sz import outdir
            from openfisca_nl_sz.search.run import scan_command

            # issue 13: --out checked and locked first, the run written aside and swapped in at the end
            with outdir.prepared(args.out, outdir.SCAN_CARRY_OVER) as staging:
                return scan_command(outdir.staged_args(args, staging))
        if args.command == "compare":
            from openfisca_nl_sz import outdir
            from openfisca_nl_sz import scenarios
            from openfisca_nl_sz.compare import run_compare

            scenarios.STRICT = bool(getattr(args, "strict", False))

            if args.workers is not None or args.scheduler is not None or args.chunk_size is not None:
                # issue 16: in chunks, on a local or an existing Dask cluster (default: in-process as before)
                from openfisca_nl_sz.distributed.cluster import check_options
                from openfisca_nl_sz.distributed.compare import run_compare_chunked

                check_options(args.workers, args.scheduler)
                with outdir.prepared(args.out) as staging:
                    run_compare_chunked(args.scenario, str(staging), args.workers, args.scheduler, args.chunk_size,
                                        strict=scenarios.STRICT)
                return 0
            with outdir.prepared(args.out) as staging:
                run_compare(args.scenario, str(staging))
            return 0
        if args.command == "serve":
            from openfisca_nl_sz.serve import serve_command

            return serve_command(args)
    except InputError as error:
        sys.stderr.write(_one_line(f"nlsz: {error}") + "\n")
        return 2
    except KeyboardInterrupt:
        from openfisca_nl_sz import interrupt

        interrupt.mark_unwinding()
        sys.stderr.write("nlsz: interrupted\n")
        return 130
    except Exception as error:  # a bug in nlsz, not in the input: one line, no traceback
        if os.environ.get("NLSZ_DEBUG"):
            raise
        message = _one_line(str(error))
        sys.stderr.write(
            f"nlsz: internal error, please report it (set NLSZ_DEBUG=1 for details): {type(error).__name__}: {message}\n"
        )
        return 1
    return 1


def _one_line(text: str) -> str:
    """A user mistake is told in one line of at most errors.MAX_MESSAGE characters (issue 13)."""
    from openfisca_nl_sz.errors import one_line

    return one_line(text)


def _stop_on_interrupt() -> None:
    """Ctrl-C always ends the command with exit 130 (see openfisca_nl_sz/interrupt.py)."""
    from openfisca_nl_sz import interrupt

    interrupt.install()


def _calc(args) -> int:
    from openfisca_nl_sz import situation as situation_io
    from openfisca_nl_sz.system import CountryTaxBenefitSystem

    source = args.file
    # the checks that need no legislation first, so that a typo is reported at once
    data = situation_io.load_file(source)
    if args.period:
        situation_io.check_period(source, "--period", args.period)
    system = CountryTaxBenefitSystem()
    months = situation_io.check_situation(system, data, source)
    if args.vars is not None:
        names = [name.strip() for name in args.vars.split(",") if name.strip()]
        if not names:
            raise InputError(source, "--vars", "is empty; allowed: comma-separated variable names, see `nlsz variables`")
        for name in names:
            if name not in system.variables:
                raise InputError(source, "--vars", f"unknown variable {name!r}; see `nlsz variables`")
    else:
        names = [n for n in DEFAULT_PERSON_VARIABLES + DEFAULT_HOUSEHOLD_VARIABLES if n in system.variables]
    overrides = frozenset(name.strip() for item in args.override for name in item.split(",") if name.strip())
    if args.period:
        period = args.period
    else:
        period = situation_io.infer_period(months, source)
        situation_io.check_period(source, f"period (the month {period} the file gives; pass --period)", period)
    from openfisca_nl_sz.validation import validate_situation
    from openfisca_nl_sz.validation.situations import CALC_MAX_PERSONS

    # calc builds the simulation from arrays in linear time (situation.build), so it takes larger
    # situations than the web API (issue 14 point 4)
    data = validate_situation(system, data, period, source, overrides=overrides, max_persons=CALC_MAX_PERSONS)
    simulation = situation_io.build(system, data, period, source)
    results = _compute(system, simulation, data, names, period)
    _refuse_non_finite(results, source)
    # An indexed amount not found for this half year keeps its previous value: say so (issue 12 point 5).
    from openfisca_nl_sz.legal import coverage

    note = coverage.notice(system, period)
    if note:
        sys.stderr.write(f"nlsz: note: {note}\n")
    # A household outside the plausibility model is still computed, with a warning (issue 11 point 2).
    from openfisca_nl_sz.plausibility import situation_problems

    for problem in situation_problems(system, data, period):
        sys.stderr.write(f"nlsz: warning: {source}: this household cannot exist: {problem}\n")
    # An input in range that looks like another unit (an AO% of 0.5, a monthly wage as dagloon) is
    # computed as given, with a warning that says how the unit is written.
    from openfisca_nl_sz.validation.unit_hints import hints

    for hint in hints(system, data, period):
        sys.stderr.write(f"nlsz: warning: {source}: {hint}\n")
    if args.format == "json":
        # allow_nan=False: JSON has no NaN; _refuse_non_finite made sure there is none
        sys.stdout.write(_json_text({"period": period, **results}) + "\n")
    else:
        sys.stdout.write(_table(system, results, source, period))
    return 0


def _refuse_non_finite(results: dict, source: str) -> None:
    """Never print nan/inf or emit JSON NaN: a non-finite result means an input the ranges let
    through; name it rather than show a number (issue 13)."""
    import math

    for plural, block in results.items():
        for member_id, values in block.items():
            for name, value in values.items():
                if isinstance(value, float) and not math.isfinite(value):
                    raise InputError(
                        source, f"{plural}.{member_id}",
                        f"the inputs make {name} overflow ({value}); allowed: amounts within the ranges `nlsz variables --defaults` lists",
                    )


def _variables(args) -> int:
    from openfisca_nl_sz.system import CountryTaxBenefitSystem

    system = CountryTaxBenefitSystem()
    if args.defaults:
        from openfisca_nl_sz.validation.defaults import defaults_table

        sys.stdout.write(defaults_table(system, args.search))
        return 0
    for name in sorted(system.variables):
        if args.search and args.search not in name:
            continue
        variable = system.variables[name]
        kind = "input " if not variable.formulas else "formula"
        sys.stdout.write(f"{name:45} {variable.entity.key:11} {kind} {variable.label or ''}\n")
    return 0


def _compute(system, simulation, data, names, period) -> dict:
    """{"personen": {id: {var: value}}, "huishoudens": {id: {var: value}}} for the requested names."""
    out: dict[str, dict] = {"personen": {}, "huishoudens": {}}
    person_ids = list(simulation.persons.ids)
    households = simulation.populations["huishouden"]
    household_ids = list(households.ids)
    rows: dict[str, list] = {}
    from openfisca_core import periods

    from openfisca_nl_sz.populations import FastGroupPopulation, FastPopulation

    fast_populations = (FastPopulation, FastGroupPopulation)
    # the period parsed once, not once per variable (issue 14 point 5: a tenth of a small household's time)
    month = periods.period(period)
    for name in names:
        variable = system.variables[name]
        population = simulation.populations[variable.entity.key]
        if variable.definition_period == month.unit and isinstance(population, fast_populations):
            # a month variable through its population: the short path of openfisca_nl_sz/populations.py
            # (the same value as simulation.calculate; issue 14 point 5)
            values = population(name, month)
        else:  # OpenFisca's own path (and its own words for a period that does not fit)
            values = simulation.calculate(name, month)
        if hasattr(values, "decode_to_str"):  # an Enum: show the names, not the indices
            values = values.decode_to_str()
        ids, plural = (person_ids, "personen") if variable.entity.is_person else (household_ids, "huishoudens")
        # one pass per variable over plain Python values (tolist() gives each element as .item()
        # would): a situation of 50,000 persons (issue 14 point 4)
        items = values.tolist() if hasattr(values, "tolist") else list(values)
        kind = getattr(getattr(values, "dtype", None), "kind", None)
        if kind == "f":
            items = [round(item, 2) if type(item) is float else _plain_item(item) for item in items]
        elif kind not in ("b", "i", "u"):
            items = [_plain_item(item) for item in items]
        if plural not in rows:
            rows[plural] = [out[plural].setdefault(str(member_id), {}) for member_id in ids]
        for row, item in zip(rows[plural], items):
            row[name] = item
    return out


def _plain_item(item):
    """A value as calc prints it: text for bytes and Enum items, floats rounded to cents."""
    if isinstance(item, bytes):
        item = item.decode()
    if isinstance(item, float):
        return round(item, 2)
    if hasattr(item, "name"):
        return item.name
    return item


_JSON_SCALARS = frozenset({float, int, bool, str, type(None)})


def _json_text(document: dict) -> str:
    """`json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False)`, the same text, faster.

    With `indent` the json module encodes in Python, value by value: 4 s for a situation of 50,000
    persons (issue 14 point 4). calc's document is {"period": text, plural: {id: {variable: value}}}:
    each member's flat mapping is encoded by the module's C encoder, whose item separator carries
    the newline and indentation that indent=2 would write there. Anything else goes to json.dumps."""
    def dumps(value, separator=", "):
        return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(separator, ": "))

    if not isinstance(document, dict) or not document:
        return json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False)
    lines = ["{"]
    blocks = list(document.items())
    for block_index, (key, block) in enumerate(blocks):
        end = "," if block_index < len(blocks) - 1 else ""
        if type(key) is not str:
            return json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False)
        if type(block) in _JSON_SCALARS or (isinstance(block, dict) and not block):
            lines.append(f"  {dumps(key)}: {dumps(block)}{end}")
            continue
        if not isinstance(block, dict):
            return json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False)
        lines.append(f"  {dumps(key)}: {{")
        members = list(block.items())
        for member_index, (member_id, values) in enumerate(members):
            if type(member_id) is not str or not isinstance(values, dict) or not _JSON_SCALARS.issuperset(map(type, values.values())):
                return json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False)
            text = dumps(values, ",\n      ")
            if values:
                text = "{\n      " + text[1:-1] + "\n    }"
            lines.append(f"    {dumps(member_id)}: {text}{',' if member_index < len(members) - 1 else ''}")
        lines.append(f"  }}{end}")
    lines.append("}")
    return "\n".join(lines)


def _format(value) -> str:
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, float):
        return f"{value:,.2f}"
    return str(value)


def _table(system, results, source, period) -> str:
    lines = [f"{source} — {period} (amounts in € per month)", ""]
    for plural, title in (("personen", "Personen"), ("huishoudens", "Huishouden")):
        block = results[plural]
        if not block or not next(iter(block.values())):
            continue
        ids = list(block)
        names = list(next(iter(block.values())))
        width = max(len(n) for n in names) + 2
        lines.append(f"{title}".ljust(width) + "".join(i.rjust(14) for i in ids))
        for name in names:
            lines.append(name.ljust(width) + "".join(_format(block[i][name]).rjust(14) for i in ids))
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
