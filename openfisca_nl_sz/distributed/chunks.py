"""A population cut into chunks of households, each drawn from its own seed.

Why blocks: the answer must not depend on the number of workers nor on the chunk size (issue 16
point 3). So the households are drawn in fixed *blocks* of `BLOCK` households, block i from the seed
`SeedSequence(run_seed, spawn_key=(i,))` (numpy's SeedSequence.spawn, computed by index). A chunk is a
run of whole blocks; any chunk size (a multiple of BLOCK) gives the same households, so the same
answer to float tolerance (only the order of the sums changes).

The chunked population is therefore not the one `generate(size, seed)` draws in one go (that one
uses one random stream for all households): same size, same seed, same config, a different sample;
the figures differ by sampling noise only. The default `nlsz compare` (no --workers / --scheduler /
--chunk-size) keeps the one-stream population, exactly as before.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from openfisca_nl_sz.population.frame import Population

#: Households per seed block. Part of the result's definition: changing it changes the sample.
BLOCK = 1_000
#: Default chunk size (households per OpenFisca simulation); peak memory per worker follows it.
DEFAULT_CHUNK = 50_000


@dataclass(frozen=True)
class Chunk:
    """Chunk `index`: households [start, stop) of the population, blocks [first_block, last_block)."""

    index: int
    start: int
    stop: int
    run_seed: int

    @property
    def first_block(self) -> int:
        return self.start // BLOCK

    @property
    def blocks(self) -> range:
        return range(self.start // BLOCK, -(-self.stop // BLOCK))

    @property
    def seeds(self) -> list[int]:
        return [block_seed(self.run_seed, b) for b in self.blocks]

    def describe(self) -> str:
        """How to name this chunk to a reader, so that it can be rerun alone."""
        seeds = self.seeds
        seed_text = str(seeds[0]) if len(seeds) == 1 else f"{seeds[0]} (block {self.blocks.start}) .. {seeds[-1]} (block {self.blocks.stop - 1})"
        return (f"chunk {self.index} (households {self.start:,}-{self.stop - 1:,} of run seed {self.run_seed}, "
                f"block seed {seed_text})")


def block_seed(run_seed: int, block: int) -> int:
    """The seed of block `block`: SeedSequence(run_seed).spawn(...)[block], as one 63-bit integer."""
    state = np.random.SeedSequence(int(run_seed), spawn_key=(int(block),)).generate_state(2, np.uint32)
    return int((int(state[0]) << 31) ^ int(state[1]))


def chunk_size_of(requested: int | None) -> int:
    """The chunk size rounded up to whole blocks (at least one block)."""
    size = DEFAULT_CHUNK if requested is None else int(requested)
    return max(BLOCK, -(-size // BLOCK) * BLOCK)


def plan(size: int, run_seed: int, chunk_size: int | None = None) -> list[Chunk]:
    """The chunks of a population of `size` households."""
    step = chunk_size_of(chunk_size)
    return [Chunk(i, start, min(start + step, size), int(run_seed)) for i, start in enumerate(range(0, size, step))]


def generate_chunk(chunk: Chunk, total_size: int, config: dict):
    """The chunk's households as one SyntheticPopulation; weights scaled to the whole population.

    Each block is generated with `generate(block_size, block_seed, config)`; a generated population
    of n households stands for all the assessments (or households) of the config, so its weights are
    scaled by n / total_size: summed over all blocks they give the config's totals again.
    """
    from openfisca_nl_sz.population.generator import generate

    parts = []
    for block in chunk.blocks:
        lo, hi = max(block * BLOCK, chunk.start), min((block + 1) * BLOCK, chunk.stop)
        part = generate(hi - lo, block_seed(chunk.run_seed, block), config)
        part.inflow_weight = part.inflow_weight * ((hi - lo) / total_size)
        parts.append(part)
    return concat(parts, seed=chunk.run_seed)


def concat(parts, seed: int):
    """One SyntheticPopulation from several (households renumbered in order)."""
    from openfisca_nl_sz.population.generator import SyntheticPopulation

    if len(parts) == 1:
        parts[0].seed = seed
        return parts[0]
    offsets = np.cumsum([0] + [p.population.n_households for p in parts[:-1]])
    first = parts[0]
    cat = lambda getter: np.concatenate([getter(p) for p in parts])  # noqa: E731
    population = Population(
        household=np.concatenate([p.population.household + off for p, off in zip(parts, offsets)]),
        role=cat(lambda p: p.population.role),
        person_inputs={k: cat(lambda p, k=k: p.population.person_inputs[k]) for k in first.population.person_inputs},
        household_inputs={k: cat(lambda p, k=k: p.population.household_inputs[k]) for k in first.population.household_inputs},
    )
    return SyntheticPopulation(
        population=population,
        inflow_weight=cat(lambda p: p.inflow_weight),
        duration_years=cat(lambda p: p.duration_years),
        outcome=cat(lambda p: p.outcome),
        household_type=cat(lambda p: p.household_type),
        household_types=first.household_types,
        config=first.config,
        seed=seed,
        outcome_labels=first.outcome_labels,
    )
