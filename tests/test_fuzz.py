"""A short fixed-seed run of fuzz/run.py per target (~300 cases each); the full run is 10,000+.

python fuzz/run.py all --cases 10000 --seed 1
"""

from __future__ import annotations

import functools
import importlib.util
import sys
from pathlib import Path

import pytest

RUNNER = Path(__file__).resolve().parent.parent / "fuzz" / "run.py"
CASES = 300


@functools.cache
def _fuzz_module():
    spec = importlib.util.spec_from_file_location("geo_fuzz_run", RUNNER)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("target", ["reader", "linker", "gazetteer", "coords"])
def test_fixed_seed_fuzz_run_finds_nothing(target: str) -> None:
    fuzz = _fuzz_module()
    # Slowness is the benchmark's business in CI (a loaded runner); 60 s still catches a hang.
    summary = fuzz.fuzz(target, CASES, seed=1, slow=60.0, log=lambda _: None)
    assert summary.cases == CASES
    assert not summary.findings, "\n".join(
        f"{f.signature} x{f.count} (case {f.case}): {f.message}" for f in summary.findings.values()
    )


def test_mutations_are_seeded() -> None:
    import random

    fuzz = _fuzz_module()
    seed = b"\xe6\xb5\xb7\xe6\xb7\x80\xe5\x8c\xba" * 20
    rng_a, rng_b = random.Random(7), random.Random(7)
    assert [fuzz.mutate(seed, rng_a, [seed]) for _ in range(50)] == [
        fuzz.mutate(seed, rng_b, [seed]) for _ in range(50)
    ]
