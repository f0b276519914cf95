"""The training loop: mini-batches, epochs, history and early stopping.

One *epoch* is one pass over the N training examples in mini-batches of B, i.e.
⌈N/B⌉ parameter updates. Batches are drawn without replacement (shuffle, then cut
the permutation into consecutive slices) unless ``replace=True``, in which case
every batch is B independent draws from all N examples.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import numpy as np

from ._validate import check_int, check_rng
from .network import Gradients, Network
from .optim import GradientDescent, Optimiser

__all__ = ["minibatches", "History", "train", "evaluate_in_chunks", "layer_statistics"]

Array = np.ndarray


def minibatches(
    n: int, batch_size: int, *, rng: np.random.Generator, replace: bool = False
) -> Iterator[Array]:
    """Yield index arrays for one epoch of mini-batches over ``n`` examples."""
    n = check_int("n", n, low=1)
    batch_size = check_int("batch_size", batch_size, low=1)
    check_rng(rng)
    if replace:
        for _ in range(-(-n // batch_size)):
            yield rng.integers(0, n, size=batch_size)
    else:
        order = rng.permutation(n)
        for start in range(0, n, batch_size):
            yield order[start : start + batch_size]


@dataclass
class History:
    """What :func:`train` records, one entry per epoch (``batch_loss``: one per update).

    ``stopped_early`` is True when early stopping ended the run, ``diverged`` when the
    parameters or a cost stopped being finite; ``stop_reason`` then says what happened
    (in which epoch, with which step size). ``accuracy`` is NaN for targets that are
    not class labels (regression).
    """

    loss: list[float] = field(default_factory=list)
    accuracy: list[float] = field(default_factory=list)
    val_loss: list[float] = field(default_factory=list)
    val_accuracy: list[float] = field(default_factory=list)
    batch_loss: list[float] = field(default_factory=list)
    stats: list[dict[str, list[float]]] = field(default_factory=list)
    best_epoch: int | None = None
    stopped_early: bool = False
    diverged: bool = False
    stop_reason: str | None = None

    @property
    def epochs(self) -> int:
        return len(self.loss)


def _interleave(arrays: Gradients) -> list[Array]:
    """[W⁽¹⁾, b⁽¹⁾, W⁽²⁾, b⁽²⁾, …]: the order in which the optimiser sees parameters."""
    return [a for pair in zip(arrays.weights, arrays.biases) for a in pair]


def evaluate_in_chunks(net: Network, X: Array, Y: Array, chunk: int = 8192) -> tuple[float, float]:
    """Cost C and accuracy of ``net`` on checked inputs X and targets Y (B, d_L).

    One forward pass, in chunks of rows so that memory stays small for large data sets.
    The accuracy follows :meth:`Network.accuracy` (for a single output, the labels in
    ``Y`` choose the cut, see :meth:`Network.label_convention`); it is NaN when ``Y``
    does not hold class labels.
    """
    if Y.shape[1] > 1:
        labels, convention = np.argmax(Y, axis=1), None
    else:
        labels, convention = Y[:, 0], net.label_convention(Y[:, 0])
    classify = Y.shape[1] > 1 or convention is not None
    total_cost, correct = 0.0, 0
    for start in range(0, len(X), chunk):
        cache = net._forward(X[start : start + chunk])
        Yc = Y[start : start + chunk]
        total_cost += net.cost_from_cache(cache, Yc) * len(Yc)
        if classify:
            pred = net.labels_from_output(cache.output, convention)
            correct += int(np.sum(pred == labels[start : start + chunk]))
    return total_cost / len(X), (correct / len(X) if classify else float("nan"))


def layer_statistics(net: Network, cache, grads) -> dict[str, list[float]]:
    """Per-layer summaries of one forward/backward pass (for signal-propagation plots).

    ``activation_std``: standard deviation of A⁽ˡ⁾; ``active_fraction``: how often
    a⁽ˡ⁾ᵢ > 0; ``grad_norm``: ‖∂C/∂W⁽ˡ⁾‖ (Frobenius).
    """
    acts = cache.activations[1:]
    return {
        "activation_std": [float(np.std(A)) for A in acts],
        "active_fraction": [float(np.mean(A > 0)) for A in acts],
        "grad_norm": [float(np.linalg.norm(g)) for g in grads.weights],
    }


# A diverging run overflows: that is reported in the history (History.diverged), not by
# floating-point warnings.
@np.errstate(over="ignore", invalid="ignore")
def train(
    net: Network,
    X: Array,
    y: Array,
    *,
    optimiser: Optimiser,
    epochs: int,
    batch_size: int,
    rng: np.random.Generator,
    replace: bool = False,
    validation: tuple[Array, Array] | None = None,
    patience: int | None = None,
    evaluate: bool = True,
    record_batch_loss: bool = False,
    record_stats: bool = False,
    callback: Callable[[int, Network, History], bool | None] | None = None,
    transform: Callable[[Array, np.random.Generator], Array] | None = None,
) -> History:
    """Train ``net`` in place with mini-batch updates and return its :class:`History`.

    Parameters
    ----------
    optimiser : Optimiser
        Applied to [W⁽¹⁾, b⁽¹⁾, …, W⁽ᴸ⁾, b⁽ᴸ⁾] after every mini-batch.
    epochs, batch_size : int
        Number of passes over the data, and B.
    rng : numpy.random.Generator
        Shuffles the examples (required, so runs are reproducible).
    validation : (X_val, y_val), optional
        Evaluated after every epoch.
    patience : int, optional
        Early stopping: stop when the validation cost has not improved for this many
        epochs. Whenever ``patience`` is given, ``net`` ends with the parameters of the
        epoch with the lowest validation cost (``history.best_epoch``), also when the
        epoch budget or the callback ends the run first.
    evaluate : bool
        After each epoch, record the cost C and the accuracy on the whole training set.
    record_batch_loss : bool
        Record the cost of every mini-batch, just before its update (the noisy curve
        of stochastic gradient descent).
    record_stats : bool
        Record :func:`layer_statistics` of the epoch's last mini-batch.
    callback : callable, optional
        ``callback(epoch, net, history)``, called after each epoch; return True to stop.
    transform : callable, optional
        ``transform(X_batch, rng)`` returns a modified copy of each mini-batch's inputs
        before the forward pass (data augmentation, e.g. :func:`mlp.augment.translate`);
        it draws its randomness from the same ``rng``. The cost and accuracy recorded
        after each epoch use the untransformed data.

    Notes
    -----
    A run that diverges (after an epoch the parameters, the training cost or the
    validation cost are no longer finite, typically because the step size is too
    large) stops there: ``history.diverged`` is True and ``history.stop_reason``
    names the epoch and the step size. That epoch's costs are still recorded.

    ``history.loss`` is the cost on the whole training set with the parameters at the
    end of each epoch. (Many libraries report instead the mean of the mini-batch costs
    seen during the epoch, which mixes parameters from its beginning and its end.)
    """
    check_rng(rng)
    epochs = check_int("epochs", epochs, low=0)
    batch_size = check_int("batch_size", batch_size, low=1)
    if not isinstance(optimiser, Optimiser):
        raise TypeError(f"optimiser must be an mlp.optim.Optimiser, got {type(optimiser).__name__}")
    net.check_parameters()
    X = net.check_inputs(X, min_rows=1)
    Y = net.check_targets(y, len(X))
    X_val = Y_val = None
    if validation is not None:
        if isinstance(validation, (str, bytes)) or not (
            isinstance(validation, (tuple, list)) and len(validation) == 2
        ):
            raise TypeError(
                "validation must be a pair (X_val, y_val), got "
                f"{type(validation).__name__}"
                + (f" of length {len(validation)}" if isinstance(validation, (tuple, list)) else "")
            )
        try:
            X_val = net.check_inputs(validation[0], min_rows=1)
        except (TypeError, ValueError) as err:
            raise type(err)(f"validation[0]: {err}") from err
        try:
            Y_val = net.check_targets(validation[1], len(X_val))
        except (TypeError, ValueError) as err:
            raise type(err)(f"validation[1]: {err}") from err
    if patience is not None:
        patience = check_int("patience", patience, low=1)
        if validation is None:
            raise ValueError("early stopping (patience) needs a validation set")

    params = _interleave(Gradients(net.weights, net.biases))
    plain_sgd = type(optimiser) is GradientDescent and not optimiser.weight_decay
    history = History()
    best_cost, best_params = np.inf, None
    for epoch in range(epochs):
        for idx in minibatches(len(X), batch_size, rng=rng, replace=replace):
            Xb, Yb = X[idx], Y[idx]
            if transform is not None:
                Xb = transform(Xb, rng)
            cache = net._forward(Xb)
            if record_batch_loss:
                history.batch_loss.append(net.cost_from_cache(cache, Yb))
            # Every δ is computed before any W changes.
            if plain_sgd:  # backprop returns the step −η_k ∇C itself: one pass per W
                lr = optimiser.current_lr()
                steps = net.backward(cache, Yb, scale=-lr)
                optimiser.apply_steps(params, _interleave(steps))
            else:
                grads = net.backward(cache, Yb)
                optimiser.step(params, _interleave(grads))
        if evaluate:
            cost, accuracy = evaluate_in_chunks(net, X, Y)
            history.loss.append(cost)
            history.accuracy.append(accuracy)
        if record_stats:
            if plain_sgd:  # recover the gradients of the last batch from its step
                grads = Gradients([s / -lr for s in steps.weights], [s / -lr for s in steps.biases])
            history.stats.append(layer_statistics(net, cache, grads))
        val_cost = None
        if validation is not None:
            val_cost, val_accuracy = evaluate_in_chunks(net, X_val, Y_val)
            history.val_loss.append(val_cost)
            history.val_accuracy.append(val_accuracy)
        reason = _divergence(net, epoch, optimiser, history.loss[-1] if evaluate else None, val_cost)
        if reason is not None:
            history.diverged, history.stop_reason = True, reason
            break
        if validation is not None:
            if val_cost < best_cost:
                best_cost, best_params = val_cost, net.get_params()
                history.best_epoch = epoch
            elif patience is not None and epoch - history.best_epoch >= patience:
                history.stopped_early = True
                history.stop_reason = (
                    f"early stopping after epoch {epoch}: the validation cost has not improved "
                    f"for {patience} epoch(s) since epoch {history.best_epoch}"
                )
                break
        if callback is not None and callback(epoch, net, history):
            break
    if patience is not None and best_params is not None:
        net.set_params(best_params)  # the best epoch's parameters, however the run ended
    return history


def _divergence(net: Network, epoch: int, optimiser: Optimiser, cost, val_cost) -> str | None:
    """Why the run has diverged after ``epoch``, or None while everything is finite."""
    what = None
    if not all(np.isfinite(p).all() for p in (*net.weights, *net.biases)):
        what = "the parameters are no longer finite"
    elif cost is not None and not np.isfinite(cost):
        what = f"the training cost is {cost}"
    elif val_cost is not None and not np.isfinite(val_cost):
        what = f"the validation cost is {val_cost}"
    if what is None:
        return None
    lr = optimiser.schedule(max(optimiser.k - 1, 0))
    return (
        f"diverged in epoch {epoch}: {what} (step size η = {lr:g}, {type(optimiser).__name__}); "
        "try a smaller step size"
    )
