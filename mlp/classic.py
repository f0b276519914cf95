"""The historical threshold units: McCulloch–Pitts (1943), the perceptron (1958) and Adaline (1960).

These classes are written to be read. Each one is a single unit with a handful of
lines doing the real work, so a chapter can show the source next to the maths.

Conventions
-----------
- Examples are rows: ``X.shape == (n_examples, n_features)``. A single unit has a
  weight vector ``w`` of shape ``(n_features,)`` and a scalar bias ``b``, so the
  weighted input of every example at once is ``z = X @ w + b``.
- The threshold (Heaviside) function is ``step(z) = 1 if z >= 0 else 0``. The
  value at exactly 0 is a convention; this module always uses 1 (see
  :func:`heaviside`).
- The target is ``y`` and the unit's output is ``ŷ``; the step size is ``η``
  (``lr`` in code) and the update counter is ``k``. The letter ``t`` is not used.

The perceptron and Adaline rules look identical,

    w^{(k+1)} = w^{(k)} + η (y − ŷ) x,    b^{(k+1)} = b^{(k)} + η (y − ŷ),

but they are different algorithms: in the perceptron ŷ is the *thresholded*
output (0 or 1), in Adaline ŷ = w·x + b is the *linear* output, which makes the
rule stochastic gradient descent on the squared error ½(y − ŷ)².
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from mlp._validate import (
    as_float_array,
    check_int,
    check_positive,
    check_rng,
    check_same_length,
)

__all__ = [
    "Adaline",
    "AdalineHistory",
    "McCullochPitts",
    "Perceptron",
    "PerceptronHistory",
    "heaviside",
    "lms_solution",
    "mp_and",
    "mp_not",
    "mp_or",
    "truth_table",
]


def heaviside(z: np.ndarray | float) -> np.ndarray:
    """Threshold function with the convention ``step(0) = 1``.

    ``step(z) = 1`` if ``z >= 0`` and ``0`` if ``z < 0``. Its derivative is 0
    for every ``z != 0`` and does not exist at 0, which is why the perceptron
    cannot be trained by gradient descent.

    Parameters
    ----------
    z : array_like
        Weighted inputs.

    Returns
    -------
    numpy.ndarray
        Integer array of 0s and 1s with the shape of ``z``.
    """
    return (np.asarray(z) >= 0).astype(np.int64)


# --------------------------------------------------------------------------- helpers


def _describe(values: np.ndarray, limit: int = 5) -> str:
    """Short list of (at most ``limit``) distinct values for an error message."""
    uniq = np.unique(values)
    shown = ", ".join(f"{v:g}" for v in uniq[:limit])
    more = f", ... ({len(uniq)} distinct)" if len(uniq) > limit else ""
    return f"[{shown}{more}]"


def _check_binary(name: str, x: object) -> np.ndarray:
    """Return ``x`` as an int array after checking every entry is 0 or 1."""
    arr = as_float_array(name, x, ndim=(1, 2))
    bad = arr[(arr != 0) & (arr != 1)]
    if bad.size:
        raise ValueError(
            f"{name} must be binary (every entry 0 or 1); got the value(s) {_describe(bad)}"
        )
    return arr.astype(np.int64)


def _check_features(X: object, n_features: int, *, name: str = "X") -> np.ndarray:
    """Return ``X`` as a float array of shape ``(n_examples, n_features)``."""
    arr = as_float_array(name, X, ndim=2)
    if arr.shape[1] != n_features:
        raise ValueError(
            f"{name} must have n_features={n_features} columns (one row per example), "
            f"got shape {arr.shape}"
        )
    return arr


def _check_example(x: object, n_features: int) -> np.ndarray:
    """Return a single example ``x`` as a float vector of length ``n_features``."""
    arr = as_float_array("x", x, ndim=1)
    if arr.shape[0] != n_features:
        raise ValueError(
            f"x must be one example with n_features={n_features} entries, got shape {arr.shape}"
        )
    return arr


def _check_labels01(y: object, *, name: str = "y") -> np.ndarray:
    """Return labels as an int vector after checking they are all 0 or 1."""
    arr = as_float_array(name, y, ndim=1)
    bad = arr[(arr != 0) & (arr != 1)]
    if bad.size:
        raise ValueError(
            f"{name} must contain only the labels 0 and 1 (use 0 for the negative class); "
            f"got the value(s) {_describe(bad)}"
        )
    return arr.astype(np.int64)


def _check_label01(y: object) -> int:
    """Return one label as an int after checking it is 0 or 1."""
    arr = as_float_array("y", y, ndim=0)
    if arr not in (0.0, 1.0):
        raise ValueError(f"y must be the label 0 or 1, got {float(arr):g}")
    return int(arr)


# --------------------------------------------------------------------------- McCulloch–Pitts


class McCullochPitts:
    """A McCulloch–Pitts threshold unit (McCulloch & Pitts, 1943).

    The unit has binary excitatory inputs, binary inhibitory inputs and an integer
    threshold θ. It fires (outputs 1) if and only if

    1. **no** inhibitory input is active, and
    2. at least θ excitatory inputs are active.

    Inhibition is *absolute*, as in the original model: one active inhibitory
    input silences the unit whatever the excitatory inputs do. Describing
    inhibition as a "negative weight" is a later simplification, and a different
    unit. There are no weights to learn; θ is chosen by hand.

    Parameters
    ----------
    n_excitatory : int
        Number of excitatory inputs (may be 0, as in NOT).
    threshold : int
        θ >= 0, the number of active excitatory inputs needed to fire.
        θ = 0 fires whenever nothing inhibits the unit.
    n_inhibitory : int, default 0
        Number of inhibitory inputs.

    Examples
    --------
    >>> AND = McCullochPitts(2, threshold=2)
    >>> AND([1, 1]), AND([1, 0])
    (1, 0)
    >>> unit = McCullochPitts(2, threshold=1, n_inhibitory=1)
    >>> unit([1, 1], [1])   # one inhibitory input vetoes everything
    0
    """

    def __init__(self, n_excitatory: int, threshold: int, n_inhibitory: int = 0) -> None:
        self.n_excitatory = check_int("n_excitatory", n_excitatory, low=0)
        self.n_inhibitory = check_int("n_inhibitory", n_inhibitory, low=0)
        self.threshold = check_int("threshold", threshold, low=0)
        if self.n_excitatory + self.n_inhibitory == 0:
            raise ValueError("a McCulloch-Pitts unit needs at least one input, got 0 inputs")

    def __repr__(self) -> str:
        return (
            f"McCullochPitts(n_excitatory={self.n_excitatory}, threshold={self.threshold}, "
            f"n_inhibitory={self.n_inhibitory})"
        )

    @property
    def n_inputs(self) -> int:
        """Total number of inputs (excitatory first, then inhibitory)."""
        return self.n_excitatory + self.n_inhibitory

    def _inputs(self, name: str, x: object, n: int) -> np.ndarray | None:
        if x is None:
            if n > 0:
                raise ValueError(f"this unit has {n} {name[2:]} input(s); pass {name}")
            return None
        arr = _check_binary(name, x)
        if arr.shape[-1] != n:
            raise ValueError(
                f"{name} must have {n} entries per example (the unit's {name[2:]} inputs), "
                f"got shape {arr.shape}"
            )
        return arr

    def __call__(self, x_exc: object = None, x_inh: object = None) -> int | np.ndarray:
        """Output of the unit for one example or for rows of examples.

        Parameters
        ----------
        x_exc : array_like of 0/1, shape (n_excitatory,) or (m, n_excitatory)
            Excitatory inputs. May be omitted when the unit has none.
        x_inh : array_like of 0/1, shape (n_inhibitory,) or (m, n_inhibitory)
            Inhibitory inputs. May be omitted when the unit has none.

        Returns
        -------
        int or numpy.ndarray
            0 or 1 for a single example; an int array of shape (m,) for rows.
        """
        exc = self._inputs("x_exc", x_exc, self.n_excitatory)
        inh = self._inputs("x_inh", x_inh, self.n_inhibitory)
        given = [a for a in (exc, inh) if a is not None]
        if len({a.ndim for a in given}) > 1 or len({a.shape[:-1] for a in given}) > 1:
            raise ValueError(
                "x_exc and x_inh must both be single examples or both have the same number of "
                f"rows, got shapes {exc.shape} and {inh.shape}"
            )
        batch_shape = given[0].shape[:-1]
        n_active = exc.sum(axis=-1) if exc is not None else np.zeros(batch_shape, np.int64)
        inhibited = inh.any(axis=-1) if inh is not None else np.zeros(batch_shape, bool)
        out = ((~inhibited) & (n_active >= self.threshold)).astype(np.int64)
        return int(out) if out.ndim == 0 else out


def mp_and(n: int = 2) -> McCullochPitts:
    """AND of ``n`` inputs: ``n`` excitatory inputs and threshold θ = n."""
    n = check_int("n", n, low=1)
    return McCullochPitts(n, threshold=n)


def mp_or(n: int = 2) -> McCullochPitts:
    """OR of ``n`` inputs: ``n`` excitatory inputs and threshold θ = 1."""
    n = check_int("n", n, low=1)
    return McCullochPitts(n, threshold=1)


def mp_not() -> McCullochPitts:
    """NOT: a single *inhibitory* input and threshold θ = 0.

    With nothing to inhibit it the unit fires (0 active inputs >= θ = 0);
    an active input vetoes it. Call it as ``mp_not()(x_inh=[x])``.
    """
    return McCullochPitts(0, threshold=0, n_inhibitory=1)


def truth_table(
    unit: McCullochPitts | Callable[[np.ndarray], np.ndarray], n_inputs: int | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Evaluate a unit on all ``2**n_inputs`` binary input patterns.

    Parameters
    ----------
    unit : McCullochPitts or callable
        A :class:`McCullochPitts` unit (columns are its excitatory inputs
        followed by its inhibitory inputs), or any function mapping an
        ``(m, n_inputs)`` array to ``m`` outputs, e.g. ``perceptron.predict``.
    n_inputs : int, optional
        Number of inputs. Required for a plain callable; for a McCulloch–Pitts
        unit it defaults to (and must equal) ``unit.n_inputs``.

    Returns
    -------
    X : numpy.ndarray of int, shape (2**n_inputs, n_inputs)
        The input patterns in counting order (00, 01, 10, 11 for two inputs).
    out : numpy.ndarray, shape (2**n_inputs,)
        The unit's output for each row of ``X``.
    """
    if isinstance(unit, McCullochPitts):
        if n_inputs is None:
            n_inputs = unit.n_inputs
        n_inputs = check_int("n_inputs", n_inputs, low=1)
        if n_inputs != unit.n_inputs:
            raise ValueError(
                f"n_inputs must equal the unit's number of inputs ({unit.n_inputs}), got {n_inputs}"
            )
    else:
        if not callable(unit):
            raise TypeError(f"unit must be a McCullochPitts unit or a callable, got {unit!r}")
        if n_inputs is None:
            raise ValueError("n_inputs is required when unit is a plain function")
        n_inputs = check_int("n_inputs", n_inputs, low=1, high=20)
    X = np.array(list(itertools.product((0, 1), repeat=n_inputs)), dtype=np.int64)
    if isinstance(unit, McCullochPitts):
        n_exc = unit.n_excitatory
        x_exc = X[:, :n_exc] if n_exc else None
        x_inh = X[:, n_exc:] if unit.n_inhibitory else None
        out = unit(x_exc, x_inh)
    else:
        out = np.asarray(unit(X)).reshape(len(X))
    return X, out


# --------------------------------------------------------------------------- perceptron


@dataclass
class PerceptronHistory:
    """What happened during :meth:`Perceptron.fit`, one entry per epoch.

    Attributes
    ----------
    mistakes : list of int
        Number of updates (misclassified examples) made during each epoch.
    weights : list of numpy.ndarray
        Copy of ``w`` at the end of each epoch.
    biases : list of float
        ``b`` at the end of each epoch.
    converged : bool
        True if the last epoch made no mistakes (every training example is
        then classified correctly).
    """

    mistakes: list[int] = field(default_factory=list)
    weights: list[np.ndarray] = field(default_factory=list)
    biases: list[float] = field(default_factory=list)
    converged: bool = False

    @property
    def epochs(self) -> int:
        """Number of epochs run."""
        return len(self.mistakes)


class _LinearUnit:
    """What the perceptron and Adaline share: weights w, a bias b, and z = w·x + b."""

    def __init__(self, n_features: int, lr: float, rng: np.random.Generator | None) -> None:
        self.n_features = check_int("n_features", n_features, low=1)
        self.lr = check_positive("lr", lr)
        if rng is None:
            self.w = np.zeros(self.n_features)
        else:
            self.w = 0.01 * check_rng(rng).standard_normal(self.n_features)
        self.b = 0.0

    def __repr__(self) -> str:
        return f"{type(self).__name__}(n_features={self.n_features}, lr={self.lr:g})"

    def decision_function(self, X: object) -> np.ndarray:
        """Weighted inputs (the linear output) ``z = X @ w + b``, shape (n_examples,)."""
        X = _check_features(X, self.n_features)
        return X @ self.w + self.b


class Perceptron(_LinearUnit):
    """Rosenblatt's perceptron (1958): a threshold unit trained by the perceptron rule.

    Prediction is ``ŷ = step(w·x + b)`` with ``step(z) = 1 if z >= 0 else 0``
    (see :func:`heaviside`); labels are 0 and 1. After each example the rule

        w^{(k+1)} = w^{(k)} + η (y − ŷ) x,    b^{(k+1)} = b^{(k)} + η (y − ŷ)

    changes the weights only when the example is misclassified (then
    ``y − ŷ = ±1``). If the data are linearly separable, the perceptron
    convergence theorem (Novikoff, 1962) guarantees that only finitely many
    mistakes are made; on data that are not separable (XOR) it never settles.

    Parameters
    ----------
    n_features : int
        Length of each input vector ``x``.
    lr : float, default 1.0
        Step size η > 0. Starting from zero weights the predictions do not
        depend on η (every weight vector is η times the one for η = 1).
    rng : numpy.random.Generator, optional
        If given, ``w`` starts as small normal noise (standard deviation 0.01);
        otherwise ``w`` and ``b`` start at zero.

    Attributes
    ----------
    w : numpy.ndarray, shape (n_features,)
        Weights.
    b : float
        Bias (the negative of the threshold).
    """

    def __init__(
        self, n_features: int, *, lr: float = 1.0, rng: np.random.Generator | None = None
    ) -> None:
        super().__init__(n_features, lr, rng)

    def predict(self, X: object) -> np.ndarray:
        """Predicted labels ``step(z)`` in {0, 1}, shape (n_examples,)."""
        return heaviside(self.decision_function(X))

    def _update(self, x: np.ndarray, y: int) -> bool:
        y_hat = 1 if x @ self.w + self.b >= 0 else 0  # thresholded output
        error = y - y_hat  # -1, 0 or +1
        self.w += self.lr * error * x
        self.b += self.lr * error
        return error != 0

    def update(self, x: object, y: object) -> bool:
        """Apply the perceptron rule for one example.

        Parameters
        ----------
        x : array_like, shape (n_features,)
            One example.
        y : {0, 1}
            Its label.

        Returns
        -------
        bool
            True if the example was misclassified (and the weights changed).
        """
        return self._update(_check_example(x, self.n_features), _check_label01(y))

    def fit(
        self,
        X: object,
        y: object,
        *,
        epochs: int,
        rng: np.random.Generator | None = None,
        shuffle: bool = False,
    ) -> PerceptronHistory:
        """Run the perceptron rule over the data, epoch after epoch.

        Training continues from the current weights and stops after the first
        epoch without mistakes, or after ``epochs`` epochs.

        Parameters
        ----------
        X : array_like, shape (n_examples, n_features)
            Training inputs, one example per row.
        y : array_like, shape (n_examples,)
            Labels in {0, 1}.
        epochs : int
            Maximum number of passes over the data.
        rng : numpy.random.Generator, optional
            Needed when ``shuffle=True``.
        shuffle : bool, default False
            Visit the examples in a new random order each epoch.

        Returns
        -------
        PerceptronHistory
            Mistakes, weights and biases per epoch, and whether it converged.
        """
        X = _check_features(X, self.n_features)
        y = _check_labels01(y)
        check_same_length("X", X, "y", y)
        epochs = check_int("epochs", epochs, low=1)
        if shuffle:
            rng = check_rng(rng)
        history = PerceptronHistory()
        for _ in range(epochs):
            order = rng.permutation(len(X)) if shuffle else range(len(X))
            mistakes = sum(self._update(X[n], y[n]) for n in order)
            history.mistakes.append(int(mistakes))
            history.weights.append(self.w.copy())
            history.biases.append(float(self.b))
            if mistakes == 0:
                history.converged = True
                break
        return history


# --------------------------------------------------------------------------- Adaline


@dataclass
class AdalineHistory:
    """What happened during :meth:`Adaline.fit`, one entry per epoch.

    Attributes
    ----------
    mse : list of float
        Training-set mean squared error ``(1/N) Σ (yₙ − ŷₙ)²`` (with the linear
        ŷ) at the end of each epoch. The cost ``C = (1/N) Σ ½ (yₙ − ŷₙ)²`` is
        half of it.
    weights : list of numpy.ndarray
        Copy of ``w`` at the end of each epoch.
    biases : list of float
        ``b`` at the end of each epoch.
    lrs : list of float
        Step size used in each epoch.
    diverged : bool
        True if the weights overflowed to infinity or NaN (training then stops).
    """

    mse: list[float] = field(default_factory=list)
    weights: list[np.ndarray] = field(default_factory=list)
    biases: list[float] = field(default_factory=list)
    lrs: list[float] = field(default_factory=list)
    diverged: bool = False

    @property
    def epochs(self) -> int:
        """Number of epochs run."""
        return len(self.mse)


class Adaline(_LinearUnit):
    """Adaline, the adaptive linear neuron of Widrow & Hoff (1960), trained by LMS.

    The rule has the same form as the perceptron's,

        w^{(k+1)} = w^{(k)} + η (y − ŷ) x,    b^{(k+1)} = b^{(k)} + η (y − ŷ),

    but here ``ŷ = w·x + b`` is the **linear** output, not the thresholded one.
    Since ``−∂/∂w ½(y − ŷ)² = (y − ŷ) x``, this is stochastic gradient descent
    on the squared error, also called the least-mean-squares (LMS) or
    Widrow–Hoff rule. Targets are ±1 for classification, or any real numbers;
    classification thresholds the linear output (:meth:`predict`).

    Convergence is not automatic. With a constant step, the *mean* of the
    weights over the random order of the examples converges to the
    least-squares solution (:func:`lms_solution`) if and only if
    ``0 < η < 2 / λ_max``, where ``λ_max`` is the largest eigenvalue of the
    input correlation matrix ``H``, the mean of ``x̃ x̃ᵀ`` with ``x̃ = (x, 1)``
    (and ``H`` is invertible). That does not make a single run safe: a run
    fluctuates around the solution, and the size of the fluctuation stays
    bounded only under the stricter mean-square condition, which depends on
    the fourth moments of the inputs. On the data of chapter 2 the mean
    converges for ``η < 0.54``, but every run diverges at ``η = 0.4`` and the
    runs stay close to the solution only for ``η`` up to about 0.28. To
    converge to the solution, rather than fluctuate around it, the step must
    decay (``decay`` in :meth:`fit`).

    Parameters
    ----------
    n_features : int
        Length of each input vector ``x``.
    lr : float
        Initial step size η > 0.
    rng : numpy.random.Generator, optional
        If given, ``w`` starts as small normal noise (standard deviation 0.01);
        otherwise ``w`` and ``b`` start at zero.
    """

    def __init__(
        self, n_features: int, *, lr: float, rng: np.random.Generator | None = None
    ) -> None:
        super().__init__(n_features, lr, rng)

    def predict(self, X: object) -> np.ndarray:
        """Class labels in {−1, +1}: +1 where ``w·x + b >= 0``, else −1."""
        return 2 * heaviside(self.decision_function(X)) - 1

    def mse(self, X: object, y: object) -> float:
        """Mean squared error ``(1/N) Σ (yₙ − ŷₙ)²`` of the linear output."""
        y = as_float_array("y", y, ndim=1)
        y_hat = self.decision_function(X)
        check_same_length("X", y_hat, "y", y)
        return float(np.mean((y - y_hat) ** 2))

    def _update(self, x: np.ndarray, y: float, lr: float) -> float:
        error = y - (x @ self.w + self.b)  # linear output, not thresholded
        self.w += lr * error * x
        self.b += lr * error
        return float(error)

    def update(self, x: object, y: object) -> float:
        """Apply one LMS step with step size ``self.lr``.

        Parameters
        ----------
        x : array_like, shape (n_features,)
            One example.
        y : float
            Its target.

        Returns
        -------
        float
            The error ``y − ŷ`` before the step.
        """
        x = _check_example(x, self.n_features)
        y = float(as_float_array("y", y, ndim=0))
        return self._update(x, y, self.lr)

    def fit(
        self,
        X: object,
        y: object,
        *,
        epochs: int,
        rng: np.random.Generator | None = None,
        shuffle: bool = False,
        decay: float = 0.0,
    ) -> AdalineHistory:
        """Run LMS over the data for ``epochs`` epochs (from the current weights).

        Parameters
        ----------
        X : array_like, shape (n_examples, n_features)
            Training inputs, one example per row.
        y : array_like, shape (n_examples,)
            Real targets (±1 for classification).
        epochs : int
            Number of passes over the data.
        rng : numpy.random.Generator, optional
            Needed when ``shuffle=True``.
        shuffle : bool, default False
            Visit the examples in a new random order each epoch.
        decay : float, default 0
            Step-size decay: epoch ``e = 0, 1, ...`` uses
            ``η_e = lr / (1 + decay * e)``. Any ``decay > 0`` gives steps whose
            sum diverges while the sum of their squares converges.

        Returns
        -------
        AdalineHistory
            Mean squared error, weights, biases and step size per epoch.
        """
        X = _check_features(X, self.n_features)
        y = as_float_array("y", y, ndim=1)
        check_same_length("X", X, "y", y)
        epochs = check_int("epochs", epochs, low=1)
        decay = check_positive("decay", decay, allow_zero=True)
        if shuffle:
            rng = check_rng(rng)
        history = AdalineHistory()
        # A too-large step overflows; that is a result to report, not a crash.
        with np.errstate(over="ignore", invalid="ignore"):
            for e in range(epochs):
                lr = self.lr / (1.0 + decay * e)
                order = rng.permutation(len(X)) if shuffle else range(len(X))
                for n in order:
                    self._update(X[n], y[n], lr)
                finite = bool(np.all(np.isfinite(self.w)) and np.isfinite(self.b))
                history.mse.append(float(np.mean((y - (X @ self.w + self.b)) ** 2)))
                history.weights.append(self.w.copy())
                history.biases.append(float(self.b))
                history.lrs.append(lr)
                if not finite:
                    history.diverged = True
                    break
        return history


def lms_solution(X: object, y: object) -> tuple[np.ndarray, float]:
    """Closed-form least-squares weights and bias, for comparison with Adaline.

    Minimises ``Σₙ (yₙ − w·xₙ − b)²`` by solving the least-squares problem for
    ``X̃ = [X, 1]`` (``numpy.linalg.lstsq``; the minimum-norm solution if the
    columns are linearly dependent).

    Parameters
    ----------
    X : array_like, shape (n_examples, n_features)
        Inputs, one example per row.
    y : array_like, shape (n_examples,)
        Real targets.

    Returns
    -------
    w : numpy.ndarray, shape (n_features,)
    b : float
    """
    X = as_float_array("X", X, ndim=2)
    y = as_float_array("y", y, ndim=1)
    check_same_length("X", X, "y", y)
    X_tilde = np.hstack([X, np.ones((len(X), 1), dtype=X.dtype)])
    theta, *_ = np.linalg.lstsq(X_tilde, y, rcond=None)
    return theta[:-1], float(theta[-1])
