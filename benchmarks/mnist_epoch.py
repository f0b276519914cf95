"""Benchmark: one MNIST epoch with mlp, against its own matrix products and PyTorch.

The network is the one of the MNIST chapter: 784-225-144-10, ReLU hidden layers,
softmax output with cross-entropy, plain SGD, mini-batches of B = 100, so one epoch
is 600 updates over the 60,000 training images. For each dtype it prints the median
epoch time over several epochs after a warm-up epoch, and its ratio to the matrix
products alone, of:

* ``matrix products alone``  per batch, the 3 forward products A W⁽ˡ⁾ᵀ, the 3 weight
                             gradients Δᵀ A and the 2 products Δ W that carry δ back;
* ``mlp.train``              the real training loop;
* ``NumPy loop``             the same epoch written out by hand in NumPy with nothing
                             else (benchmarks/handwritten.py): what no NumPy code beats;
* ``… fused BLAS updates``   that loop with biases folded into the products and every
                             weight update done inside BLAS (Linux wheels of NumPy only);
* ``elementwise work alone`` that loop with its matrix products removed;
* ``PyTorch``                the same network and loop on the CPU with the same number
                             of threads (only when ``torch`` can be imported).

Run:  python benchmarks/mnist_epoch.py [--epochs 5] [--threads N]
"""

from __future__ import annotations

import argparse
import os
import sys

parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("--epochs", type=int, default=5, help="timed epochs after the warm-up")
parser.add_argument("--threads", type=int, help="BLAS and PyTorch threads (default: all cores)")
ARGS = parser.parse_args() if __name__ == "__main__" else None
if ARGS is not None and ARGS.threads:
    # BLAS libraries read their thread count once, when NumPy is first imported.
    for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "VECLIB_MAXIMUM_THREADS"):
        os.environ[variable] = str(ARGS.threads)

import resource  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402
import tracemalloc  # noqa: E402

import numpy as np  # noqa: E402
from handwritten import bundled_gemm, elementwise_only, fused_blas_loop, matrix_products, numpy_loop  # noqa: E402

import mlp  # noqa: E402
from mlp.mnist import load_mnist  # noqa: E402

SIZES = [784, 225, 144, 10]
BATCH = 100
LR = 0.1


def new_network(dtype) -> mlp.Network:
    return mlp.Network(SIZES, "relu", "softmax", "cross_entropy", rng=np.random.default_rng(0), dtype=dtype)


def mlp_epoch_times(X, y, dtype, epochs: int) -> list[float]:
    """Per-epoch wall times of one ``mlp.train`` run over ``epochs`` epochs.

    The times are taken between epochs by the training loop's callback, so they
    leave out the one-off checks of the data that ``train`` does before it starts.
    """
    stamps = [time.perf_counter()]

    def stamp(epoch, net, history):
        stamps.append(time.perf_counter())

    mlp.train(new_network(dtype), X, y, optimiser=mlp.GradientDescent(LR), epochs=epochs,
              batch_size=BATCH, rng=np.random.default_rng(0), evaluate=False, callback=stamp)
    return list(np.diff(stamps))


def training_peak_mib(X, y, dtype) -> float:
    """Peak memory NumPy allocates while training one epoch (beyond the data), in MiB."""
    tracemalloc.start()
    mlp.train(new_network(dtype), X, y, optimiser=mlp.GradientDescent(LR), epochs=1, batch_size=BATCH,
              rng=np.random.default_rng(0), evaluate=False)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def median_after_warmup(epoch, epochs: int) -> float:
    """Median wall time of ``epoch()`` over ``epochs`` calls after one warm-up call."""
    times = []
    for _ in range(epochs + 1):
        start = time.perf_counter()
        epoch()
        times.append(time.perf_counter() - start)
    return statistics.median(times[1:])


def handwritten_epochs(X, y, dtype, epochs: int) -> dict[str, float]:
    """Median epoch times of the yardsticks of benchmarks/handwritten.py."""
    net = new_network(dtype)
    Ws, bs = net.weights, net.biases
    rng = np.random.default_rng(0)
    times = {
        "matrix products alone": median_after_warmup(lambda: matrix_products(Ws, len(X), BATCH, rng), epochs),
        "NumPy loop": median_after_warmup(
            lambda: numpy_loop(Ws, bs, X, y, rng.permutation(len(X)), LR, BATCH), epochs),
    }
    gemm = bundled_gemm(dtype)
    if gemm is not None:
        Wbs = [np.hstack([W, b[:, None]]) for W, b in zip(Ws, bs)]
        times["… with fused BLAS updates"] = median_after_warmup(
            lambda: fused_blas_loop(Wbs, X, y, rng.permutation(len(X)), LR, BATCH, gemm), epochs)
    times["elementwise work alone"] = median_after_warmup(
        lambda: elementwise_only(Ws, bs, X, y, rng.permutation(len(X)), LR, BATCH), epochs)
    return times


def torch_epoch(X, y, dtype, threads):
    """A function running one epoch of the same network in PyTorch, or None without torch."""
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
    Xt = torch.from_numpy(X)
    yt = torch.from_numpy(y.astype(np.int64))
    gen = torch.Generator().manual_seed(0)

    def epoch():
        order = torch.randperm(len(Xt), generator=gen)
        for s in range(0, len(Xt), BATCH):
            idx = order[s : s + BATCH]
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(model(Xt[idx]), yt[idx])
            loss.backward()
            opt.step()

    return epoch


def main() -> None:
    if ARGS.threads:
        threads = ARGS.threads
    else:
        threads = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    X64, y, _, _ = load_mnist(dtype=np.float64)
    print(
        f"MNIST epoch benchmark: {SIZES}, batch {BATCH}, plain SGD, {len(X64)} examples, "
        f"{threads} threads, NumPy {np.__version__}, Python {sys.version.split()[0]}, "
        f"median of {ARGS.epochs} epochs after a warm-up"
    )
    for dtype in (np.float32, np.float64):
        X = X64.astype(dtype)
        times = handwritten_epochs(X, y, dtype, ARGS.epochs)
        times["mlp.train"] = statistics.median(mlp_epoch_times(X, y, dtype, ARGS.epochs + 1)[1:])
        epoch = torch_epoch(X, y, dtype, threads)
        if epoch is not None:
            times["PyTorch"] = median_after_warmup(epoch, ARGS.epochs)
        products = times["matrix products alone"]
        print(f"\n{np.dtype(dtype).name:28} {'epoch':>8} {'× products':>11}")
        order = ["matrix products alone", "mlp.train", "NumPy loop", "… with fused BLAS updates",
                 "elementwise work alone", "PyTorch"]
        for name in (n for n in order if n in times):
            print(f"  {name:26} {times[name]:7.3f}s {times[name] / products:11.2f}")
        summary = f"  mlp / NumPy loop {times['mlp.train'] / times['NumPy loop']:.2f}"
        if "PyTorch" in times:
            summary += f", mlp / PyTorch {times['mlp.train'] / times['PyTorch']:.2f}"
        peak = training_peak_mib(X, y, dtype)
        print(f"{summary}; NumPy's peak allocation while training an epoch: {peak:.1f} MiB", flush=True)
    rss_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB
    print(
        f"\nwhole process peak resident memory: {rss_mib:.0f} MiB (the 60,000 training images in "
        "float64 and float32, and PyTorch if it ran)"
    )


if __name__ == "__main__":
    main()
