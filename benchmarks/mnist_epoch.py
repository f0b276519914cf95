"""Benchmark: one MNIST epoch with mlp, against its own matrix products and PyTorch.

The network is the one of the MNIST chapter: 784-225-144-10, ReLU hidden layers,
softmax output with cross-entropy, plain SGD, mini-batches of B = 100, so one epoch
is 600 updates over the 60,000 training images. For each dtype we report medians
over several epochs after a warm-up epoch:

* ``mlp``      the real training loop, ``mlp.train``;
* ``matmul``   the same epoch's matrix products alone: per batch, the 3 forward
               products A W⁽ˡ⁾ᵀ, the 3 weight gradients Δᵀ A and the 2 products Δ W
               that carry δ back, on arrays of the same shapes;
* ``torch``    the same network and loop in PyTorch on the CPU with the same number
               of threads (only when ``torch`` can be imported).

Run:  python benchmarks/mnist_epoch.py [--epochs 5]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import time
import tracemalloc

import numpy as np

import mlp
from mlp.mnist import load_mnist

SIZES = [784, 225, 144, 10]
BATCH = 100
LR = 0.1


def mlp_epoch_times(X, y, dtype, epochs: int) -> list[float]:
    """Per-epoch wall times of one ``mlp.train`` run over ``epochs`` epochs.

    The times are taken between epochs by the training loop's callback, so they
    leave out the one-off checks of the data that ``train`` does before it starts.
    """
    rng = np.random.default_rng(0)
    net = mlp.Network(SIZES, "relu", "softmax", "cross_entropy", rng=rng, dtype=dtype)
    stamps = [time.perf_counter()]

    def stamp(epoch, net, history):
        stamps.append(time.perf_counter())

    mlp.train(net, X, y, optimiser=mlp.GradientDescent(LR), epochs=epochs, batch_size=BATCH,
              rng=rng, evaluate=False, callback=stamp)
    return list(np.diff(stamps))


def training_peak_mib(X, y, dtype) -> float:
    """Peak memory NumPy allocates while training one epoch (beyond the data), in MiB."""
    net = mlp.Network(SIZES, "relu", "softmax", "cross_entropy", rng=np.random.default_rng(0),
                      dtype=dtype)
    tracemalloc.start()
    mlp.train(net, X, y, optimiser=mlp.GradientDescent(LR), epochs=1, batch_size=BATCH,
              rng=np.random.default_rng(0), evaluate=False)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def time_matmul_epoch(n, dtype, rng) -> float:
    """The 8 matrix products of one forward/backward pass, for every batch of the epoch."""
    Ws = [rng.standard_normal((o, i)).astype(dtype) for i, o in zip(SIZES[:-1], SIZES[1:])]
    As = [rng.standard_normal((BATCH, d)).astype(dtype) for d in SIZES]
    start = time.perf_counter()
    for _ in range(n // BATCH):
        for l in range(3):  # forward: Z = A Wᵀ
            As[l] @ Ws[l].T
        for l in range(3):  # weight gradients: Δᵀ A (Δ has the shape of A⁽ˡ⁺¹⁾)
            As[l + 1].T @ As[l]
        for l in (2, 1):  # carry δ back: Δ W
            As[l + 1] @ Ws[l]
    return time.perf_counter() - start


def time_torch_epoch(X, y, dtype, threads) -> float | None:
    try:
        import torch
    except ImportError:
        return None
    torch.set_num_threads(threads)
    tdtype = torch.float32 if dtype == np.float32 else torch.float64
    torch.manual_seed(0)
    layers = []
    for i, (d_in, d_out) in enumerate(zip(SIZES[:-1], SIZES[1:])):
        layers.append(torch.nn.Linear(d_in, d_out).to(tdtype))
        if i < len(SIZES) - 2:
            layers.append(torch.nn.ReLU())
    model = torch.nn.Sequential(*layers)
    opt = torch.optim.SGD(model.parameters(), lr=LR)
    loss_fn = torch.nn.CrossEntropyLoss()
    Xt = torch.from_numpy(X.astype(dtype))
    yt = torch.from_numpy(y.astype(np.int64))
    gen = torch.Generator().manual_seed(0)
    start = time.perf_counter()
    order = torch.randperm(len(Xt), generator=gen)
    for s in range(0, len(Xt), BATCH):
        idx = order[s : s + BATCH]
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(model(Xt[idx]), yt[idx])
        loss.backward()
        opt.step()
    return time.perf_counter() - start


def median_after_warmup(fn, epochs: int) -> float:
    fn()  # warm-up: caches, BLAS thread pools, first-touch allocations
    return statistics.median(fn() for _ in range(epochs))


def torch_available() -> bool:
    try:
        import torch  # noqa: F401
    except ImportError:
        return False
    return True


def measure(X, y, dtype, threads: int, epochs: int) -> tuple[float, float, float | None]:
    """Median epoch times (mlp, matrix products alone, PyTorch or None) for one dtype."""
    Xd = X.astype(dtype)
    rng = np.random.default_rng(0)
    t_mlp = statistics.median(mlp_epoch_times(Xd, y, dtype, epochs + 1)[1:])  # drop warm-up
    t_mm = median_after_warmup(lambda: time_matmul_epoch(len(X), dtype, rng), epochs)
    t_torch = None
    if torch_available():
        t_torch = median_after_warmup(lambda: time_torch_epoch(X, y, dtype, threads), epochs)
    return t_mlp, t_mm, t_torch


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=5, help="timed epochs after the warm-up")
    args = parser.parse_args()
    threads = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    X, y, _, _ = load_mnist(dtype=np.float64)
    print(
        f"MNIST epoch benchmark: {SIZES}, batch {BATCH}, plain SGD, {len(X)} examples, "
        f"{threads} threads, NumPy {np.__version__}, Python {sys.version.split()[0]}, "
        f"median of {args.epochs} epochs after a warm-up"
    )
    print(f"\n{'dtype':8} {'mlp epoch':>10} {'matmuls':>9} {'mlp/matmul':>11} {'torch':>8} "
          f"{'mlp/torch':>10} {'peak MiB':>9}")
    for dtype in (np.float32, np.float64):
        t_mlp, t_mm, t_torch = measure(X, y, dtype, threads, args.epochs)
        peak = training_peak_mib(X.astype(dtype), y, dtype)
        torch_cols = f"{t_torch:7.3f}s {t_mlp / t_torch:10.2f}" if t_torch else f"{'-':>8} {'-':>10}"
        name = np.dtype(dtype).name
        print(f"{name:8} {t_mlp:9.3f}s {t_mm:8.3f}s {t_mlp / t_mm:11.2f} {torch_cols} {peak:9.1f}",
              flush=True)
    rss_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB
    print(
        "\npeak MiB: what NumPy allocates while training one epoch, beyond the data "
        f"(tracemalloc).\nwhole process peak resident memory: {rss_mib:.0f} MiB (it holds the "
        "60,000 training images in float64 and float32, and PyTorch)"
    )


if __name__ == "__main__":
    main()
