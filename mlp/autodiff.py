"""A small automatic-differentiation engine on NumPy arrays (chapter 8).

Reverse mode: a :class:`Tensor` remembers its value, the tensors it was computed
from (``parents``) and a *vector–Jacobian product* ``_vjp``. Given the adjoint
ū = ∂C/∂u of the result, ``_vjp(ū)`` returns the adjoints x̄ᵢ = ūᵀ ∂u/∂xᵢ of the
parents. :meth:`Tensor.backward` runs those products from the output back to the
inputs in reverse topological order and *adds* the contributions arriving at a
node along different paths.

Forward mode: a :class:`Dual` carries a value and a tangent ẋ (a directional
derivative). Every operation maps (x, ẋ) to (f(x), J_f ẋ), a Jacobian–vector
product, so one pass gives the derivative along one input direction.

Both classes support the operations an MLP needs: ``@``, ``+``, ``-``, ``*``,
unary ``-``, ``.T``, ``sum``/``mean``, tanh, sigmoid, relu, exp, log, softmax,
log-softmax and the stable losses :func:`softmax_cross_entropy` and
:func:`sigmoid_binary_cross_entropy` (from logits). Broadcasting is allowed only
for a scalar or for a bias: a (d,) vector with a (B, d) matrix. Anything else that
NumPy would broadcast silently, such as (3,) with (3, 1), raises a ``ValueError``.
"""

from __future__ import annotations

import numpy as np

from . import activations as act
from .losses import binary_cross_entropy, cross_entropy

__all__ = [
    "Tensor", "Dual", "topological_order", "grad", "jvp", "jacobian_forward", "jacobian_reverse",
    "tanh", "sigmoid", "relu", "exp", "log", "softmax", "log_softmax",
    "softmax_cross_entropy", "sigmoid_binary_cross_entropy", "squared_error",
    "network_cost", "network_gradients", "network_directional_derivative",
]

Array = np.ndarray


def _positive_log(z: Array) -> Array:
    if np.any(z <= 0):
        raise ValueError("log needs strictly positive inputs")
    return np.log(z)


#: name → (φ, φ′), the elementwise functions, shared by both modes.
ELEMENTWISE = {
    "tanh": (act.tanh, act.tanh.derivative),
    "sigmoid": (act.sigmoid, act.sigmoid.derivative),
    "relu": (act.relu, act.relu.derivative),  # φ′(0) = 0, as in mlp.activations
    "exp": (np.exp, np.exp),
    "log": (_positive_log, lambda z: 1.0 / z),
}


def _check_broadcast(op: str, a: tuple, b: tuple) -> tuple:
    """Return the result shape of an elementwise op, or raise for a silent broadcast."""
    if a == b or a == () or b == ():
        return a if b == () else b
    if len(a) + len(b) == 3 and a[-1] == b[-1]:  # a (B, d) matrix with a (d,) bias
        return a if len(a) == 2 else b
    raise ValueError(
        f"{op}: shapes {a} and {b} are not allowed together; only equal shapes, a scalar, "
        f"or a (d,) bias with a (B, d) matrix (NumPy would broadcast them to "
        f"{_broadcast_or_fail(a, b)})"
    )


def _broadcast_or_fail(a: tuple, b: tuple) -> str:
    try:
        return str(np.broadcast_shapes(a, b))
    except ValueError:
        return "nothing: they are incompatible"


def _unbroadcast(g: Array, shape: tuple) -> Array:
    """Sum an adjoint over the axes along which its operand was broadcast."""
    if g.shape == shape:
        return g
    if shape == ():
        return np.sum(g)
    return g.sum(axis=0)  # a bias: one copy of b per row, so add the rows' adjoints


def _matmul_vjp(a: Array, b: Array, g: Array) -> tuple[Array, Array]:
    """Adjoints of a and b for u = a @ b (1-D operands read as a row / a column)."""
    a2 = a if a.ndim == 2 else a[None, :]
    b2 = b if b.ndim == 2 else b[:, None]
    g2 = np.reshape(g, (a2.shape[0], b2.shape[1]))
    return (g2 @ b2.T).reshape(a.shape), (a2.T @ g2).reshape(b.shape)


def _check_matmul(a: tuple, b: tuple) -> None:
    if not (1 <= len(a) <= 2 and 1 <= len(b) <= 2) or a[-1] != b[0]:
        raise ValueError(
            f"matmul: shapes {a} and {b} are not aligned (inner dimensions {a[-1:]} and {b[:1]}); "
            "for Z = A Wᵀ write A @ W.T"
        )


def _sum_back(g: Array, shape: tuple, axis: int | None) -> Array:
    """The VJP of a sum: every summed entry receives the adjoint of its sum."""
    g = np.asarray(g) if axis is None else np.expand_dims(g, axis)
    return np.broadcast_to(g, shape).copy()


class Tensor:
    """A node of the computational graph (reverse mode).

    Parameters
    ----------
    value : array_like
        The value, stored as a float64 array.
    parents : tuple of Tensor
        The nodes this one was computed from (empty for an input).
    vjp : callable or None
        ``vjp(ū)`` returns one adjoint per parent, each with that parent's shape.
    name : str
        An optional label for printing.

    Attributes
    ----------
    grad : ndarray or None
        ∂(output)/∂(this node) after :meth:`backward`; same shape as ``value``.
    """

    __array_ufunc__ = None  # make `ndarray + Tensor` call Tensor.__radd__

    def __init__(self, value, parents: tuple = (), vjp=None, name: str = "") -> None:
        self.value = np.asarray(value, dtype=np.float64)
        self.parents = tuple(parents)
        self._vjp = vjp
        self.name = name
        self.grad: Array | None = None

    shape = property(lambda self: self.value.shape)
    ndim = property(lambda self: self.value.ndim)

    def __repr__(self) -> str:
        label = f" {self.name!r}" if self.name else ""
        return f"Tensor{label}(shape={self.shape})"

    # ---------------------------------------------------------------- arithmetic
    def __add__(self, other):
        other = _tensor(other)
        _check_broadcast("add", self.shape, other.shape)
        return Tensor(self.value + other.value, (self, other), lambda g: (
            _unbroadcast(g, self.shape), _unbroadcast(g, other.shape)))

    def __mul__(self, other):
        other = _tensor(other)
        _check_broadcast("mul", self.shape, other.shape)
        a, b = self.value, other.value
        return Tensor(a * b, (self, other), lambda g: (
            _unbroadcast(g * b, self.shape), _unbroadcast(g * a, other.shape)))

    def __neg__(self):
        return Tensor(-self.value, (self,), lambda g: (-g,))

    def __sub__(self, other):
        return self + (-_tensor(other))

    def __rsub__(self, other):
        return _tensor(other) + (-self)

    __radd__ = __add__
    __rmul__ = __mul__

    def __matmul__(self, other):
        other = _tensor(other)
        _check_matmul(self.shape, other.shape)
        return Tensor(self.value @ other.value, (self, other),
                      lambda g: _matmul_vjp(self.value, other.value, g))

    def __rmatmul__(self, other):
        return _tensor(other) @ self

    @property
    def T(self):
        """The transpose; its VJP transposes the adjoint back."""
        return Tensor(self.value.T, (self,), lambda g: (g.T,))

    def sum(self, axis: int | None = None):
        """Sum of all entries (``axis=None``) or along one axis."""
        return Tensor(self.value.sum(axis=axis), (self,),
                      lambda g: (_sum_back(g, self.shape, axis),))

    def mean(self, axis: int | None = None):
        """Mean of all entries or along one axis."""
        count = self.value.size if axis is None else self.shape[axis]
        return self.sum(axis) * (1.0 / count)

    # ------------------------------------------------------ nonlinear functions
    def _elementwise(self, name: str):
        f, df = ELEMENTWISE[name]
        z = self.value
        return Tensor(f(z), (self,), lambda g: (df(z) * g,))

    def softmax(self):
        """Row-wise softmax; VJP vᵀJ = s ⊙ (v − (s·v)), never forming J."""
        s = act.softmax(self.value)
        return Tensor(s, (self,), lambda g: (s * (g - np.sum(s * g, axis=-1, keepdims=True)),))

    def log_softmax(self):
        """Row-wise log-softmax; VJP v − softmax(z) Σₖ vₖ."""
        z = self.value
        return Tensor(act.log_softmax(z), (self,),
                      lambda g: (g - act.softmax(z) * np.sum(g, axis=-1, keepdims=True),))

    # ------------------------------------------------------------------ backward
    def backward(self, seed=None) -> None:
        """Fill ``.grad`` of every node this one depends on with ∂(self)/∂(node).

        For a non-scalar output, ``seed`` is the row vector ū in ūᵀJ (same shape
        as ``self.value``). Gradients are recomputed, not added to earlier calls.
        """
        if seed is None:
            if self.value.shape != ():
                raise ValueError(
                    f"backward() without a seed needs a scalar output, got shape {self.shape}; "
                    "pass seed= an array of that shape (the vector in the vector-Jacobian product)"
                )
            seed = 1.0
        seed = np.asarray(seed, dtype=np.float64)
        if seed.shape != self.shape:
            raise ValueError(f"seed has shape {seed.shape}, but the output has shape {self.shape}")
        order = topological_order(self)
        for node in order:
            node.grad = np.zeros_like(node.value)
        self.grad = seed.copy()
        for node in reversed(order):  # every node after all nodes that use it
            if node._vjp is None:
                continue
            for parent, g in zip(node.parents, node._vjp(node.grad)):
                if np.shape(g) != parent.shape:  # a bug in a VJP, never the user's fault
                    raise RuntimeError(f"VJP returned shape {np.shape(g)} for a node of shape {parent.shape}")
                parent.grad = parent.grad + g  # += : a node used twice gets the sum


def _tensor(x) -> Tensor:
    return x if isinstance(x, Tensor) else Tensor(x)


def topological_order(root: Tensor) -> list[Tensor]:
    """Every node ``root`` depends on, each listed after all of its parents.

    An iterative depth-first search that appends a node once all its parents are
    done (post-order), so deep graphs never hit Python's recursion limit.
    """
    order, seen = [], set()
    stack = [(root, False)]
    while stack:
        node, parents_done = stack.pop()
        if parents_done:
            order.append(node)
        elif id(node) not in seen:
            seen.add(id(node))
            stack.append((node, True))
            stack.extend((p, False) for p in reversed(node.parents) if id(p) not in seen)
    return order


class Dual:
    """A value with a tangent (forward mode): each operation maps (x, ẋ) to (f(x), J ẋ).

    Parameters
    ----------
    value : array_like
    tangent : array_like, optional
        The directional derivative of ``value``; zeros (a constant) by default.
    """

    __array_ufunc__ = None

    def __init__(self, value, tangent=None) -> None:
        self.value = np.asarray(value, dtype=np.float64)
        self.tangent = (np.zeros_like(self.value) if tangent is None
                        else np.asarray(tangent, dtype=np.float64))
        if self.tangent.shape != self.value.shape:
            raise ValueError(f"tangent shape {self.tangent.shape} differs from value shape {self.shape}")

    shape = property(lambda self: self.value.shape)
    ndim = property(lambda self: self.value.ndim)

    def __repr__(self) -> str:
        return f"Dual(shape={self.shape})"

    def __add__(self, other):
        other = _dual(other)
        _check_broadcast("add", self.shape, other.shape)
        return Dual(self.value + other.value, self.tangent + other.tangent)

    def __mul__(self, other):
        other = _dual(other)
        _check_broadcast("mul", self.shape, other.shape)
        return Dual(self.value * other.value,
                    self.tangent * other.value + self.value * other.tangent)  # product rule

    def __neg__(self):
        return Dual(-self.value, -self.tangent)

    def __sub__(self, other):
        return self + (-_dual(other))

    def __rsub__(self, other):
        return _dual(other) + (-self)

    __radd__ = __add__
    __rmul__ = __mul__

    def __matmul__(self, other):
        other = _dual(other)
        _check_matmul(self.shape, other.shape)
        return Dual(self.value @ other.value,
                    self.tangent @ other.value + self.value @ other.tangent)

    def __rmatmul__(self, other):
        return _dual(other) @ self

    @property
    def T(self):
        return Dual(self.value.T, self.tangent.T)

    def sum(self, axis: int | None = None):
        return Dual(self.value.sum(axis=axis), self.tangent.sum(axis=axis))

    def mean(self, axis: int | None = None):
        return Dual(self.value.mean(axis=axis), self.tangent.mean(axis=axis))

    def _elementwise(self, name: str):
        f, df = ELEMENTWISE[name]
        return Dual(f(self.value), df(self.value) * self.tangent)

    def softmax(self):
        s = act.softmax(self.value)
        return Dual(s, s * (self.tangent - np.sum(s * self.tangent, axis=-1, keepdims=True)))

    def log_softmax(self):
        s = act.softmax(self.value)
        return Dual(act.log_softmax(self.value),
                    self.tangent - np.sum(s * self.tangent, axis=-1, keepdims=True))


def _dual(x) -> Dual:
    return x if isinstance(x, Dual) else Dual(x)


# ------------------------------------------------- functions for both modes
def tanh(x):
    return x._elementwise("tanh")


def sigmoid(x):
    return x._elementwise("sigmoid")


def relu(x):
    return x._elementwise("relu")


def exp(x):
    return x._elementwise("exp")


def log(x):
    return x._elementwise("log")


def softmax(x):
    return x.softmax()


def log_softmax(x):
    return x.log_softmax()


def _fused_loss(Z, Y, value_fn, link):
    """C = value_fn(Z, Y) with ∂C/∂Z = (link(Z) − Y)/B: the canonical-pair shortcut."""
    Y = np.asarray(Y, dtype=np.float64)
    if Z.ndim != 2 or Y.shape != Z.shape:
        raise ValueError(f"logits and targets must both be (B, K) arrays, got {Z.shape} and {Y.shape}")
    B = Z.shape[0]
    residual = (link(Z.value) - Y) / B  # (Ŷ − Y)/B
    if isinstance(Z, Dual):
        return Dual(value_fn(Z.value, Y), np.sum(residual * Z.tangent))
    return Tensor(value_fn(Z.value, Y), (Z,), lambda g: (g * residual,))


def softmax_cross_entropy(Z, Y):
    """Mean cross-entropy of softmax(Z) against one-hot rows Y, from the logits Z (stable)."""
    return _fused_loss(Z, Y, cross_entropy.from_logits, act.softmax)


def sigmoid_binary_cross_entropy(Z, Y):
    """Mean binary cross-entropy of σ(Z) against Y ∈ [0, 1], from the logits Z (stable)."""
    return _fused_loss(Z, Y, binary_cross_entropy.from_logits, act.sigmoid)


def squared_error(Y_hat, Y):
    """C = (1/B) Σₙ ½‖ŷₙ − yₙ‖², built from elementary operations."""
    diff = Y_hat - np.asarray(Y, dtype=np.float64)
    return (diff * diff).sum() * (0.5 / Y_hat.shape[0])


# ------------------------------------------------------------- derivatives
def grad(f, *args):
    """Reverse mode: the scalar f(*args) and its gradient with respect to each argument."""
    inputs = [Tensor(a) for a in args]
    out = f(*inputs)
    out.backward()
    return float(out.value), [t.grad for t in inputs]


def jvp(f, args, tangents):
    """Forward mode: f(*args) and its directional derivative along ``tangents``."""
    out = f(*[Dual(a, v) for a, v in zip(args, tangents)])
    return out.value, out.tangent


def jacobian_forward(f, x):
    """The m×n Jacobian of f: ℝⁿ → ℝᵐ, one forward pass per input direction eⱼ.

    Returns ``(J, passes)`` with ``passes == n``.
    """
    x = np.asarray(x, dtype=np.float64)
    columns = [jvp(f, [x], [e])[1] for e in np.eye(x.size)]
    return np.stack(columns, axis=1), x.size


def jacobian_reverse(f, x):
    """The m×n Jacobian of f: ℝⁿ → ℝᵐ, one backward pass per output direction eᵢ.

    The forward pass that builds the graph is done once. Returns ``(J, passes)``
    with ``passes == m``.
    """
    t = Tensor(x)
    out = f(t)
    rows = []
    for e in np.eye(out.value.size):
        out.backward(seed=e.reshape(out.shape))
        rows.append(t.grad.copy())
    return np.stack(rows, axis=0), out.value.size


# --------------------------------------------------------- an MLP on the graph
def network_cost(net, X, y, weights, biases):
    """Build C for ``net``'s architecture with the given weights and biases.

    ``weights`` and ``biases`` are lists of :class:`Tensor` (reverse mode) or of
    :class:`Dual` (forward mode). Canonical pairs use the stable fused losses, exactly as
    :meth:`mlp.Network.cost_from_cache` does.
    """
    X = net.check_inputs(X)
    Y = net.check_targets(y, len(X))
    A = X
    for l, (W, b) in enumerate(zip(weights, biases), start=1):
        Z = A @ W.T + b  # Z⁽ˡ⁾ = A⁽ˡ⁻¹⁾ W⁽ˡ⁾ᵀ + b⁽ˡ⁾ᵀ
        if l < net.n_layers:
            A = _apply(net.hidden[l - 1].name, Z)
    output, loss = net.output.name, net.loss_fn.name
    if net.canonical and loss == "cross_entropy":
        return softmax_cross_entropy(Z, Y)
    if net.canonical and loss == "binary_cross_entropy":
        return sigmoid_binary_cross_entropy(Z, Y)
    if loss == "squared_error":
        return squared_error(_apply(output, Z), Y)
    raise ValueError(f"network_cost supports canonical pairs and squared error, not {output} + {loss}")


def _apply(name: str, Z):
    if name == "identity":
        return Z
    if name == "softmax":
        return Z.softmax()
    if name not in ELEMENTWISE:
        raise ValueError(f"autodiff has no activation {name!r}; use one of {sorted(ELEMENTWISE)}")
    return Z._elementwise(name)


def network_gradients(net, X, y):
    """Reverse mode on the network's graph: the cost and ∂C/∂W⁽ˡ⁾, ∂C/∂b⁽ˡ⁾ as lists."""
    Ws = [Tensor(W, name=f"W{l}") for l, W in enumerate(net.weights, start=1)]
    bs = [Tensor(b, name=f"b{l}") for l, b in enumerate(net.biases, start=1)]
    cost = network_cost(net, X, y, Ws, bs)
    cost.backward()
    return float(cost.value), [W.grad for W in Ws], [b.grad for b in bs]


def network_directional_derivative(net, X, y, v):
    """Forward mode: ∇_θC · v for a flat direction v ordered like ``net.get_params()``."""
    v = np.asarray(v, dtype=np.float64)
    if v.shape != (net.n_params,):
        raise ValueError(f"v must have shape ({net.n_params},), got {v.shape}")
    duals, i = [], 0
    for p in (q for pair in zip(net.weights, net.biases) for q in pair):
        duals.append(Dual(p, v[i : i + p.size].reshape(p.shape)))
        i += p.size
    cost = network_cost(net, X, y, duals[0::2], duals[1::2])
    return float(cost.value), float(cost.tangent)
