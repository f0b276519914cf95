"""Optimisers and step-size schedules.

Every optimiser updates a list of parameter arrays *in place* from a list of
gradients of the same shapes::

    opt = Momentum(lr=0.1, beta=0.9)
    opt.step([W1, b1, W2, b2], [dW1, db1, dW2, db2])

The step size η may be a number or a schedule k ↦ η_k (k = 0, 1, 2, … counts steps).
Course notation: θ_{k+1} = θ_k − η g_k for gradient descent, and for momentum
m_{k+1} = β m_k − η g_k, θ_{k+1} = θ_k + m_{k+1}.
"""

from __future__ import annotations

import numbers
from collections.abc import Callable, Sequence

import numpy as np

from ._validate import as_float_array, check_int, check_positive

__all__ = [
    "constant",
    "inverse_time",
    "exponential",
    "linear_to_zero",
    "Optimiser",
    "GradientDescent",
    "Momentum",
    "Nesterov",
    "AdaGrad",
    "RMSProp",
    "Adam",
    "Newton",
    "RProp",
    "minimise",
    "lbfgs_direction",
    "lbfgs",
]

Array = np.ndarray
Schedule = Callable[[int], float]


# --------------------------------------------------------------- schedules


def constant(lr: float) -> Schedule:
    """η_k = lr for every k."""
    lr = check_positive("lr", lr)
    return lambda k: lr


def inverse_time(c1: float, c2: float) -> Schedule:
    """η_k = c₁ / (k + c₂): decays like 1/k, so Σ η_k = ∞ but Σ η_k² < ∞."""
    c1, c2 = check_positive("c1", c1), check_positive("c2", c2)
    return lambda k: c1 / (k + c2)


def exponential(lr0: float, gamma: float) -> Schedule:
    """η_k = lr0 · γᵏ with 0 < γ ≤ 1."""
    lr0, gamma = check_positive("lr0", lr0), check_positive("gamma", gamma)
    if gamma > 1:
        raise ValueError(f"gamma must be in (0, 1], got {gamma}")
    return lambda k: lr0 * gamma**k


def linear_to_zero(lr0: float, n_steps: int) -> Schedule:
    """η_k = lr0 · (1 − k/n) for k < n: a straight line from lr0 down to 0 at step n.

    After n steps the schedule stays at a tiny positive floor (lr0 · 10⁻⁶) so that an
    optimiser asked for one more step does not stop with a zero step size.
    """
    lr0 = check_positive("lr0", lr0)
    n_steps = check_int("n_steps", n_steps, low=1)
    floor = lr0 * 1e-6
    return lambda k: max(lr0 * (1.0 - k / n_steps), floor)


def _as_schedule(lr: float | Schedule) -> Schedule:
    if callable(lr):
        return lr
    return constant(lr)


def _check_fraction(name: str, value: float) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number in [0, 1), got {type(value).__name__} {value!r}")
    value = float(value)
    if not 0 <= value < 1:
        raise ValueError(f"{name} must be in [0, 1), got {value}")
    return value


# -------------------------------------------------------------- optimisers


class Optimiser:
    """Base class: keeps the step counter k and the schedule; subclasses define ``_update``.

    ``weight_decay`` = λ ≥ 0 adds the gradient λθ of the penalty (λ/2)‖θ‖² to the
    gradient of every parameter array with two or more dimensions (the weight
    matrices W⁽ˡ⁾; the biases, 1-D, are not decayed), before the update rule uses it.
    """

    def __init__(self, lr: float | Schedule, *, weight_decay: float = 0.0) -> None:
        self.schedule = _as_schedule(lr)
        self.weight_decay = check_positive("weight_decay", weight_decay, allow_zero=True)
        self.reset()

    def reset(self) -> None:
        """Forget everything learned so far (step counter, velocities, averages), so that
        the optimiser can be used on another set of parameters."""
        self.k = 0
        self.state: dict[int, dict[str, Array]] = {}
        self._shapes: tuple[tuple[int, ...], ...] | None = None

    def _check_params(self, params: Sequence[Array], other: Sequence[Array], what: str) -> None:
        """Same number and shapes of arrays in ``params`` and ``other``, and the same
        shapes as at the previous steps (state must not carry over to other parameters)."""
        if len(params) != len(other):
            raise ValueError(f"got {len(params)} parameter arrays but {len(other)} {what}")
        for i, (p, g) in enumerate(zip(params, other)):
            if not isinstance(p, np.ndarray):
                raise TypeError(
                    f"params[{i}] must be a NumPy array (updated in place), got {type(p).__name__}"
                )
            if np.shape(g) != p.shape:
                raise ValueError(f"params[{i}] has shape {p.shape} but {what}[{i}] has {np.shape(g)}")
        shapes = tuple(p.shape for p in params)
        if self._shapes is None:
            self._shapes = shapes
        elif shapes != self._shapes:
            raise ValueError(
                f"this {type(self).__name__} has already made {self.k} step(s) on parameters of "
                f"shapes {list(self._shapes)}, and now got shapes {list(shapes)}; its state "
                "(step count, velocities, averages) belongs to the first ones. Create a new "
                "optimiser for each network, or call .reset() first"
            )

    def current_lr(self) -> float:
        """The step size η_k of the next update."""
        lr = self.schedule(self.k)
        if not (np.isfinite(lr) and lr > 0):
            raise ValueError(f"the step size must be positive, got η_{self.k} = {lr}")
        return lr

    def step(self, params: Sequence[Array], grads: Sequence[Array]) -> None:
        """Apply one update θ ← θ + (step) to every array in ``params``, in place."""
        self._check_params(params, grads, "grads")
        lr = self.current_lr()
        for i, (p, g) in enumerate(zip(params, grads)):
            g = np.asarray(g)
            if self.weight_decay and p.ndim >= 2:
                g = g + self.weight_decay * p
            self._update(i, p, g, lr)
        self.k += 1

    def _slot(self, i: int, name: str, like: Array) -> Array:
        """A per-parameter state array (velocity, squared-gradient average, …), zero at first."""
        slots = self.state.setdefault(i, {})
        if name not in slots:
            slots[name] = np.zeros_like(like)
        return slots[name]

    def _update(self, i: int, p: Array, g: Array, lr: float) -> None:
        raise NotImplementedError


class GradientDescent(Optimiser):
    """θ ← θ − η g (stochastic when g comes from a mini-batch)."""

    def _update(self, i, p, g, lr):
        p -= lr * g

    def apply_steps(self, params: Sequence[Array], steps: Sequence[Array]) -> None:
        """θ ← θ + s for steps s = −η_k g computed already (``Network.backward(scale=-η_k)``).

        The same update as :meth:`step`, in one pass over each array instead of two:
        NumPy has no fused "p − η g", so :func:`mlp.train` folds −η into the backward pass.
        """
        self._check_params(params, steps, "steps")
        for p, s in zip(params, steps):
            p += s
        self.k += 1


class Momentum(Optimiser):
    """Polyak's heavy ball: m ← β m − η g, θ ← θ + m."""

    def __init__(self, lr: float | Schedule, beta: float = 0.9, *, weight_decay: float = 0.0) -> None:
        super().__init__(lr, weight_decay=weight_decay)
        self.beta = _check_fraction("beta", beta)

    def _update(self, i, p, g, lr):
        m = self._slot(i, "m", p)
        m *= self.beta
        m -= lr * g
        p += m


class Nesterov(Momentum):
    """Nesterov's accelerated gradient: the gradient is taken at the look-ahead point.

    With m ← β m − η ∇C(θ + β m), θ ← θ + m, store φ = θ + β m instead of θ; then
    the update needs only the gradient at the stored point:
    m ← β m − η g(φ),  φ ← φ + β m − η g(φ).
    """

    def _update(self, i, p, g, lr):
        m = self._slot(i, "m", p)
        m *= self.beta
        m -= lr * g
        p += self.beta * m - lr * g


class AdaGrad(Optimiser):
    """Per-coordinate steps η / √(Σ g²): large for rarely-changing coordinates."""

    def __init__(self, lr: float | Schedule, eps: float = 1e-8, *, weight_decay: float = 0.0) -> None:
        super().__init__(lr, weight_decay=weight_decay)
        self.eps = check_positive("eps", eps)

    def _update(self, i, p, g, lr):
        G = self._slot(i, "G", p)
        G += g * g
        p -= lr * g / (np.sqrt(G) + self.eps)


class RMSProp(Optimiser):
    """Like AdaGrad, but with a moving average v ← ρ v + (1 − ρ) g² that forgets."""

    def __init__(
        self, lr: float | Schedule, rho: float = 0.9, eps: float = 1e-8, *, weight_decay: float = 0.0
    ) -> None:
        super().__init__(lr, weight_decay=weight_decay)
        self.rho = _check_fraction("rho", rho)
        self.eps = check_positive("eps", eps)

    def _update(self, i, p, g, lr):
        v = self._slot(i, "v", p)
        v *= self.rho
        v += (1 - self.rho) * g * g
        p -= lr * g / (np.sqrt(v) + self.eps)


class Adam(Optimiser):
    """Adam (Kingma & Ba, 2015): momentum on g and RMSProp on g², both bias-corrected."""

    def __init__(
        self,
        lr: float | Schedule = 1e-3,
        beta1: float = 0.9,
        beta2: float = 0.999,
        eps: float = 1e-8,
        *,
        weight_decay: float = 0.0,
    ) -> None:
        super().__init__(lr, weight_decay=weight_decay)
        self.beta1 = _check_fraction("beta1", beta1)
        self.beta2 = _check_fraction("beta2", beta2)
        self.eps = check_positive("eps", eps)

    def _update(self, i, p, g, lr):
        m, v = self._slot(i, "m", p), self._slot(i, "v", p)
        m *= self.beta1
        m += (1 - self.beta1) * g
        v *= self.beta2
        v += (1 - self.beta2) * g * g
        k = self.k + 1
        m_hat = m / (1 - self.beta1**k)
        v_hat = v / (1 - self.beta2**k)
        p -= lr * m_hat / (np.sqrt(v_hat) + self.eps)


class Newton(Optimiser):
    """Newton's method θ ← θ − η (H + λI)⁻¹ g for one small flat parameter vector.

    ``hessian(θ)`` returns H at θ. Newton's method jumps to the critical point of
    the local quadratic model, which is a saddle or a maximum when H is not
    positive definite: it is attracted to saddles as readily as to minima.
    """

    def __init__(
        self, hessian: Callable[[Array], Array], lr: float | Schedule = 1.0, damping: float = 0.0
    ) -> None:
        super().__init__(lr)
        if not callable(hessian):
            raise TypeError(f"hessian must be a function θ -> H, got {type(hessian).__name__}")
        self.hessian = hessian
        self.damping = check_positive("damping", damping, allow_zero=True)

    def _update(self, i, p, g, lr):
        if p.ndim != 1:
            raise ValueError(f"Newton works on flat parameter vectors, got shape {p.shape}")
        H = np.asarray(self.hessian(p), dtype=np.float64)
        if H.shape != (p.size, p.size):
            raise ValueError(f"hessian(theta) must have shape {(p.size, p.size)}, got {H.shape}")
        try:
            p -= lr * np.linalg.solve(H + self.damping * np.eye(p.size), g)
        except np.linalg.LinAlgError as err:
            raise ValueError(
                f"the Hessian is singular at theta = {p}; use damping > 0"
            ) from err


class RProp(Optimiser):
    """Resilient backpropagation (Riedmiller & Braun, 1993), the iRprop⁻ variant.

    Each coordinate keeps its own step Δ and uses only the *sign* of its gradient:
    Δ ← min(η⁺Δ, Δ_max) when the sign is unchanged, Δ ← max(η⁻Δ, Δ_min) when it flips
    (and that coordinate skips the step, its remembered gradient set to 0); then
    θ ← θ − sign(g) Δ. Meant for full-batch gradients: mini-batch noise flips signs
    at random. ``lr`` is the initial Δ₀.
    """

    def __init__(
        self,
        lr: float = 0.01,
        eta_plus: float = 1.2,
        eta_minus: float = 0.5,
        step_min: float = 1e-6,
        step_max: float = 50.0,
        *,
        weight_decay: float = 0.0,
    ) -> None:
        super().__init__(check_positive("lr", lr), weight_decay=weight_decay)
        self.eta_plus = check_positive("eta_plus", eta_plus)
        self.eta_minus = check_positive("eta_minus", eta_minus)
        if not (self.eta_minus < 1 < self.eta_plus):
            raise ValueError(
                f"need 0 < eta_minus < 1 < eta_plus, got eta_minus={eta_minus}, eta_plus={eta_plus}"
            )
        self.step_min = check_positive("step_min", step_min)
        self.step_max = check_positive("step_max", step_max)
        self.delta0 = float(lr)

    def _update(self, i, p, g, lr):
        slots = self.state.setdefault(i, {})
        if "delta" not in slots:
            slots["delta"] = np.full_like(p, self.delta0)
            slots["g_prev"] = np.zeros_like(p)
        delta, g_prev = slots["delta"], slots["g_prev"]
        agree = g * g_prev
        delta[agree > 0] = np.minimum(delta[agree > 0] * self.eta_plus, self.step_max)
        delta[agree < 0] = np.maximum(delta[agree < 0] * self.eta_minus, self.step_min)
        g = np.where(agree < 0, 0.0, g)
        p -= np.sign(g) * delta
        g_prev[...] = g


def minimise(
    grad: Callable[[Array], Array], theta0: Array, optimiser: Optimiser, n_steps: int
) -> Array:
    """Run ``n_steps`` updates from θ₀ and return the path, shape (n_steps + 1, dim).

    For small problems (the 2-parameter landscapes of the training-dynamics chapters).
    """
    n_steps = check_int("n_steps", n_steps, low=0)
    theta = as_float_array("theta0", theta0, ndim=1, dtype=np.float64).copy()
    path = np.empty((n_steps + 1, theta.size))
    path[0] = theta
    for k in range(n_steps):
        g = np.asarray(grad(theta), dtype=np.float64)
        optimiser.step([theta], [g])
        path[k + 1] = theta
    return path


# ------------------------------------------------------------------ L-BFGS


def lbfgs_direction(g: Array, s_list: Sequence[Array], y_list: Sequence[Array]) -> Array:
    """The L-BFGS search direction −H_k g by the two-loop recursion (Nocedal & Wright, Alg. 7.4).

    ``s_list`` and ``y_list`` hold the m most recent pairs sᵢ = θᵢ₊₁ − θᵢ and
    yᵢ = gᵢ₊₁ − gᵢ, oldest first. The initial inverse Hessian is γI with
    γ = sᵀy / yᵀy of the newest pair (the identity when there is no pair yet).
    """
    q = np.array(g, dtype=np.float64)
    rhos = [1.0 / float(y @ s) for s, y in zip(s_list, y_list)]
    alphas = []
    for s, y, rho in reversed(list(zip(s_list, y_list, rhos))):
        a = rho * float(s @ q)
        alphas.append(a)
        q -= a * y
    if s_list:
        s, y = s_list[-1], y_list[-1]
        q *= float(s @ y) / float(y @ y)
    for (s, y, rho), a in zip(zip(s_list, y_list, rhos), reversed(alphas)):
        b = rho * float(y @ q)
        q += (a - b) * s
    return -q


def lbfgs(
    fun: Callable[[Array], float],
    grad: Callable[[Array], Array],
    theta0: Array,
    *,
    n_steps: int,
    memory: int = 10,
    c1: float = 1e-4,
    c2: float = 0.9,
    tol: float = 1e-10,
) -> Array:
    """Minimise ``fun`` by L-BFGS with a weak-Wolfe line search; return the path.

    Each step: direction p = −H_k g (:func:`lbfgs_direction`), then a step length α
    (starting from 1, by bisection) that satisfies the two Wolfe conditions
    C(θ + αp) ≤ C(θ) + c₁ α gᵀp (enough decrease) and ∇C(θ + αp)ᵀp ≥ c₂ gᵀp (the slope
    has flattened). The second guarantees sᵀy > 0, so H_k stays positive definite.
    Stops early when ‖g‖ < tol. Returns the iterates, shape (steps taken + 1, dim).
    """
    n_steps = check_int("n_steps", n_steps, low=0)
    memory = check_int("memory", memory, low=1)
    if not 0 < c1 < c2 < 1:
        raise ValueError(f"need 0 < c1 < c2 < 1, got c1={c1}, c2={c2}")
    theta = as_float_array("theta0", theta0, ndim=1, dtype=np.float64).copy()
    s_list: list[Array] = []
    y_list: list[Array] = []
    g = np.asarray(grad(theta), dtype=np.float64)
    f = float(fun(theta))
    path = [theta.copy()]
    for _ in range(n_steps):
        if np.linalg.norm(g) < tol:
            break
        p = lbfgs_direction(g, s_list, y_list)
        slope = float(g @ p)
        lo, hi, alpha = 0.0, np.inf, 1.0
        for _ in range(60):
            new = theta + alpha * p
            f_new = float(fun(new))
            g_new = np.asarray(grad(new), dtype=np.float64)
            if not f_new <= f + c1 * alpha * slope:
                hi = alpha
            elif float(g_new @ p) < c2 * slope:
                lo = alpha
            else:
                break
            alpha = 0.5 * (lo + hi) if np.isfinite(hi) else 2.0 * lo
        s, y = new - theta, g_new - g
        if float(s @ y) > 1e-12 * float(np.linalg.norm(s) * np.linalg.norm(y)):
            s_list.append(s)
            y_list.append(y)
            if len(s_list) > memory:
                s_list.pop(0)
                y_list.pop(0)
        theta, g, f = new, g_new, f_new
        path.append(theta.copy())
    return np.array(path)
