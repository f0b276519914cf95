"""A fully connected feed-forward network: forward pass and backpropagation.

Mathematics (course notation, one example as a column vector), for l = 1, …, L::

    a⁽⁰⁾ = x,   z⁽ˡ⁾ = W⁽ˡ⁾ a⁽ˡ⁻¹⁾ + b⁽ˡ⁾,   a⁽ˡ⁾ = φ(z⁽ˡ⁾),   ŷ = a⁽ᴸ⁾ = φ_out(z⁽ᴸ⁾)

Code (a batch of B examples as **rows**)::

    A⁽⁰⁾ = X ∈ ℝ^{B×d₀},   Z⁽ˡ⁾ = A⁽ˡ⁻¹⁾ W⁽ˡ⁾ᵀ + b⁽ˡ⁾ᵀ,   A⁽ˡ⁾ = φ(Z⁽ˡ⁾)

Each ``W⁽ˡ⁾`` is stored with shape (d_l, d_{l−1}) = (out, in), exactly like
``torch.nn.Linear(d_{l-1}, d_l).weight``; row j holds unit j's incoming weights.
Row n of Z⁽ˡ⁾ is (z⁽ˡ⁾ for example n)ᵀ, so the two pictures are transposes of each
other and no formula changes except the order of the factors.

The backward pass is Lemma 1 of the course (chapter 7), on a batch and with the
cost C = (1/B) Σₙ Cₙ:

* (lemma1-output)     δ⁽ᴸ⁾ = ŷ − y for canonical pairs, φ_out′(z⁽ᴸ⁾) ⊙ ∂Cₙ/∂ŷ otherwise
* (lemma1-recursion)  δ⁽ˡ⁾ = φ′(z⁽ˡ⁾) ⊙ (W⁽ˡ⁺¹⁾)ᵀ δ⁽ˡ⁺¹⁾          →  Δ⁽ˡ⁾ = φ′(Z⁽ˡ⁾) ⊙ (Δ⁽ˡ⁺¹⁾ W⁽ˡ⁺¹⁾)
* (lemma1-bias)       ∂Cₙ/∂b⁽ˡ⁾ = δ⁽ˡ⁾                           →  ∂C/∂b⁽ˡ⁾ = (1/B) Δ⁽ˡ⁾ᵀ 𝟏
* (lemma1-weights)    ∂Cₙ/∂W⁽ˡ⁾ = δ⁽ˡ⁾ (a⁽ˡ⁻¹⁾)ᵀ                   →  ∂C/∂W⁽ˡ⁾ = (1/B) Δ⁽ˡ⁾ᵀ A⁽ˡ⁻¹⁾

where row n of Δ⁽ˡ⁾ is (δ⁽ˡ⁾ of example n)ᵀ.

Outputs and losses. The cross-entropies need probabilities, so they accept only a
sigmoid or softmax output; the non-canonical pairs sigmoid + cross-entropy and
softmax + binary cross-entropy are computed from z⁽ᴸ⁾ (see :mod:`mlp.losses`), so
neither the cost nor δ⁽ᴸ⁾ overflows. Softmax + cross-entropy needs target rows that
are probability vectors (non-negative, summing to 1): only then is δ⁽ᴸ⁾ = ŷ − y the
gradient of the cost.

Decision rule. With several outputs the predicted class is the argmax. With one
output unit the two labels are 0/1 for a sigmoid or step output and −1/+1 for any
other output (tanh, identity, …), and the prediction is the label on ŷ's side of
their midpoint: ŷ ≥ 0.5 → 1 (sigmoid), ŷ ≥ 0 → +1 (tanh, identity, i.e. the sign).
:meth:`Network.accuracy` and the accuracy recorded by :func:`mlp.train` also accept
0/1 labels for a tanh or identity output (a regression onto 0/1 targets); then the
cut is at their midpoint 0.5.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ._validate import as_float_array, check_int, check_rng
from .activations import Activation, get_activation
from .init import get_initialiser
from .losses import Loss, check_pairing, get_loss, logit_formulas, one_hot

__all__ = ["Network", "Cache", "Gradients"]

Array = np.ndarray


@dataclass
class Cache:
    """What the forward pass stores for the backward pass.

    ``zs[l-1]`` is Z⁽ˡ⁾ and ``activations[l]`` is A⁽ˡ⁾ (so ``activations[0]`` is X and
    ``activations[-1]`` is Ŷ); Python's 0-based lists shift the index of z by one.
    """

    zs: list[Array]
    activations: list[Array]

    @property
    def output(self) -> Array:
        """The network output Ŷ = A⁽ᴸ⁾."""
        return self.activations[-1]


@dataclass
class Gradients:
    """∂C/∂W⁽ˡ⁾ and ∂C/∂b⁽ˡ⁾ for l = 1, …, L (index l−1 in the lists); same shapes as W, b."""

    weights: list[Array]
    biases: list[Array]

    def flat(self) -> Array:
        """All gradients in one vector, in the order of :meth:`Network.get_params`."""
        return np.concatenate([p.ravel() for pair in zip(self.weights, self.biases) for p in pair])


class Network:
    """A fully connected network with L = len(sizes) − 1 weight layers.

    Parameters
    ----------
    sizes : sequence of int
        Widths (d₀, d₁, …, d_L): d₀ inputs, d_L outputs.
    hidden : str or Activation, or a sequence of L−1 of them
        φ for the hidden layers (one for all, or one per hidden layer).
    output : str or Activation
        φ_out for the output layer.
    loss : str or Loss
        The per-example loss; the cost is its mean over the batch.
    rng : numpy.random.Generator
        Source of the random initial weights (required: no hidden global seed).
    init : str or callable
        ``"auto"`` (He for ReLU-like hidden layers, Glorot otherwise), or any name in
        :data:`mlp.init.INITIALISERS`, or ``f(shape, *, rng, dtype)``.
    dtype : numpy dtype
        float64 (default; gradient checks need it) or float32 (faster).

    Examples
    --------
    >>> import numpy as np
    >>> net = Network([2, 3, 1], hidden="tanh", output="sigmoid",
    ...               loss="binary_cross_entropy", rng=np.random.default_rng(0))
    >>> [W.shape for W in net.weights]
    [(3, 2), (1, 3)]
    """

    def __init__(
        self,
        sizes: Sequence[int],
        hidden: str | Activation | Sequence[str | Activation] = "relu",
        output: str | Activation = "softmax",
        loss: str | Loss = "cross_entropy",
        *,
        rng: np.random.Generator,
        init: str | object = "auto",
        dtype: type = np.float64,
    ) -> None:
        self.sizes = self._check_sizes(sizes)
        self.hidden = self._check_hidden(hidden, len(self.sizes) - 1)
        self.output = get_activation(output)
        self.loss_fn = get_loss(loss)
        check_pairing(self.loss_fn, self.output.name)
        self._logit_formulas = logit_formulas(self.loss_fn, self.output.name)
        self.dtype = np.dtype(dtype)
        if self.dtype not in (np.float32, np.float64):
            raise ValueError(f"dtype must be float32 or float64, got {self.dtype}")
        if self.output.name == "softmax" and self.sizes[-1] < 2:
            raise ValueError("a softmax output needs at least 2 output units, got sizes[-1] = 1")
        check_rng(rng)
        if init == "auto":
            relu_like = all(h.name.startswith(("relu", "leaky_relu")) for h in self.hidden)
            init = "he" if relu_like and self.hidden else "glorot"
        make = get_initialiser(init)
        self.weights: list[Array] = [
            np.asarray(make((d_out, d_in), rng=rng, dtype=self.dtype), dtype=self.dtype)
            for d_in, d_out in zip(self.sizes[:-1], self.sizes[1:])
        ]
        self.biases: list[Array] = [np.zeros(d, dtype=self.dtype) for d in self.sizes[1:]]

    # ------------------------------------------------------------------ set-up

    @staticmethod
    def _check_sizes(sizes: Sequence[int]) -> list[int]:
        if isinstance(sizes, (str, bytes)) or not isinstance(sizes, Sequence):
            raise TypeError(f"sizes must be a sequence of layer widths like [2, 3, 1], got {sizes!r}")
        if len(sizes) < 2:
            raise ValueError(f"sizes needs at least an input and an output width, got {list(sizes)}")
        return [check_int(f"sizes[{i}]", s, low=1) for i, s in enumerate(sizes)]

    @staticmethod
    def _check_hidden(hidden, n_layers: int) -> list[Activation]:
        if isinstance(hidden, (str, Activation)):
            return [get_activation(hidden)] * (n_layers - 1)
        if not isinstance(hidden, Sequence):
            raise TypeError(
                "hidden must be an activation name such as 'relu', an mlp.activations.Activation, "
                f"or a sequence of them (one per hidden layer); got {type(hidden).__name__} {hidden!r}"
            )
        hidden = list(hidden)
        if len(hidden) != n_layers - 1:
            raise ValueError(
                f"hidden must be one activation or one per hidden layer ({n_layers - 1}), "
                f"got {len(hidden)}"
            )
        return [get_activation(h) for h in hidden]

    @classmethod
    def from_weights(
        cls,
        weights: Sequence[Array],
        biases: Sequence[Array],
        hidden="relu",
        output="softmax",
        loss="cross_entropy",
        *,
        dtype: type = np.float64,
    ) -> Network:
        """Build a network from given weight matrices (out, in) and bias vectors."""
        if len(weights) != len(biases) or not weights:
            raise ValueError(
                f"need one bias per weight matrix, got {len(weights)} weights and {len(biases)} biases"
            )
        Ws = [as_float_array(f"weights[{i}]", W, ndim=2, dtype=dtype) for i, W in enumerate(weights)]
        bs = [as_float_array(f"biases[{i}]", b, ndim=1, dtype=dtype) for i, b in enumerate(biases)]
        sizes = [Ws[0].shape[1]] + [W.shape[0] for W in Ws]
        for i, (W, b) in enumerate(zip(Ws, bs)):
            if W.shape[1] != sizes[i] or b.shape != (W.shape[0],):
                raise ValueError(
                    f"layer {i + 1}: weights[{i}] has shape {W.shape} and biases[{i}] {b.shape}; "
                    f"expected ({W.shape[0]}, {sizes[i]}) and ({W.shape[0]},)"
                )
        net = cls(sizes, hidden, output, loss, rng=np.random.default_rng(0), dtype=dtype)
        net.weights = [W.copy() for W in Ws]
        net.biases = [b.copy() for b in bs]
        return net

    def copy(self) -> Network:
        """An independent copy (same architecture, copied parameters)."""
        return Network.from_weights(
            self.weights, self.biases, self.hidden, self.output, self.loss_fn, dtype=self.dtype
        )

    @property
    def n_layers(self) -> int:
        """L, the number of weight layers."""
        return len(self.weights)

    @property
    def n_params(self) -> int:
        """Total number of weights and biases."""
        return sum(W.size + b.size for W, b in zip(self.weights, self.biases))

    @property
    def canonical(self) -> bool:
        """True when (output, loss) is a canonical pair, so that δ⁽ᴸ⁾ = ŷ − y."""
        return self.output.name == self.loss_fn.canonical

    def __repr__(self) -> str:
        hidden = ",".join(sorted({h.name for h in self.hidden})) or "-"
        return (
            f"Network(sizes={self.sizes}, hidden={hidden}, output={self.output.name}, "
            f"loss={self.loss_fn.name}, dtype={self.dtype.name})"
        )

    # ------------------------------------------------------------ input checks

    def check_parameters(self) -> None:
        """Require every W⁽ˡ⁾ and b⁽ˡ⁾ to have its layer's shape and the network's dtype.

        Catches arrays assigned by hand (``net.weights[0] = ...``) with an integer dtype
        or a wrong shape before they give wrong numbers or a confusing NumPy error.
        """
        for kind, arrays in (("weights", self.weights), ("biases", self.biases)):
            if not isinstance(arrays, list) or len(arrays) != len(self.sizes) - 1:
                raise ValueError(
                    f"net.{kind} must be a list of {len(self.sizes) - 1} arrays (one per layer), "
                    f"got {type(arrays).__name__} {arrays!r:.60}"
                )
            for i, p in enumerate(arrays):
                want = (self.sizes[i + 1], self.sizes[i]) if kind == "weights" else (self.sizes[i + 1],)
                if not isinstance(p, np.ndarray):
                    raise TypeError(
                        f"net.{kind}[{i}] must be a NumPy array of shape {want} and dtype "
                        f"{self.dtype}, got {type(p).__name__}"
                    )
                if p.dtype != self.dtype:
                    raise TypeError(
                        f"net.{kind}[{i}] must have the network's dtype {self.dtype}, got dtype "
                        f"{p.dtype}; assign an array converted with .astype(np.{self.dtype})"
                    )
                if p.shape != want:
                    raise ValueError(
                        f"net.{kind}[{i}] must have shape {want} for layer {i + 1} "
                        f"(sizes {self.sizes}), got shape {p.shape}"
                    )

    def check_inputs(self, X: Array, *, min_rows: int = 0) -> Array:
        """Return X as a (B, d₀) array of the network's dtype, or raise a clear error.

        ``min_rows=1`` refuses an empty batch (a mean over no examples is undefined).
        """
        X = as_float_array("X", X, ndim=(1, 2))
        if X.ndim == 1:
            raise ValueError(
                f"X must be 2-D with examples as rows, shape (B, {self.sizes[0]}); got shape {X.shape}. "
                "For a single example use X.reshape(1, -1)"
            )
        if X.shape[1] != self.sizes[0]:
            raise ValueError(
                f"X has {X.shape[1]} columns (features) but the network expects "
                f"d0 = {self.sizes[0]} inputs; X.shape = {X.shape}"
            )
        if len(X) < min_rows:
            raise ValueError(
                f"X must have at least {min_rows} row(s) (examples), got shape {X.shape}: "
                "the cost and the accuracy are means over the examples"
            )
        return X.astype(self.dtype, copy=False)

    def check_targets(self, y: Array, n_examples: int | None = None) -> Array:
        """Return targets as a (B, d_L) array of the network's dtype.

        Integer class labels (a 1-D array) are one-hot encoded for a softmax output
        with K = d_L classes, and reshaped to a column for a single output unit.
        """
        K = self.sizes[-1]
        if isinstance(y, (str, bytes)) or y is None:
            raise TypeError(f"y must be a numeric array of targets or labels, got {type(y).__name__}")
        y = np.asarray(y)
        if y.dtype.kind not in "biuf":
            raise TypeError(f"y must be a real numeric array of targets or labels, got dtype {y.dtype}")
        if y.ndim == 1:
            if K == 1:
                y = y.reshape(-1, 1)
            else:
                if y.dtype.kind == "f" and np.any(y != np.round(y)):
                    bad = y[y != np.round(y)][:3].tolist()
                    raise ValueError(
                        f"y is 1-D (shape {y.shape}), which a network with d_L = {K} outputs reads "
                        f"as integer class labels 0..{K - 1}; got non-integer values such as {bad}. "
                        f"For real-valued targets pass y with shape (B, {K})"
                    )
                y = one_hot(y, K, dtype=self.dtype)
        y = as_float_array("y", y, ndim=2).astype(self.dtype, copy=False)
        if y.shape[1] != K:
            raise ValueError(
                f"y has {y.shape[1]} columns but the network has d_L = {K} outputs; y.shape = {y.shape}"
            )
        if n_examples is not None and len(y) != n_examples:
            raise ValueError(
                f"X and y must have the same number of rows (examples), got {n_examples} and {len(y)}"
            )
        if self.loss_fn.name != "squared_error" and (np.any(y < 0) or np.any(y > 1)):
            raise ValueError(
                f"{self.loss_fn.name} needs targets in [0, 1], got values from {y.min():g} to {y.max():g}"
            )
        if self.loss_fn.name == "cross_entropy" and self.output.name == "softmax" and len(y):
            # δ⁽ᴸ⁾ = ŷ − y is the gradient of −Σₖ yₖ log ŷₖ only when Σₖ yₖ = 1.
            sums = y.sum(axis=1, dtype=np.float64)
            bad = np.flatnonzero(np.abs(sums - 1) > np.sqrt(np.finfo(self.dtype).eps))
            if bad.size:
                raise ValueError(
                    "softmax + cross_entropy needs every target row to be a probability vector "
                    f"(entries in [0, 1] summing to 1, e.g. one-hot); {bad.size} row(s) of y do not: "
                    f"row {bad[0]} sums to {sums[bad[0]]:g}. For several labels per example use "
                    "output='sigmoid' with loss='binary_cross_entropy'"
                )
        return y

    # ------------------------------------------------------------ forward pass

    def forward(self, X: Array) -> Cache:
        """Run the forward pass and keep every Z⁽ˡ⁾ and A⁽ˡ⁾ for backpropagation."""
        self.check_parameters()
        return self._forward(self.check_inputs(X))

    def _forward(self, X: Array) -> Cache:
        zs, activations = [], [X]
        A = X
        for W, b, phi in zip(self.weights, self.biases, [*self.hidden, self.output]):
            Z = A @ W.T  # Z⁽ˡ⁾ = A⁽ˡ⁻¹⁾ W⁽ˡ⁾ᵀ + 𝟏 b⁽ˡ⁾ᵀ (one matrix product,
            Z += b  # then the bias added to every row, in place)
            A = phi(Z)  # A⁽ˡ⁾ = φ(Z⁽ˡ⁾)
            zs.append(Z)
            activations.append(A)
        return Cache(zs, activations)

    def predict_proba(self, X: Array) -> Array:
        """The network output Ŷ (probabilities for sigmoid/softmax outputs)."""
        return self.forward(X).output

    __call__ = predict_proba

    @property
    def binary_labels(self) -> tuple[int, int]:
        """The two labels of a single-output network: (0, 1) for a sigmoid or step
        output, (−1, +1) for any other output (tanh, identity, …)."""
        return (0, 1) if self.output.name in ("sigmoid", "step") else (-1, 1)

    def predict(self, X: Array, labels: tuple[int, int] | None = None) -> Array:
        """Class labels: the argmax of the outputs; for a single output unit, ŷ ≥ 0.5 → 1
        else 0 (sigmoid, step), and ŷ ≥ 0 → +1 else −1 (tanh, identity, …).

        ``labels=(0, 1)`` makes a tanh or identity output predict 0/1, cut at 0.5 (for a
        network trained on 0/1 targets); see :meth:`labels_from_output`.
        """
        if labels is not None:
            labels = tuple(labels)
            allowed = [(0, 1)] if self.binary_labels == (0, 1) else [(0, 1), (-1, 1)]
            if self.sizes[-1] != 1 or labels not in allowed:
                raise ValueError(
                    f"labels must be one of {allowed} for a single {self.output.name} output "
                    f"(and only for a single output), got labels={labels} with d_L = {self.sizes[-1]}"
                )
        return self.labels_from_output(self.predict_proba(X), labels)

    def labels_from_output(self, Y_hat: Array, labels: tuple[int, int] | None = None) -> Array:
        """Class labels from outputs Ŷ: argmax, or for a single output unit the label
        (of ``labels = (negative, positive)``, default :attr:`binary_labels`) on ŷ's
        side of their midpoint."""
        if Y_hat.shape[1] == 1:
            neg, pos = self.binary_labels if labels is None else labels
            return np.where(Y_hat[:, 0] >= (neg + pos) / 2, pos, neg).astype(np.int64)
        return np.argmax(Y_hat, axis=1)

    def label_convention(self, labels: Array) -> tuple[int, int] | None:
        """The pair of labels (negative, positive) that ``labels`` of a single-output
        network are written in, or None when they are not class labels (regression).

        A sigmoid or step output takes 0/1; any other output takes ±1 or 0/1.
        """
        values = np.unique(np.asarray(labels))
        zero_one = bool(np.all((values == 0) | (values == 1)))
        plus_minus = bool(np.all((values == -1) | (values == 1)))
        if zero_one and plus_minus:  # only 1s (or nothing): either convention
            return self.binary_labels
        if zero_one:
            return (0, 1)
        if plus_minus and self.binary_labels == (-1, 1):
            return (-1, 1)
        return None

    def accuracy(self, X: Array, y: Array) -> float:
        """Fraction of examples whose predicted label equals the label in ``y``.

        ``y``: integer labels 0..K−1 or one-hot rows of width K (K ≥ 2 outputs); for a
        single output, labels 0/1 (any output) or ±1 (tanh, identity, …), see
        :meth:`predict` and :meth:`label_convention`.
        """
        X = self.check_inputs(X, min_rows=1)
        y = as_float_array("y", y, ndim=(1, 2), dtype=None)
        K = self.sizes[-1]
        if y.ndim == 2 and y.shape[1] != K:
            rows = f"one-hot rows of shape (B, {K})" if K > 1 else "shape (B, 1)"
            raise ValueError(
                f"y has {y.shape[1]} columns but the network has d_L = {K} output(s); pass "
                f"labels of shape (B,) or {rows}, got shape {y.shape}"
            )
        if len(y) != len(X):
            raise ValueError(
                f"X and y must have the same number of rows (examples), got {len(X)} and {len(y)}"
            )
        if K > 1:
            if y.ndim == 2:
                labels = np.argmax(y, axis=1)
            else:
                bad = (y != np.round(y)) | (y < 0) | (y > K - 1)
                if np.any(bad):
                    raise ValueError(
                        f"y must hold class labels 0..{K - 1} (K = {K} outputs), got value(s) "
                        f"{np.unique(y[bad])[:5].tolist()}"
                    )
                labels = y.astype(np.int64)
            return float(np.mean(self.predict(X) == labels))
        labels = y.reshape(-1)
        convention = self.label_convention(labels)
        if convention is None:
            want = "0/1" if self.binary_labels == (0, 1) else "0/1 or -1/+1"
            raise ValueError(
                f"y must hold the labels {want} for a single {self.output.name} output, got "
                f"value(s) {np.unique(labels)[:5].tolist()}"
            )
        pred = self.labels_from_output(self.predict_proba(X), convention)
        return float(np.mean(pred == labels))

    def cost_from_cache(self, cache: Cache, Y: Array) -> float:
        """The mean cost C of a forward pass (from logits when the pair is canonical)."""
        # Shapes were checked when Y was made (check_targets), so call the formulas directly.
        if self._logit_formulas is not None:
            return float(np.mean(self._logit_formulas[0](cache.zs[-1], Y)))
        return float(np.mean(self.loss_fn._per_example(cache.output, Y)))

    def loss(self, X: Array, y: Array) -> float:
        """The cost C = (1/B) Σₙ Cₙ on (X, y)."""
        self.check_parameters()
        X = self.check_inputs(X, min_rows=1)
        Y = self.check_targets(y, len(X))
        return self.cost_from_cache(self._forward(X), Y)

    # ----------------------------------------------------------- backward pass

    def output_delta(self, cache: Cache, Y: Array) -> Array:
        """Δ⁽ᴸ⁾, one row δ⁽ᴸ⁾ᵀ per example (eq. lemma1-output)."""
        Y_hat = cache.output
        if self.canonical:
            return Y_hat - Y  # canonical pair: the φ_out′ factor cancels
        if self._logit_formulas is not None:  # sigmoid + CE, softmax + BCE: from z, stably
            return self._logit_formulas[1](cache.zs[-1], Y)
        return self.output.vjp(cache.zs[-1], self.loss_fn.grad(Y_hat, Y))

    def backward(self, cache: Cache, Y: Array, scale: float = 1.0) -> Gradients:
        """Backpropagation (Lemma 1) on a batch; returns ∂C/∂W⁽ˡ⁾ and ∂C/∂b⁽ˡ⁾ for every l.

        ``Y`` must already be a (B, d_L) target array (see :meth:`check_targets`).
        With ``scale`` the result is ``scale`` times the gradients: ``scale = −η``
        gives the gradient-descent step itself, at no extra cost (see :func:`mlp.train`).
        """
        self._check_backward_inputs(cache, Y)  # refuse shapes that would broadcast
        L = self.n_layers
        B = len(Y)
        # The mean cost carries a factor 1/B; fold it into Δ⁽ᴸ⁾ once and every
        # product below inherits it (so does ``scale``).
        delta = self.output_delta(cache, Y)
        delta *= scale / B
        grads_W: list[Array] = [None] * L  # type: ignore[list-item]
        grads_b: list[Array] = [None] * L  # type: ignore[list-item]
        for l in range(L, 0, -1):  # l = L, L−1, …, 1
            grads_W[l - 1] = delta.T @ cache.activations[l - 1]  # (lemma1-weights)
            grads_b[l - 1] = delta.sum(axis=0)  # (lemma1-bias)
            if l > 1:  # (lemma1-recursion): δ⁽ˡ⁻¹⁾ = φ′(z⁽ˡ⁻¹⁾) ⊙ W⁽ˡ⁾ᵀ δ⁽ˡ⁾
                back = delta @ self.weights[l - 1]  # W⁽ˡ⁾ᵀ δ⁽ˡ⁾ for every example (rows)
                delta = self.hidden[l - 2].vjp(cache.zs[l - 2], back, out=back)
        return Gradients(grads_W, grads_b)

    def _check_backward_inputs(self, cache: Cache, Y: Array) -> None:
        """Cheap checks for :meth:`backward`: a cache of this network and Y of its output's shape."""
        if not isinstance(cache, Cache):
            raise TypeError(f"cache must be the Cache returned by forward(X), got {type(cache).__name__}")
        if len(cache.zs) != self.n_layers or len(cache.activations) != self.n_layers + 1:
            raise ValueError(
                f"cache must hold the {self.n_layers} layer(s) of this network's forward pass, "
                f"got {len(cache.zs)}"
            )
        if np.shape(cache.activations[0])[1:] != (self.sizes[0],) or cache.output.shape[1:] != (
            self.sizes[-1],
        ):
            raise ValueError(
                f"cache does not come from this network's forward pass: its input has shape "
                f"{np.shape(cache.activations[0])} and its output {cache.output.shape}, expected "
                f"(B, {self.sizes[0]}) and (B, {self.sizes[-1]})"
            )
        if not isinstance(Y, np.ndarray) or Y.shape != cache.output.shape:
            raise ValueError(
                f"Y must be a target array of shape {cache.output.shape} (the shape of the output; "
                f"see check_targets), got {type(Y).__name__} of shape {np.shape(Y)}"
            )

    def gradients(self, X: Array, y: Array) -> tuple[float, Gradients]:
        """Forward and backward pass: the cost C and its gradients on (X, y)."""
        self.check_parameters()
        X = self.check_inputs(X, min_rows=1)
        Y = self.check_targets(y, len(X))
        cache = self._forward(X)
        return self.cost_from_cache(cache, Y), self.backward(cache, Y)

    # ------------------------------------------------------- flat parameters

    def get_params(self) -> Array:
        """θ: all parameters in one vector, ordered W⁽¹⁾ (row-major), b⁽¹⁾, W⁽²⁾, b⁽²⁾, …"""
        return np.concatenate([p.ravel() for W, b in zip(self.weights, self.biases) for p in (W, b)])

    def set_params(self, theta: Array) -> None:
        """Load θ (as returned by :meth:`get_params`) back into the weights and biases."""
        theta = as_float_array("theta", theta, ndim=1)
        if theta.size != self.n_params:
            raise ValueError(f"theta must have {self.n_params} entries, got {theta.size}")
        i = 0
        for W, b in zip(self.weights, self.biases):
            for p in (W, b):
                p[...] = theta[i : i + p.size].reshape(p.shape)
                i += p.size

    def cost_at(self, theta: Array, X: Array, y: Array) -> float:
        """C(θ) on (X, y), leaving the network's own parameters unchanged."""
        saved = self.get_params()
        try:
            self.set_params(theta)
            return self.loss(X, y)
        finally:
            self.set_params(saved)

    def gradient_at(self, theta: Array, X: Array, y: Array) -> Array:
        """∇_θ C(θ) on (X, y) as a flat vector, leaving the network unchanged."""
        saved = self.get_params()
        try:
            self.set_params(theta)
            return self.gradients(X, y)[1].flat()
        finally:
            self.set_params(saved)
