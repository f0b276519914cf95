"""Auto-checked exercises of chapter 1 (from neurons to threshold units).

* :data:`check_mp_output` — the output of a McCulloch–Pitts unit with absolute
  inhibition, for rows of binary inputs.
* :data:`check_xor_network` — XOR built from McCulloch–Pitts units.
* :data:`check_is_threshold_function` — decide whether a single threshold unit
  ŷ = step(w·x + b) computes a given Boolean function of two inputs.

Usage in a notebook::

    from mlp.exercises import ch01
    ch01.check_mp_output(mp_output)
    ch01.check_xor_network(xor_network)
    ch01.check_is_threshold_function(is_threshold_function)
"""

from __future__ import annotations

import itertools

import numpy as np

from .checker import Case, Checker, Mistake

__all__ = [
    "mp_output_reference",
    "xor_network_reference",
    "is_threshold_function_reference",
    "check_mp_output",
    "check_xor_network",
    "check_is_threshold_function",
]


def _patterns(n: int) -> np.ndarray:
    """All 2**n binary patterns of length n, in counting order, as rows."""
    return np.array(list(itertools.product((0, 1), repeat=n)), dtype=np.int64).reshape(2**n, n)


def mp_output_reference(x_exc, x_inh, theta) -> np.ndarray:
    """Output of a McCulloch–Pitts unit for each row: 1 iff no inhibitory input is active
    and at least ``theta`` excitatory inputs are active.

    ``x_exc`` has shape (n_examples, m) and ``x_inh`` shape (n_examples, r); either width may be 0.
    """
    x_exc, x_inh = np.asarray(x_exc), np.asarray(x_inh)
    fires = (x_exc.sum(axis=1) >= theta) & ~(x_inh.sum(axis=1) > 0)
    return fires.astype(np.int64)


def _mp_variant(kind: str):
    """A wrong version of the McCulloch–Pitts unit."""

    def wrong(x_exc, x_inh, theta):
        x_exc, x_inh = np.asarray(x_exc), np.asarray(x_inh)
        E, U = x_exc.sum(axis=1), x_inh.sum(axis=1)
        vetoed = U > 0
        if kind == "subtractive":
            out = E - U >= theta
        elif kind == "strict":
            out = (E > theta) & ~vetoed
        elif kind == "below":
            out = (E >= theta - 1) & ~vetoed
        elif kind == "no-inhibition":
            out = E >= theta
        elif kind == "all-inhibitory":
            vetoed = (U == x_inh.shape[1]) & (x_inh.shape[1] > 0)
            out = (E >= theta) & ~vetoed
        elif kind == "inverted":
            out = ~((E >= theta) & ~vetoed)
        else:  # pragma: no cover - a typo in this module
            raise ValueError(kind)
        return out.astype(np.int64)

    return wrong


_MP_MISTAKES = [
    Mistake(
        _mp_variant("strict"),
        "the unit fires when *at least* θ excitatory inputs are active: use ≥ θ, not > θ. "
        "(A step function with the convention step(0) = 0 makes the same mistake.)",
    ),
    Mistake(
        _mp_variant("below"),
        "off by one: the unit needs θ active excitatory inputs, not θ − 1.",
    ),
    Mistake(
        _mp_variant("no-inhibition"),
        "the inhibitory inputs are ignored: an active inhibitory input must silence the unit.",
    ),
    Mistake(
        _mp_variant("subtractive"),
        "that is inhibition as a weight −1 (E − U ≥ θ), a later simplification. In the "
        "McCulloch–Pitts unit inhibition is absolute: one active inhibitory input vetoes "
        "firing, however many excitatory inputs are active.",
    ),
    Mistake(
        _mp_variant("all-inhibitory"),
        "*any* active inhibitory input vetoes firing; your unit is silenced only when all "
        "of them are active.",
    ),
    Mistake(
        _mp_variant("inverted"),
        "the outputs are inverted: return 1 when the unit fires and 0 when it does not.",
    ),
]


def _mp_case(n_exc: int, n_inh: int, theta: int, description: str) -> Case:
    X = _patterns(n_exc + n_inh)
    return Case((X[:, :n_exc], X[:, n_exc:], theta), description)


check_mp_output = Checker(
    "mp_output(x_exc, x_inh, theta)",
    mp_output_reference,
    [
        _mp_case(2, 0, 2, "AND: two excitatory inputs, θ = 2"),
        _mp_case(2, 0, 1, "OR: two excitatory inputs, θ = 1"),
        _mp_case(0, 1, 0, "NOT: one inhibitory input, θ = 0"),
        _mp_case(1, 1, 1, "x₁ AND NOT x₂: one excitatory, one inhibitory input, θ = 1"),
        _mp_case(3, 1, 1, "three excitatory inputs, one inhibitory, θ = 1"),
        _mp_case(2, 2, 1, "two excitatory inputs, two inhibitory, θ = 1"),
        _mp_case(4, 1, 3, "four excitatory inputs, one inhibitory, θ = 3"),
    ],
    mistakes=_MP_MISTAKES,
    rtol=0.0,
    atol=1e-9,
    bool_as_number=True,
    may_modify=False,
)


# --------------------------------------------------------------------------- XOR from M–P units


def xor_network_reference(X) -> np.ndarray:
    """XOR of the two columns of ``X``, one output per row."""
    X = np.asarray(X)
    return (X[:, 0] != X[:, 1]).astype(np.int64)


def _table_fn(table):
    """The Boolean function of two inputs with outputs ``table`` on 00, 01, 10, 11."""
    table = np.asarray(table, dtype=np.int64)

    def fn(X):
        X = np.asarray(X)
        return table[2 * X[:, 0] + X[:, 1]]

    return fn


_XOR_MISTAKES = [
    Mistake(
        _table_fn([0, 1, 1, 1]),
        "your network computes OR: it fires on (1, 1) too. Each hidden unit needs an "
        "inhibitory input from the *other* variable (x₁ AND NOT x₂, x₂ AND NOT x₁).",
    ),
    Mistake(
        _table_fn([1, 0, 0, 1]),
        "the outputs are inverted (that is XNOR, 'equal'): XOR is 1 when the inputs differ.",
    ),
    Mistake(
        _table_fn([0, 0, 1, 0]),
        "only x₁ AND NOT x₂ is computed; XOR also fires on (0, 1): take the OR of both "
        "hidden units in a second layer.",
    ),
    Mistake(
        _table_fn([0, 1, 0, 0]),
        "only x₂ AND NOT x₁ is computed; XOR also fires on (1, 0): take the OR of both "
        "hidden units in a second layer.",
    ),
    Mistake(
        _table_fn([0, 0, 0, 1]),
        "your network computes AND. XOR fires when exactly one input is active.",
    ),
    Mistake(
        _table_fn([1, 1, 1, 0]),
        "your network computes NAND: it fires on (0, 0), where XOR is 0.",
    ),
    Mistake(
        _table_fn([0, 0, 0, 0]),
        "the network never fires: check the thresholds (an OR unit has θ = 1) and which "
        "inputs are inhibitory.",
    ),
]

check_xor_network = Checker(
    "xor_network(X)",
    xor_network_reference,
    [
        Case((_patterns(2),), "the four patterns 00, 01, 10, 11"),
        Case((_patterns(2)[::-1].copy(),), "the four patterns in reverse order"),
        Case((np.array([[1, 0]]),), "a single row"),
        Case((_patterns(2)[[3, 1, 1, 0, 2, 3, 0, 2]],), "eight rows with repeats"),
    ],
    mistakes=_XOR_MISTAKES,
    rtol=0.0,
    atol=1e-9,
    bool_as_number=True,
    may_modify=False,
)


# --------------------------------------------------------------------------- threshold functions

#: The two Boolean functions of two inputs that no single threshold unit computes.
_XOR, _XNOR = (0, 1, 1, 0), (1, 0, 0, 1)


def is_threshold_function_reference(table) -> bool:
    """True iff some threshold unit step(w₁x₁ + w₂x₂ + b) has outputs ``table`` on 00, 01, 10, 11.

    Of the 16 Boolean functions of two inputs, exactly XOR and XNOR are not.
    """
    return tuple(int(v) for v in np.asarray(table).ravel()) not in (_XOR, _XNOR)


def _brute_force(weights, biases):
    """Search w ∈ weights², b ∈ biases for a threshold unit with the given truth table."""
    X = _patterns(2)

    def search(table):
        table = np.asarray(table).ravel()
        for w1, w2, b in itertools.product(weights, weights, biases):
            if np.array_equal((X @ np.array([w1, w2]) + b >= 0).astype(int), table):
                return True
        return False

    return search


def _is_monotone(table) -> bool:
    t = np.asarray(table).ravel()
    return bool(t[0] <= t[1] <= t[3] and t[0] <= t[2] <= t[3])


_THRESHOLD_MISTAKES = [
    Mistake(
        lambda table: tuple(int(v) for v in np.asarray(table).ravel()) != _XOR,
        "XNOR (1, 0, 0, 1), the negation of XOR, is not a threshold function either: "
        "if step(w·x + b) computed it, step(−w·x − b − ε) for a small ε > 0 would compute XOR.",
    ),
    Mistake(
        lambda table: True,
        "not every Boolean function is a threshold function: for XOR the four conditions "
        "b < 0, w₂ + b ≥ 0, w₁ + b ≥ 0, w₁ + w₂ + b < 0 contradict each other.",
    ),
    Mistake(
        lambda table: _is_monotone(table),
        "the weights of a threshold unit may be negative (inhibition as a negative weight): "
        "NOT x₁, NAND and NOR are threshold functions, e.g. NAND = step(−x₁ − x₂ + 1.5).",
    ),
    Mistake(
        lambda table: is_threshold_function_reference(table) and len(set(np.ravel(table))) > 1,
        "the constant functions are threshold functions too: w = 0 with b ≥ 0 (always 1) "
        "or b < 0 (always 0).",
    ),
    Mistake(
        _brute_force((-1, 0, 1), (-1, 0, 1)),
        "a brute-force search over too small a range misses some functions: AND needs "
        "step(x₁ + x₂ − 2) (or b = −1.5), outside b ∈ {−1, 0, 1}. Widen the search for b.",
    ),
    Mistake(
        lambda table: not is_threshold_function_reference(table),
        "the answers are inverted: return True when a threshold unit computes the table.",
    ),
]

_TABLES = [
    ((0, 1, 1, 1), "OR"),
    ((0, 0, 0, 1), "AND"),
    ((0, 1, 1, 0), "XOR"),
    ((1, 1, 1, 0), "NAND"),
    ((0, 0, 0, 0), "constant 0"),
    ((1, 0, 0, 1), "XNOR"),
    ((0, 0, 1, 0), "x₁ AND NOT x₂"),
    ((1, 0, 0, 0), "NOR"),
    ((1, 1, 1, 1), "constant 1"),
    ((0, 0, 1, 1), "x₁"),
    ((1, 1, 0, 0), "NOT x₁"),
    ((0, 1, 0, 1), "x₂"),
    ((1, 0, 1, 0), "NOT x₂"),
    ((0, 1, 0, 0), "x₂ AND NOT x₁"),
    ((1, 1, 0, 1), "x₁ implies x₂"),
    ((1, 0, 1, 1), "x₂ implies x₁"),
]

check_is_threshold_function = Checker(
    "is_threshold_function(table)",
    is_threshold_function_reference,
    [Case((np.array(table),), f"{name}, table {table}") for table, name in _TABLES],
    mistakes=_THRESHOLD_MISTAKES,
    rtol=0.0,
    atol=1e-9,
    may_modify=False,
)
