"""Cosine similarities that come out the same, to the last bit, on every machine.

numpy hands a matrix product to OpenBLAS, which picks its kernel for the processor it runs
on; kernels add in different orders, so the same float32 product differs in its last bits
from one machine to another. Grouping compares similarities with thresholds and breaks ties
between identical sentences on them: the same 2,000 seeds made 560 stories with OpenBLAS's
Haswell kernel and 555 with its SkylakeX one. So vectors are rounded to whole multiples of
2**-20 when they are loaded (far below what the encoder resolves; float32 holds them
exactly), and multiplied in float64: every product of two components is then a multiple
of 2**-40 and every partial sum below 2**12 (MAX_DIM), which float64 holds exactly, so the
result is the same in whatever order a kernel adds.
"""

from __future__ import annotations

import math

import numpy as np

SCALE = float(1 << 20)
MAX_DIM = 4096  # components of at most 1: a row's partial sums stay below 2**12


def rounded(rows: np.ndarray) -> np.ndarray:
    """`rows` (components within [-1, 1]) rounded to multiples of 2**-20, as float32."""
    if rows.shape[-1] > MAX_DIM:
        raise ValueError(f"vectors of {rows.shape[-1]} dimensions: exact up to {MAX_DIM}")
    out: np.ndarray = np.multiply(rows, SCALE, dtype=np.float32)  # a power of two: exact
    np.rint(out, out=out)
    out /= SCALE
    return out


def products(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """`a @ b.T`, exactly, for rows already `rounded` (float64)."""
    out: np.ndarray = np.asarray(a, dtype=np.float64) @ np.asarray(b, dtype=np.float64).T
    return out


def unit_mean(rows: np.ndarray) -> np.ndarray:
    """The mean of `rounded` rows, L2-normalised, then `rounded`: the sum of a few rows is
    exact in any order, and `math.fsum` rounds the squared norm once (numpy's norm of a
    vector is a BLAS call too)."""
    total = rows.astype(np.float64).sum(axis=0)
    norm = math.sqrt(math.fsum((total * total).tolist()))
    return rounded(total / norm if norm else total)
