"""Scale of the chunked comparison (issue 16): households per second in-process vs 1 and 2 Dask
workers, and the peak memory per worker for a large population.

    .venv/bin/python benchmarks/scale.py                       # the issue's sizes: 1M and 8M households
    .venv/bin/python benchmarks/scale.py --speed-size 200000 --sizes 200000,1000000   # quicker

What is timed: baseline and reform of `scenarios/wia_grens_25.yaml` (one month) on `--speed-size`
households, generated and simulated chunk by chunk, summaries merged (the work of
`nlsz compare --workers N`, without the ranges and the harm search, which do not grow with the
population). The three runs use the same seeds and must give the same net budget effect (checked).
Cluster start-up and a warm-up chunk of 1,000 households on each worker (the first build of the
tax-benefit system and of its caches) are not timed.

Peak memory: for each of `--sizes`, a fresh local cluster of 2 workers runs the whole population;
each worker's peak resident memory (getrusage ru_maxrss) is printed. It follows the chunk size
(`--chunk-size`), not the population size: one chunk at a time per worker, only summaries kept.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

import yaml


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # Linux: kilobytes


def _scenario(tmp: Path) -> str:
    from openfisca_nl_sz.paths import data_dir

    data = yaml.safe_load((data_dir("scenarios") / "wia_grens_25.yaml").read_text(encoding="utf-8"))
    data["population"]["config"] = str(data_dir("scenarios") / data["population"]["config"])
    data.setdefault("outputs", {}).update({"harm_search": False, "ranges": False})
    path = tmp / "scale.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return str(path)


def _warm(runner, job) -> None:
    """Build the systems and run one small chunk on every worker (not timed)."""
    client = getattr(runner, "client", None)
    if client is None:
        _warm_here(job)
    else:
        client.run(_warm_here, job)


def _warm_here(job) -> None:
    from openfisca_nl_sz.distributed import chunks as chunking
    from openfisca_nl_sz.distributed.compare import compare_chunk

    # the systems are cached in the process; nothing is sent back
    compare_chunk(job, chunking.Chunk(0, 0, chunking.BLOCK, job.seed + 1))


def _run(job, runner, chunk_size, repeat=1):
    """Best of `repeat` runs (the machine may be shared: the best run is the least disturbed one)."""
    from openfisca_nl_sz.distributed.compare import run_chunks

    _warm(runner, job)
    best = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        merged, plan = run_chunks(job, runner, chunk_size, progress=lambda m: None)
        seconds = time.perf_counter() - t0
        best = seconds if best is None else min(best, seconds)
    return best, merged, plan


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--speed-size", type=int, default=400_000, help="households for the speed comparison (default 400000)")
    parser.add_argument("--sizes", default="1000000,8000000", help="households for the memory runs (default 1000000,8000000)")
    parser.add_argument("--chunk-size", type=int, default=50_000, help="households per chunk (default 50000)")
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--repeat", type=int, default=2, help="speed runs per mode, the best counts (default 2)")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]

    from openfisca_nl_sz.distributed.cluster import InProcess, runner
    from openfisca_nl_sz.distributed.compare import Job

    with tempfile.TemporaryDirectory() as tmp:
        path = _scenario(Path(tmp))
        job = Job(path, False, args.speed_size, args.seed)
        print(f"speed: baseline + reform, one month, {args.speed_size:,} households, chunks of {args.chunk_size:,}, "
              f"best of {args.repeat}; load average before: {os.getloadavg()[0]:.2f}")
        rates, nets = {}, {}
        seconds, merged, plan = _run(job, InProcess(), args.chunk_size, args.repeat)
        rates["in-process"], nets["in-process"] = args.speed_size / seconds, merged["summary"]["budget"]["net_cost_mln_per_year"]
        print(f"  in-process   {rates['in-process']:>10,.0f} households/s  ({seconds:.1f} s, {len(plan)} chunks, "
              f"peak {_peak_mb():,.0f} MB)", flush=True)
        for workers in (1, 2):
            with runner(workers=workers, progress=lambda m: None) as r:
                seconds, merged, _ = _run(job, r, args.chunk_size, args.repeat)
            key = f"{workers} worker{'s' if workers > 1 else ''}"
            rates[key], nets[key] = args.speed_size / seconds, merged["summary"]["budget"]["net_cost_mln_per_year"]
            print(f"  {key:12} {rates[key]:>10,.0f} households/s  ({seconds:.1f} s)", flush=True)
        print(f"  2 workers / 1 worker: {rates['2 workers'] / rates['1 worker']:.2f}x")
        spread = max(nets.values()) - min(nets.values())
        print(f"  net budget effect, EUR mln/year: {nets['in-process']:.6f} (largest difference between the runs {spread:.2e})")
        if spread > 1e-6 * max(1.0, abs(nets["in-process"])):
            print("  ERROR: the runs disagree", file=sys.stderr)
            return 1

        for size in sizes:
            job = Job(path, False, size, args.seed)
            with runner(workers=2, progress=lambda m: None) as r:
                seconds, merged, plan = _run(job, r, args.chunk_size)
                peaks = r.client.run(_peak_mb)
            assert merged["households"] == size
            per_worker = ", ".join(f"{mb:,.0f} MB" for mb in sorted(peaks.values()))
            print(f"memory: {size:,} households, one month, 2 workers, {len(plan)} chunks of {args.chunk_size:,}: "
                  f"{seconds:.0f} s ({size / seconds:,.0f} households/s); peak per worker {per_worker}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
