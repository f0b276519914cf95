"""Chapter 8 checkers: the reference passes, stubs, known mistakes and crashes fail."""

import numpy as np
import pytest

from mlp.exercises import ch08


def test_matmul_reference_passes():
    result = ch08.check_matmul_vjp(lambda A, W, Zb: (Zb @ W, Zb.T @ A))
    assert result and "all 3 cases pass" in str(result)


def test_matmul_via_einsum_passes():
    result = ch08.check_matmul_vjp(
        lambda A, W, Zb: (np.einsum("bo,oi->bi", Zb, W), np.einsum("bo,bi->oi", Zb, A))
    )
    assert result


@pytest.mark.parametrize(
    "wrong, hint",
    [
        (lambda A, W, Zb: (Zb @ W, A.T @ Zb), "adjoint of Wᵀ"),
        (lambda A, W, Zb: (Zb @ W.T, Zb.T @ A), "not Z_bar @ W.T"),
        (lambda A, W, Zb: (Zb @ W.T, A.T @ Zb), "both transposes"),
        (lambda A, W, Zb: (Zb @ W / len(A), Zb.T @ A / len(A)), "no 1/B"),
        (lambda A, W, Zb: (Zb.T @ A, Zb @ W), "swapped"),
    ],
)
def test_matmul_mistakes_get_their_hint(wrong, hint):
    result = ch08.check_matmul_vjp(wrong)
    assert not result and "case 1" in result.message and hint in result.message


def test_matmul_shape_error_in_later_case_is_named():
    def right_only_on_square(A, W, Zb):
        return (Zb @ W, Zb.T @ A) if len(A) == 3 else (Zb @ W, A.T @ Zb)

    result = ch08.check_matmul_vjp(right_only_on_square)
    assert not result and "returned shape (3, 2), expected shape (2, 3)" in result.message
    assert "adjoint of Wᵀ" in result.message


def test_bias_reference_passes():
    assert ch08.check_bias_vjp(lambda Zb: Zb.sum(axis=0))
    assert ch08.check_bias_vjp(lambda Zb: np.ones(len(Zb)) @ Zb)


@pytest.mark.parametrize(
    "wrong, hint",
    [
        (lambda Zb: Zb, "SUM of its adjoints"),
        (lambda Zb: Zb.mean(axis=0), "sum, do not average"),
        (lambda Zb: Zb.sum(axis=1), "not over the units"),
        (lambda Zb: Zb.sum(axis=0, keepdims=True), "drop keepdims"),
        (lambda Zb: Zb.sum(), "is a vector"),
    ],
)
def test_bias_mistakes_get_their_hint(wrong, hint):
    result = ch08.check_bias_vjp(wrong)
    assert not result and hint in result.message


def _kahn(parents, root):
    """A different valid answer: Kahn's algorithm on the nodes the root depends on."""
    needed, stack = {root}, [root]
    while stack:
        for p in parents[stack.pop()]:
            if p not in needed:
                needed.add(p)
                stack.append(p)
    waiting = {n: len(set(parents[n])) for n in needed}
    ready = sorted(n for n in needed if waiting[n] == 0)
    order = []
    while ready:
        node = ready.pop()
        order.append(node)
        for n in sorted(needed):
            if node in parents[n]:
                waiting[n] -= 1
                if waiting[n] == 0:
                    ready.append(n)
    return order


def test_topological_order_reference_and_other_valid_orders_pass():
    assert ch08.check_topological_order(ch08._topological_order)
    assert ch08.check_topological_order(_kahn)


@pytest.mark.parametrize(
    "wrong, hint",
    [
        (lambda p, r: ch08._topological_order(p, r)[::-1], "the order backward() walks"),
        (ch08._pre_order, "DFS pre-order"),
        (lambda p, r: sorted(p), "not every node"),
        (ch08._no_visited_set, "appears twice"),
    ],
)
def test_topological_order_mistakes_get_their_hint(wrong, hint):
    result = ch08.check_topological_order(wrong)
    assert not result and hint in result.message


def test_recursive_solution_is_reported_on_the_long_chain():
    def recursive(parents, root, order=None, seen=None):
        order, seen = ([], set()) if order is None else (order, seen)
        seen.add(root)
        for p in parents[root]:
            if p not in seen:
                recursive(parents, p, order, seen)
        order.append(root)
        return order

    result = ch08.check_topological_order(recursive)
    assert not result and "RecursionError" in result.message and "case 4" in result.message


@pytest.mark.parametrize(
    "check", [ch08.check_matmul_vjp, ch08.check_bias_vjp, ch08.check_topological_order]
)
def test_stub_and_exception_are_reported(check):
    def stub(*args): ...

    def broken(*args):
        raise KeyError("oops")

    assert "still a stub" in check(stub).message
    result = check(broken)
    assert not result and "raised an exception" in result.message and "KeyError" in result.message


def test_non_callable_is_reported():
    assert "expected a function" in ch08.check_topological_order([0, 1]).message


# ----------------------------------------------------------------------------- issue 8


def _kahn_consuming(parents, root):
    """A correct order (Kahn's algorithm, newest ready node first) that empties the caller's graph."""
    needed, stack = set(), [root]
    while stack:
        n = stack.pop()
        if n not in needed:
            needed.add(n)
            stack.extend(parents[n])
    for n in list(parents):
        if n not in needed:
            del parents[n]
    users = {n: [] for n in parents}
    for n, ps in parents.items():
        for p in ps:
            users[p].append(n)
    ready = sorted(n for n, ps in parents.items() if not ps)
    order = []
    while ready:
        n = ready.pop()
        order.append(n)
        del parents[n]
        for u in users[n]:
            parents[u].remove(n)
            if not parents[u]:
                ready.append(u)
    return order


def test_a_correct_order_that_consumes_the_graph_passes():
    graph = {k: list(v) for k, v in ch08._DIAMOND.items()}
    assert _kahn_consuming(graph, 3) == [0, 2, 1, 3] and graph == {}  # another valid order; graph used up
    result = ch08.check_topological_order(_kahn_consuming)
    assert result, result.message


@pytest.mark.parametrize(
    "convert, shown", [(float, "1.0"), (str, "'1'"), (lambda n: bool(n) if n in (0, 1) else n, "True")]
)
def test_node_ids_must_be_integers(convert, shown):
    result = ch08.check_topological_order(lambda p, r: [convert(n) for n in ch08._topological_order(p, r)])
    assert not result and "nodes are the integer keys" in result.message


def test_numpy_integer_node_ids_pass():
    assert ch08.check_topological_order(lambda p, r: np.array(ch08._topological_order(p, r)))


def test_matmul_vjp_changing_z_bar_fails():
    def scales_z_bar(A, W, Zb):
        out = (Zb @ W, Zb.T @ A)
        Zb *= 0
        return out

    result = ch08.check_matmul_vjp(scales_z_bar)
    assert not result and "changed its argument `Z_bar`" in result.message
