"""The checker mechanism: passes the solution, fails stubs, wrong answers and crashes."""

import numpy as np
import pytest

from mlp.exercises import Case, Checker, Mistake


def square_error_grad(y_hat, y):  # d/dŷ (y − ŷ)²
    return -2 * (y - y_hat)


checker = Checker(
    "grad(y_hat, y)",
    square_error_grad,
    [Case((1.0, 0.0), "scalars"), Case((np.array([1.0, 2.0]), np.array([0.5, 3.0])), "vectors")],
    mistakes=[Mistake(lambda y_hat, y: -(y - y_hat), "the square brings down a factor 2")],
)


def test_correct_answer_passes():
    result = checker(square_error_grad)
    assert result and "all 2 cases pass" in str(result)


def test_stub_fails_with_stub_message():
    def stub(y_hat, y): ...

    result = checker(stub)
    assert not result and "still a stub" in result.message


def test_known_mistake_gets_its_hint():
    result = checker(lambda y_hat, y: y_hat - y)
    assert not result
    assert "case 1 (scalars)" in result.message and "factor 2" in result.message


def test_unknown_wrong_answer_gets_values_but_no_hint():
    result = checker(lambda y_hat, y: 3 * (y_hat - y))
    assert not result and "expected" in result.message and "hint" not in result.message


def test_exception_is_reported_not_raised():
    def broken(y_hat, y):
        raise ZeroDivisionError("oops")

    result = checker(broken)
    assert not result and "ZeroDivisionError: oops" in result.message


def test_wrong_shape_is_named():
    result = checker(lambda y_hat, y: np.atleast_1d(square_error_grad(y_hat, y))[:1])
    assert not result and "returned shape (1,), expected shape ()" in result.message


def test_inputs_are_not_shared_with_the_student():
    def mutating(y_hat, y):
        if isinstance(y_hat, np.ndarray):
            y_hat[...] = 0
        return square_error_grad(y_hat, y)

    assert not checker(mutating)  # it returns wrong values for its own mutated input...
    assert checker(square_error_grad)  # ...and the checker's cases are unharmed


def test_not_a_function():
    assert "expected a function" in checker(3).message


def test_needs_cases():
    with pytest.raises(ValueError, match="at least one case"):
        Checker("f", abs, [])


def softmax_rows(Z):
    E = np.exp(Z - Z.max(axis=1, keepdims=True))
    return E / E.sum(axis=1, keepdims=True)


def naive_softmax_rows(Z):
    with np.errstate(over="ignore", invalid="ignore"):
        return np.exp(Z) / np.exp(Z).sum(axis=1, keepdims=True)


softmax_checker = Checker(
    "softmax(Z)",
    softmax_rows,
    [Case((np.array([[0.0, 1.0]]),), "small"), Case((np.array([[1000.0, 0.0], [0.0, 1.0]]),), "large")],
    mistakes=[Mistake(naive_softmax_rows, "subtract the maximum first")],
)


def test_a_list_answer_counts_as_the_one_array_the_reference_returns():
    result = softmax_checker(lambda Z: softmax_rows(Z).tolist())
    assert result, result.message


def test_an_overflowing_answer_gets_the_hint_of_the_mistake_that_overflows_alike():
    def overflows_to_inf(Z):  # inf where the naive mistake has NaN: the same overflow
        out = naive_softmax_rows(Z)
        return np.where(np.isnan(out), np.inf, out)

    result = softmax_checker(overflows_to_inf)
    assert not result and "case 2 (large)" in result.message
    assert "returned NaN or inf" in result.message and "maximum first" in result.message


def test_a_nan_answer_matching_no_mistake_gets_no_hint():
    result = softmax_checker(lambda Z: np.full(Z.shape, np.nan))
    assert not result and "case 1 (small)" in result.message and "hint" not in result.message


# ----------------------------------------------------------------------------- every checker of chapters 1-8

import signal  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
import warnings  # noqa: E402

from mlp.exercises import Reject, ch01, ch02, ch03, ch04, ch05, ch06, ch07, ch08, ch09, ch10, ch11, ch14  # noqa: E402

#: (checker, a correct student function) for every auto-checked exercise of chapters 1-8
ALL_CHECKERS = {
    "ch01.mp_output": (ch01.check_mp_output, ch01.mp_output_reference),
    "ch01.xor_network": (ch01.check_xor_network, ch01.xor_network_reference),
    "ch01.is_threshold_function": (ch01.check_is_threshold_function, ch01.is_threshold_function_reference),
    "ch02.perceptron_epoch": (ch02.check_perceptron_epoch, ch02.perceptron_epoch_reference),
    "ch02.lms_step": (ch02.check_lms_step, ch02.lms_step_reference),
    "ch03.stable_softmax": (ch03.check_stable_softmax, ch03.stable_softmax_reference),
    "ch03.leaky_relu_prime": (ch03.check_leaky_relu_prime, ch03.leaky_relu_prime_reference),
    "ch04.logistic_gradient": (ch04.check_logistic_gradient, ch04.logistic_gradient_reference),
    "ch04.softmax_cross_entropy": (ch04.check_softmax_cross_entropy, ch04.softmax_cross_entropy_reference),
    "ch05.linreg_gradient": (ch05.check_linreg_gradient, ch05.linreg_gradient_reference),
    "ch05.sgd_epoch": (ch05.check_sgd_epoch, ch05.sgd_epoch_reference),
    "ch06.tiny_gradient": (ch06.check_tiny_gradient, ch06.tiny_gradient_reference),
    "ch06.count_paths": (ch06.check_count_paths, ch06.count_paths_reference),
    "ch07.output_delta": (ch07.check_output_delta, ch07._output_delta),
    "ch07.backward": (ch07.check_backward, ch07._backward),
    "ch07.sgd_step": (ch07.check_sgd_step, ch07._sgd_step),
    "ch08.matmul_vjp": (ch08.check_matmul_vjp, ch08._matmul_vjp),
    "ch08.bias_vjp": (ch08.check_bias_vjp, ch08._bias_vjp),
    "ch08.topological_order": (ch08.check_topological_order, ch08._topological_order),
    "ch09.tiny_gradient": (ch09.check_tiny_gradient, ch09.tiny_gradient_reference),
    "ch09.momentum_path": (ch09.check_momentum_path, ch09.momentum_path_reference),
    "ch10.eigen_signs": (ch10.check_eigen_signs, ch10.eigen_signs_reference),
    "ch10.hvp": (ch10.check_hvp, ch10.hvp_reference),
    "ch11.relu_variances": (ch11.check_relu_variances, ch11.relu_variances_reference),
    "ch11.init_std": (ch11.check_init_std, ch11.init_std_reference),
    "ch14.interpolant_at": (ch14.check_interpolant_at, ch14.relu_interpolant_reference),
    "ch14.tent_power": (ch14.check_tent_power, ch14.tent_power_reference),
}


def _map_leaves(value, fn):
    """Apply ``fn`` to every array and number inside nested tuples and lists."""
    if isinstance(value, (tuple, list)):
        return type(value)(_map_leaves(v, fn) for v in value)
    return fn(value)


def _as_strings(v):
    return np.asarray(v).astype(str) if isinstance(v, np.ndarray) else str(v)


def _as_complex(v):
    return np.asarray(v).astype(complex) if isinstance(v, np.ndarray) else complex(v)


@pytest.mark.parametrize("name", ALL_CHECKERS)
def test_every_reference_passes(name):
    check, reference = ALL_CHECKERS[name]
    result = check(reference)
    assert result, result.message


@pytest.mark.parametrize("kind, convert", [("strings", _as_strings), ("complex", _as_complex)])
@pytest.mark.parametrize("name", ALL_CHECKERS)
def test_right_numbers_of_the_wrong_type_fail_every_checker(name, kind, convert):
    """'0.5' and 0.5+0j are not 0.5: numeric strings and complex answers are refused (issue 8, class 6)."""
    check, reference = ALL_CHECKERS[name]

    def student(*args):
        return _map_leaves(reference(*args), convert)

    with warnings.catch_warnings():  # as in a notebook, where NumPy's ComplexWarning is only shown
        warnings.simplefilter("ignore", np.exceptions.ComplexWarning)
        result = check(student)
    assert not result, f"{name} accepted {kind}"
    words = {"strings": ("string", "text", "node '"), "complex": ("complex", "node (")}[kind]
    assert any(w in result.message for w in words), result.message
    assert "hint" not in result.message  # right values of the wrong type: no mistake's hint


@pytest.mark.parametrize("name", ALL_CHECKERS)
def test_every_checker_works_under_numpy_raise(name):
    """np.seterr(all='raise') in the notebook changes nothing (issue 8, class 7)."""
    check, reference = ALL_CHECKERS[name]
    old = np.seterr(all="raise")
    try:
        result = check(reference)
        wrong = check(lambda *args: _map_leaves(reference(*args), lambda v: np.asarray(v) * np.inf))
    finally:
        np.seterr(**old)
    assert result, result.message
    assert not wrong and "✗" in wrong.message


def test_naive_softmax_gets_its_hint_under_numpy_raise():
    def naive(z):
        return np.exp(z) / np.sum(np.exp(z), axis=-1, keepdims=True)

    old = np.seterr(all="raise")
    try:
        with pytest.warns(RuntimeWarning):  # the student's code runs with NumPy's defaults
            result = ch03.check_stable_softmax(naive)
    finally:
        np.seterr(**old)
    assert not result and "Subtract the maximum of z first" in result.message
    assert np.geterr()["over"] == "warn"


# ----------------------------------------------------------------------------- types (class 6)


def test_a_numeric_string_is_not_a_number():
    for answer in ("-2.0", ["-2.0"], np.array("-2.0")):
        result = checker(lambda y_hat, y, a=answer: a if np.ndim(y_hat) == 0 else square_error_grad(y_hat, y))
        assert not result and ("string" in result.message or "text" in result.message), result.message


def test_complex_numbers_are_refused_even_with_zero_imaginary_part():
    with warnings.catch_warnings():  # as in a notebook, where NumPy's ComplexWarning is only shown
        warnings.simplefilter("ignore", np.exceptions.ComplexWarning)
        result = checker(lambda y_hat, y: np.asarray(square_error_grad(y_hat, y)) + 0j)
    assert not result and "complex" in result.message


def test_booleans_are_not_numbers_unless_the_checker_says_so():
    ref = lambda x: (x > 0).astype(float)  # noqa: E731
    strict = Checker("f(x)", ref, [Case((np.array([-1.0, 2.0]),))])
    lenient = Checker("f(x)", ref, [Case((np.array([-1.0, 2.0]),))], bool_as_number=True)
    assert not strict(lambda x: x > 0) and "True/False" in strict(lambda x: x > 0).message
    assert lenient(lambda x: x > 0)


def test_numbers_are_not_booleans():
    truth = Checker("is_positive(x)", lambda x: x > 0, [Case((2.0,)), Case((-1.0,))])
    assert truth(lambda x: x > 0)
    result = truth(lambda x: int(x > 0))
    assert not result and "where True or False is expected" in result.message


def test_integer_answers_are_compared_exactly_whatever_the_tolerance():
    count = Checker("n(k)", lambda k: 2**k, [Case((3,)), Case((70,))], rtol=0.1, atol=0.5)
    assert count(lambda k: 2**k) and count(lambda k: float(2**k) if k < 60 else 2**k)
    assert not count(lambda k: 2**k + 0.4)
    assert not count(lambda k: 2**k + 1 if k == 70 else 2**k)  # exact beyond 2**53


def test_objects_and_ragged_lists_are_refused():
    result = checker(lambda y_hat, y: object())
    assert not result and "not a number" in result.message
    result = softmax_checker(lambda Z: [[0.1, 0.9], [0.5]])
    assert not result and "not a number" in result.message


# ----------------------------------------------------------------------------- crashes (class 7)


def test_an_integer_too_large_for_a_float_is_reported():
    result = checker(lambda y_hat, y: 10**400)
    assert not result and "too large for a float" in result.message
    result = checker(lambda y_hat, y: [10**400])
    assert not result and "too large for a float" in result.message


def test_an_answer_that_cannot_become_an_array_is_reported():
    class Hostile:
        def __array__(self, *args, **kwargs):
            raise RuntimeError("no")

        def __repr__(self):
            raise RuntimeError("no repr either")

    result = checker(lambda y_hat, y: Hostile())
    assert not result and result.message.startswith("✗ grad(y_hat, y)")


# ----------------------------------------------------------------------------- inputs (class 8)


def _changes_its_input(y_hat, y):
    out = square_error_grad(y_hat, y)
    if isinstance(y, np.ndarray):
        y[0] = 99.0
    return out


def test_a_change_to_an_argument_is_reported_where_forbidden():
    forbid = Checker(checker.name, square_error_grad, checker.cases, may_modify=False)
    result = forbid(_changes_its_input)
    assert not result and "changed its argument `y` (at [0]) in place on case 2" in result.message


def test_a_change_to_an_argument_is_allowed_by_default_and_by_name():
    assert checker(_changes_its_input)  # default: allowed (as before)
    only_y = Checker(checker.name, square_error_grad, checker.cases, may_modify=["y"])
    only_y_hat = Checker(checker.name, square_error_grad, checker.cases, may_modify=["y_hat"])
    assert only_y(_changes_its_input) and not only_y_hat(_changes_its_input)


def test_a_wrong_answer_that_also_changes_its_input_is_told_both():
    forbid = Checker(
        checker.name, square_error_grad, checker.cases[1:], mistakes=checker.mistakes, may_modify=False
    )

    def both(y_hat, y):
        out = -(y - y_hat)
        if isinstance(y, np.ndarray):
            y[0] = 99.0
        return out

    result = forbid(both)
    assert not result and "factor 2" in result.message and "also changed its argument `y`" in result.message


def test_normalize_sees_the_inputs_as_they_were_and_can_reject():
    seen = []

    def normalize(answer, items):
        seen.append(list(items))
        if answer == "bad":
            raise Reject("returned 'bad'")
        return answer

    def consumes(items):
        total = 0
        while items:
            total += items.pop()
        return total

    check = Checker("total(items)", sum, [Case(([1, 2, 3],))], normalize=normalize)
    assert check(consumes) and seen == [[1, 2, 3]]
    result = check(lambda items: "bad")
    assert not result and result.message == "✗ total(items) on case 1: returned 'bad'."


# ----------------------------------------------------------------------------- time limit (class 9)


def endless(y_hat, y):
    while True:
        pass


def test_an_endless_loop_ends_in_a_message():
    quick = Checker(checker.name, square_error_grad, checker.cases, time_limit=0.5)
    start = time.perf_counter()
    result = quick(endless)
    assert time.perf_counter() - start < 5
    assert not result and "did not finish within 0.5 s on case 1 (scalars)" in result.message
    assert "endless loop" in result.message and "background" not in result.message
    assert quick(square_error_grad)  # and the checker still works afterwards


def test_the_time_limit_leaves_no_timer_or_handler_behind():
    handler = signal.getsignal(signal.SIGALRM)
    Checker(checker.name, square_error_grad, checker.cases, time_limit=0.3)(endless)
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) is handler


def test_a_loop_that_catches_exception_is_stopped_too():
    def stubborn(y_hat, y):
        while True:
            try:
                time.sleep(0.01)
            except Exception:
                pass

    result = Checker(checker.name, square_error_grad, checker.cases, time_limit=0.3)(stubborn)
    assert not result and "did not finish" in result.message


def test_outside_the_main_thread_the_limit_falls_back_to_a_thread():
    stop = threading.Event()

    def endless_until_the_test_ends(y_hat, y):
        while not stop.is_set():
            pass

    results = []
    quick = Checker(checker.name, square_error_grad, checker.cases, time_limit=0.5)
    caller = threading.Thread(target=lambda: results.append(quick(endless_until_the_test_ends)))
    try:
        caller.start()
        caller.join(20)
    finally:
        stop.set()
    assert results and not results[0]
    assert "did not finish within 0.5 s" in results[0].message and "background" in results[0].message


def test_the_time_limit_is_validated():
    with pytest.raises(ValueError, match="time_limit"):
        Checker("f", abs, [Case((1,))], time_limit=0)
    assert Checker("f", abs, [Case((1,))], time_limit=None)(abs)


def test_chapter_checkers_stop_an_endless_loop_with_the_default_limit():
    """In a fresh interpreter (the main thread, as in a kernel) with the default limit."""
    code = (
        "from mlp.exercises import ch07, DEFAULT_TIME_LIMIT\n"
        "def backward(weights, biases, X, Y):\n"
        "    while True:\n"
        "        pass\n"
        "print(DEFAULT_TIME_LIMIT, ch07.check_backward(backward))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "5.0 ✗ backward(weights, biases, X, Y) did not finish within 5 s on case 1" in out.stdout


def test_an_endless_loop_in_a_jupyter_kernel_ends_in_a_message():
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    source = (
        "from mlp.exercises import Case, Checker\n"
        "def f(x):\n"
        "    while True:\n"
        "        pass\n"
        "print(Checker('f(x)', abs, [Case((1.0,))], time_limit=1)(f))"
    )
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source)])
    nbclient.NotebookClient(nb, timeout=120, kernel_name="python3").execute()
    text = "".join(o.get("text", "") for o in nb.cells[0].outputs)
    assert "✗ f(x) did not finish within 1 s on case 1" in text
    assert "background" not in text  # the kernel runs cells in its main thread: SIGALRM stopped it


# ----------------------------------------------------------------------------- messages (class 10)


def test_a_float32_answer_is_told_to_compute_in_float64():
    tight = Checker("grad(y_hat, y)", square_error_grad, checker.cases[1:], rtol=1e-12, atol=0.0)
    result = tight(lambda y_hat, y: square_error_grad(y_hat, y).astype(np.float32) * np.float32(1 + 2e-7))
    assert not result and "float32" in result.message and "compute in float64" in result.message
    assert "agree with the expected ones only to about" in result.message


def test_a_float32_answer_within_the_tolerance_passes():
    assert checker(lambda y_hat, y: np.float32(square_error_grad(y_hat, y)))


def test_values_that_print_alike_get_more_digits_and_the_relative_error():
    tight = Checker("grad(y_hat, y)", square_error_grad, checker.cases, rtol=1e-12, atol=0.0)
    result = tight(lambda y_hat, y: square_error_grad(y_hat, y) * (1 + 1e-9))
    assert not result
    expected, got = (line.split(":", 1)[1] for line in result.message.splitlines()[1:3])
    assert expected != got, result.message
    assert "relative error 1.0e-09" in result.message


def test_a_1d_array_is_read_as_a_tuple_of_scalars():
    pair = Checker("grads(x)", lambda x: (2 * x, 3 * x), [Case((1.5,))])
    assert pair(lambda x: np.array([2 * x, 3 * x]))
    assert pair(lambda x: [2 * x, 3 * x])
    result = pair(lambda x: np.array([2 * x, 3 * x, 0.0]))
    assert not result and "returned 3 value(s), expected 2" in result.message


def test_several_outputs_are_named_in_the_message():
    named = Checker("f(x)", lambda x: (x, 2 * x), [Case((1.0,))], output_names=["a", "b"])
    result = named(lambda x: (x, 3 * x))
    assert not result and "returned the wrong value" in result.message and "for b" in result.message
    assert "expected: b = 2." in result.message
    by_count = Checker(
        "f(x)", lambda x: (x, 2 * x), [Case((1.0,))], output_names=lambda n: [f"v{i}" for i in range(n)]
    )
    assert "for v1" in by_count(lambda x: (x, 3 * x)).message
    unnamed = Checker("f(x)", lambda x: (x, 2 * x), [Case((1.0,))])
    assert "for output 2" in unnamed(lambda x: (x, 3 * x)).message
