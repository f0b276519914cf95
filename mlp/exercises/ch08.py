"""Auto-checked exercises of chapter 8 (backpropagation as reverse-mode AD).

* :func:`check_matmul_vjp`        ``matmul_vjp(A, W, Z_bar) -> (A_bar, W_bar)`` for Z = A Wᵀ
* :func:`check_bias_vjp`          ``bias_vjp(Z_bar) -> b_bar`` for Z = A Wᵀ + 𝟏bᵀ
* :func:`check_topological_order` ``topological_order(parents, root) -> list of nodes``
"""

from __future__ import annotations

import numbers

import numpy as np

from .checker import Case, Checker, Mistake, Reject

__all__ = ["check_matmul_vjp", "check_bias_vjp", "check_topological_order"]

_rng = np.random.default_rng(8)


def _matmul_case(B: int, d_in: int, d_out: int, description: str) -> Case:
    return Case(
        (_rng.normal(size=(B, d_in)), _rng.normal(size=(d_out, d_in)), _rng.normal(size=(B, d_out))),
        description,
    )


# ------------------------------------------------------------ matmul VJP
def _matmul_vjp(A, W, Z_bar):
    return Z_bar @ W, Z_bar.T @ A


_matmul_checker = Checker(
    "matmul_vjp(A, W, Z_bar)",
    _matmul_vjp,
    [
        _matmul_case(3, 3, 3, "square matrices, B = d_in = d_out = 3"),
        _matmul_case(4, 3, 2, "B = 4 examples, W of shape (2, 3)"),
        _matmul_case(1, 5, 1, "one example, one output unit"),
    ],
    mistakes=[
        Mistake(lambda A, W, Zb: (Zb @ W, A.T @ Zb),
                "A.T @ Z_bar is the adjoint of Wᵀ, shape (in, out); W_bar = Z_bar.T @ A has W's shape "
                "(out, in)."),
        Mistake(lambda A, W, Zb: (Zb @ W.T, Zb.T @ A),
                "Z = A Wᵀ, so Z_bar reaches A through Wᵀ transposed back: A_bar = Z_bar @ W, "
                "not Z_bar @ W.T."),
        Mistake(lambda A, W, Zb: (Zb @ W.T, A.T @ Zb),
                "both transposes are the wrong way round: A_bar = Z_bar @ W and W_bar = Z_bar.T @ A "
                "(each adjoint has the shape of its variable)."),
        Mistake(lambda A, W, Zb: (Zb @ W / len(A), Zb.T @ A / len(A)),
                "no 1/B here: a VJP only passes the adjoint on; the mean's 1/B is already inside Z_bar."),
        Mistake(lambda A, W, Zb: (Zb @ W, Zb.T @ A)[::-1],
                "the pair is swapped: return (A_bar, W_bar)."),
    ],
    may_modify=False,
)


def check_matmul_vjp(matmul_vjp):
    """Check ``matmul_vjp(A, W, Z_bar)``, which returns (Ā, W̄) for Z = A Wᵀ given Z̄."""
    return _matmul_checker(matmul_vjp)


# ------------------------------------------------------------ bias VJP
def _bias_vjp(Z_bar):
    return Z_bar.sum(axis=0)


_bias_checker = Checker(
    "bias_vjp(Z_bar)",
    _bias_vjp,
    [
        Case((_rng.normal(size=(4, 3)),), "B = 4 examples, d_out = 3 units"),
        Case((_rng.normal(size=(1, 2)),), "a single example"),
        Case((_rng.normal(size=(3, 3)),), "square Z_bar, B = d_out = 3"),
    ],
    mistakes=[
        Mistake(lambda Zb: Zb,
                "b was copied into each of the B rows; a node used in several places gets the SUM of "
                "its adjoints, so add up the rows of Z_bar (b_bar has shape (d_out,))."),
        Mistake(lambda Zb: Zb.mean(axis=0),
                "sum, do not average: each row uses b once and contributes its whole adjoint "
                "(the cost's 1/B is already inside Z_bar)."),
        Mistake(lambda Zb: Zb.sum(axis=1),
                "sum over the examples (axis 0, the rows), not over the units: b_bar has one entry "
                "per unit."),
        Mistake(lambda Zb: Zb.sum(axis=0, keepdims=True),
                "return a 1-D vector of shape (d_out,), like b itself (drop keepdims)."),
        Mistake(lambda Zb: Zb.sum(),
                "sum over the examples only (axis 0): b_bar is a vector with one entry per unit."),
    ],
    may_modify=False,
)


def check_bias_vjp(bias_vjp):
    """Check ``bias_vjp(Z_bar)``, which returns b̄ for Z = A Wᵀ + 𝟏bᵀ given Z̄."""
    return _bias_checker(bias_vjp)


# ------------------------------------------------------------ topological order
def _reachable(parents: dict, root: int) -> set:
    seen, stack = {root}, [root]
    while stack:
        for p in parents.get(stack.pop(), []):
            if p not in seen:
                seen.add(p)
                stack.append(p)
    return seen


def _topological_order(parents, root):
    """Iterative DFS post-order: a node is listed once all its parents are."""
    order, seen, stack = [], set(), [(root, False)]
    while stack:
        node, done = stack.pop()
        if done:
            order.append(node)
        elif node not in seen:
            seen.add(node)
            stack.append((node, True))
            stack.extend((p, False) for p in reversed(parents.get(node, [])) if p not in seen)
    return order


def _pre_order(parents, root):
    order, seen, stack = [], set(), [root]
    while stack:
        node = stack.pop()
        if node not in seen:
            seen.add(node)
            order.append(node)
            stack.extend(reversed(parents.get(node, [])))
    return order


def _no_visited_set(parents, root):
    order = []

    def visit(node):
        for p in parents.get(node, []):
            visit(p)
        order.append(node)

    visit(root)
    return order


def _chain(n: int) -> dict:
    return {i: [i - 1] for i in range(1, n)} | {0: []}


_DIAMOND = {0: [], 1: [0], 2: [0], 3: [1, 2]}
# x=0, w=1; u=2 uses x,w; v=3 uses u; s=4 uses u,v; unused node 5; C=6 uses s,x
_SHARED = {0: [], 1: [], 2: [0, 1], 3: [2], 4: [2, 3], 5: [1], 6: [4, 0]}

def _topo_reference(parents, root):
    return np.array(_topological_order(parents, root), dtype=np.int64)


def _canonical(order, parents, root):
    """Map any valid order to the reference order; pass an invalid one on as an array.

    Many orders are correct; the checker compares arrays, so a valid answer is mapped to
    the one the reference gives. ``parents`` is the graph as it was before the student's
    function ran, so a solution that consumes its input graph is judged fairly. Node ids
    must be integers (1.0, "1" or True are not node 1).
    """
    if isinstance(order, (str, bytes, dict)) or not hasattr(order, "__iter__"):
        return order
    nodes = list(order)
    for node in nodes:
        if isinstance(node, (bool, np.bool_)) or not isinstance(node, numbers.Integral):
            raise Reject(
                f"returned the node {node!r} ({type(node).__name__}), but nodes are the integer keys "
                "of `parents`: list them as they are, without converting them"
            )
    nodes = [int(n) for n in nodes]
    position = {n: i for i, n in enumerate(nodes)}
    valid = (
        len(nodes) == len(position)
        and set(nodes) == _reachable(parents, root)
        and all(position[p] < position[n] for n in nodes for p in parents.get(n, []))
    )
    return _topo_reference(parents, root) if valid else np.array(nodes, dtype=np.int64)


_topo_checker = Checker(
    "topological_order(parents, root)",
    _topo_reference,
    [
        Case((_DIAMOND, 3), "a diamond: 1 and 2 both use 0, and 3 uses 1 and 2"),
        Case((_chain(4), 3), "a chain 0 -> 1 -> 2 -> 3"),
        Case((_SHARED, 6), "shared nodes, and node 5 that the root does not depend on"),
        Case((_chain(3000), 2999), "a chain of 3000 nodes (a recursive search hits Python's limit)"),
    ],
    mistakes=[
        Mistake(lambda p, r: _topological_order(p, r)[::-1],
                "this is the order backward() walks (root first); return the reverse, parents first."),
        Mistake(_pre_order,
                "a node is listed before its parents (DFS pre-order): append a node only after all of "
                "its parents are listed (post-order)."),
        Mistake(lambda p, r: sorted(p),
                "list only the nodes the root depends on (and the root itself), not every node."),
        Mistake(_no_visited_set,
                "a node reached along two paths appears twice: keep a set of visited nodes, so each "
                "node is listed (and its adjoint finished) exactly once."),
    ],
    may_modify=True,  # the exercise does not forbid consuming the graph
    time_limit=20.0,  # a correct but quadratic search on the chain of 3000 nodes may take seconds
    normalize=_canonical,
)


def check_topological_order(topological_order):
    """Check ``topological_order(parents, root)``: any order that lists each node the root
    depends on exactly once, after all of its parents, passes."""
    return _topo_checker(topological_order)
