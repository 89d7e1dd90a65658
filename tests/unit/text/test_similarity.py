"""Similarities are exact: the same bits whatever order a BLAS kernel adds in."""

from __future__ import annotations

import os
import subprocess
import sys
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.text.similarity import MAX_DIM, products, rounded, unit_mean

DIM = 384  # the encoder's


def similarities(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return products(rounded(a), rounded(b))


def unit_rows(seed: int, count: int, dim: int = DIM) -> np.ndarray:
    rows = np.random.default_rng(seed).standard_normal((count, dim)).astype(np.float32)
    normalised: np.ndarray = rows / np.linalg.norm(rows, axis=1, keepdims=True)
    return normalised


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 8), st.integers(1, 40))
def test_the_order_of_the_sum_changes_nothing(seed: int, n: int, m: int) -> None:
    # A kernel adds the components in an order of its own: permuting them is the same test.
    a, b = unit_rows(seed, n), unit_rows(seed + 1, m)
    order = np.random.default_rng(seed).permutation(DIM)
    assert similarities(a, b).tobytes() == similarities(a[:, order], b[:, order]).tobytes()
    assert (similarities(a, b).T).tobytes() == similarities(b, a).tobytes()


def test_float32_products_are_not_exact() -> None:
    """What the module is for: a float32 product, summed in another order, differs."""
    a, b = unit_rows(1, 8), unit_rows(2, 40)
    order = np.random.default_rng(3).permutation(DIM)
    assert (a @ b.T).tobytes() != (a[:, order] @ b[:, order].T).tobytes()


@settings(max_examples=20, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_products_are_the_exact_value(seed: int) -> None:
    a, b = rounded(unit_rows(seed, 2)), rounded(unit_rows(seed + 1, 3))
    found = products(a, b)
    for i in range(2):
        for j in range(3):
            pairs = zip(a[i].tolist(), b[j].tolist(), strict=True)
            exact = sum(Fraction(x) * Fraction(y) for x, y in pairs)
            assert Fraction(float(found[i, j])) == exact


@settings(max_examples=50, deadline=None)
@given(st.lists(st.floats(-1, 1, width=32), min_size=1, max_size=16))
def test_rounding_is_fine_and_idempotent(values: list[float]) -> None:
    rows = np.asarray([values], dtype=np.float32)
    once = rounded(rows)
    assert once.dtype == np.float32
    assert np.all(np.abs(once - rows) <= 2.0**-21)
    assert rounded(once).tobytes() == once.tobytes()
    assert np.all(once * 2.0**20 == np.rint(once * 2.0**20))


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 6))
def test_unit_mean_ignores_the_order_of_rows(seed: int, count: int) -> None:
    rows = rounded(unit_rows(seed, count))
    order = np.random.default_rng(seed).permutation(count)
    lead = unit_mean(rows)
    assert lead.tobytes() == unit_mean(rows[order]).tobytes()
    assert abs(float(np.linalg.norm(lead)) - 1) < 1e-5
    mean = rows.mean(axis=0)
    assert np.allclose(lead, mean / np.linalg.norm(mean), atol=1e-5)


def test_unit_mean_of_nothing_is_zero() -> None:
    assert not unit_mean(np.zeros((1, 4), dtype=np.float32)).any()


def test_too_many_dimensions_are_refused() -> None:
    with pytest.raises(ValueError, match="dimensions"):
        rounded(np.zeros((1, MAX_DIM + 1), dtype=np.float32))


@pytest.mark.parametrize("kernel", ["Haswell", "SkylakeX", "Prescott"])
def test_every_openblas_kernel_gives_the_same_bits(kernel: str) -> None:
    """OpenBLAS picks its kernel for the processor, or as OPENBLAS_CORETYPE says: each
    must give the bits the default one gives (a kernel the processor lacks is skipped)."""
    script = (
        "import sys, numpy as np\n"
        "from generator.text.similarity import products, rounded\n"
        "r = np.random.default_rng(5)\n"
        "a, b = (r.standard_normal((n, 384)).astype(np.float32) for n in (37, 290))\n"
        "a /= np.linalg.norm(a, axis=1, keepdims=True)\n"
        "b /= np.linalg.norm(b, axis=1, keepdims=True)\n"
        "sys.stdout.write(products(rounded(a), rounded(b)).tobytes().hex())\n"
    )

    def run(env: dict[str, str]) -> str:
        done = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=False
        )
        if done.returncode != 0:
            pytest.skip(f"OpenBLAS kernel {kernel} does not run here: {done.stderr[-200:]}")
        return done.stdout

    plain = {k: v for k, v in os.environ.items() if k != "OPENBLAS_CORETYPE"}
    default, forced = run(plain), run(plain | {"OPENBLAS_CORETYPE": kernel})
    assert forced == default
