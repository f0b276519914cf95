"""Benchmark: wall time until the MNIST chapter's recipe reaches 1.0 % test error.

The recipe of the MNIST chapter: 784-225-144-10, ReLU hidden layers, He initialisation,
softmax and cross-entropy, float32, mini-batches of 100, momentum 0.9, step size
decayed linearly from 0.05 to zero over the run, weight decay 5·10⁻⁴ on the weight
matrices, every training image translated by up to 2 pixels (its own random shift),
inputs normalised with one mean and one standard deviation. After every epoch the
test error is measured (that time is excluded from the training time, which is
what is reported). It prints, per epoch, the test error and the cumulative training
time, then the time to first reach the target error and the final error.

With ``torch`` installed, the same recipe runs in PyTorch on the CPU with the same
number of threads (``torch.optim.SGD`` with momentum 0.9 and weight_decay, which
adds λθ to the gradient before the momentum update exactly as ``mlp.optim.Momentum``
does; PyTorch's momentum buffer holds m/−η rather than m, which is the same update
for a constant η and differs slightly while η changes, so the two runs agree in
recipe, not to the bit).

Run:  python benchmarks/mnist_time_to_accuracy.py [--epochs 30] [--threads N] [--target 0.01]
"""

from __future__ import annotations

import argparse
import os
import sys

parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("--epochs", type=int, default=30, help="epochs (the step size reaches 0 at the end)")
parser.add_argument("--threads", type=int, help="BLAS and PyTorch threads (default: all cores)")
parser.add_argument("--target", type=float, default=0.01, help="target test error (default 0.01)")
parser.add_argument("--seed", type=int, default=13)
parser.add_argument("--no-torch", action="store_true", help="skip PyTorch even if installed")
ARGS = parser.parse_args() if __name__ == "__main__" else None
if ARGS is not None and ARGS.threads:
    for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "VECLIB_MAXIMUM_THREADS"):
        os.environ[variable] = str(ARGS.threads)

import time  # noqa: E402

import numpy as np  # noqa: E402

import mlp  # noqa: E402
from mlp import augment, optim  # noqa: E402
from mlp.mnist import load_mnist  # noqa: E402

SIZES = [784, 225, 144, 10]
BATCH, ETA0, BETA, DECAY, SHIFT = 100, 0.05, 0.9, 5e-4, 2


def data():
    X, y, Xt, yt = load_mnist()
    mu, s = float(X.mean(dtype=np.float64)), float(X.std(dtype=np.float64))
    return ((X - mu) / s).astype(np.float32), y, ((Xt - mu) / s).astype(np.float32), yt, -mu / s


def report(name, errors, times, target):
    for e, (err, t) in enumerate(zip(errors, times), start=1):
        print(f"  {name} epoch {e:3d}  test error {100 * err:5.2f} %  training time {t:7.1f} s", flush=True)
    hit = next((t for err, t in zip(errors, times) if err <= target), None)
    first = next((e for e, err in enumerate(errors, start=1) if err <= target), None)
    reached = f"{hit:.1f} s (epoch {first})" if hit is not None else "not reached"
    print(f"{name}: time to {100 * target:.1f} %: {reached}; final test error {100 * errors[-1]:.2f} % "
          f"after {len(errors)} epochs, {times[-1]:.1f} s of training, {times[-1] / len(errors):.2f} s/epoch")


def run_mlp(X, y, Xt, yt, background, epochs, seed):
    rng = np.random.default_rng(seed)
    net = mlp.Network(SIZES, "relu", "softmax", "cross_entropy", rng=rng, init="he", dtype=np.float32)
    opt = optim.Momentum(optim.linear_to_zero(ETA0, 600 * epochs), beta=BETA, weight_decay=DECAY)
    errors, times = [], []
    clock = {"train": 0.0, "since": time.perf_counter()}

    def watch(epoch, net, history):
        clock["train"] += time.perf_counter() - clock["since"]
        times.append(clock["train"])
        errors.append(1.0 - net.accuracy(Xt, yt))
        clock["since"] = time.perf_counter()

    mlp.train(net, X, y, optimiser=opt, epochs=epochs, batch_size=BATCH, rng=rng, evaluate=False,
              transform=augment.Translate(SHIFT, fill=background), callback=watch)
    return errors, times


def run_torch(X, y, Xt, yt, background, epochs, seed, threads):
    try:
        import torch
    except ImportError:
        return None
    torch.set_num_threads(threads)
    torch.manual_seed(seed)
    layers = []
    for i, (d_in, d_out) in enumerate(zip(SIZES[:-1], SIZES[1:])):
        lin = torch.nn.Linear(d_in, d_out)
        torch.nn.init.normal_(lin.weight, 0.0, (2.0 / d_in) ** 0.5)
        torch.nn.init.zeros_(lin.bias)
        layers.append(lin)
        if i < len(SIZES) - 2:
            layers.append(torch.nn.ReLU())
    model = torch.nn.Sequential(*layers)
    decay = [p for n, p in model.named_parameters() if n.endswith("weight")]
    rest = [p for n, p in model.named_parameters() if n.endswith("bias")]
    opt = torch.optim.SGD([{"params": decay, "weight_decay": DECAY}, {"params": rest, "weight_decay": 0.0}],
                          lr=ETA0, momentum=BETA)
    total = 600 * epochs
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda k: max(1.0 - k / total, 1e-6))
    loss_fn = torch.nn.CrossEntropyLoss()
    ytr = torch.from_numpy(y.astype(np.int64))
    Xte, yte = torch.from_numpy(Xt), torch.from_numpy(yt.astype(np.int64))
    rng = np.random.default_rng(seed)
    shift = augment.Translate(SHIFT, fill=background)
    errors, times, train_time = [], [], 0.0
    for _ in range(epochs):
        start = time.perf_counter()
        order = rng.permutation(len(X))
        for s in range(0, len(X), BATCH):
            idx = order[s : s + BATCH]
            xb = torch.from_numpy(shift(X[idx], rng))
            opt.zero_grad(set_to_none=True)
            loss_fn(model(xb), ytr[idx]).backward()
            opt.step()
            sched.step()
        train_time += time.perf_counter() - start
        times.append(train_time)
        with torch.no_grad():
            errors.append(float((model(Xte).argmax(1) != yte).float().mean()))
    return errors, times


def main() -> None:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    threads = ARGS.threads or cores
    print(f"{threads} threads, NumPy {np.__version__}, Python {sys.version.split()[0]}, {ARGS.epochs} epochs")
    X, y, Xt, yt, background = data()
    report("mlp", *run_mlp(X, y, Xt, yt, background, ARGS.epochs, ARGS.seed), ARGS.target)
    if not ARGS.no_torch:
        result = run_torch(X, y, Xt, yt, background, ARGS.epochs, ARGS.seed, threads)
        if result is None:
            print("PyTorch: not installed (pip install torch to compare)")
        else:
            import torch

            report(f"PyTorch {torch.__version__}", *result, ARGS.target)


if __name__ == "__main__":
    main()
