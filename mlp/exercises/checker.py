"""The checker behind every auto-checked exercise.

A :class:`Checker` knows a reference solution, a list of test cases and a list of
*known mistakes* (plausible wrong answers, such as forgetting the factor 2 of a
squared error). Checking a student's function runs every case and stops at the
first failure. If the wrong output matches a known mistake, the student gets that
mistake's specific hint; otherwise a generic message with the expected and the
actual value.

What a checker guarantees:

* **It never raises because of the student's code.** An exception, an endless loop
  (see *time limit* below), an answer of the wrong type or a number too large for a
  float is reported as a failure with a message. NumPy's floating-point error
  settings of the notebook (``np.seterr(all="raise")``) do not change the outcome:
  the checker's own arithmetic ignores them, and the student's function runs with
  the notebook's settings except that "raise" becomes NumPy's default (a correct
  softmax underflows; it must not fail for it).
* **It never accepts a wrong type.** Strings ("1.5"), complex numbers, objects and
  ragged lists are refused; so are True/False where numbers are expected (unless
  the checker allows it, ``bool_as_number=True``) and numbers where True/False is
  expected. Integer answers (counts, labels, node ids) are compared exactly.
* **It judges against the inputs as they were.** Each call gets its own deep copy
  of the case's arguments, and the expected value is computed on another copy; a
  function that changes its arguments in place fails where the exercise forbids it
  (``may_modify=False``).
* **Tolerances** are NumPy's ``allclose`` (``rtol``, ``atol``) for floating-point
  answers. A float32 answer that misses them is told how far it agrees and to
  compute in float64. When the expected and the actual value print alike, the
  message prints more digits and the relative error.
* **Time limit.** Each call of the student's function has ``time_limit`` seconds
  (:data:`DEFAULT_TIME_LIMIT` unless the checker says otherwise). On POSIX systems
  in the main thread (Jupyter, Binder and Colab kernels run cells there) a
  ``SIGALRM`` timer interrupts the call; elsewhere (Windows, or a checker called
  from another thread) the call runs in a background thread and the checker stops
  waiting for it, but the runaway code keeps running until the kernel is restarted.
  A long computation inside a single NumPy call is interrupted only when it returns.
"""

from __future__ import annotations

import copy
import json
import numbers
import os
import re
import signal
import threading
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

__all__ = ["Case", "Mistake", "Result", "Checker", "Reject", "DEFAULT_TIME_LIMIT"]

#: NumPy's default floating-point error handling.
_NUMPY_DEFAULTS = {"divide": "warn", "over": "warn", "under": "ignore", "invalid": "warn"}

#: Seconds each call of a student's function may take, unless a checker sets its own.
DEFAULT_TIME_LIMIT = 5.0


#: When this environment variable names a file, every check appends its result to it as
#: one line of JSON: {"checker", "passed", "hint", "message"} (``run.py grade`` reads it).
LOG_VARIABLE = "MLP_CHECK_LOG"


def _log(name: str, result: Result) -> None:
    """Append ``result`` to the file named by ``MLP_CHECK_LOG``, if it is set."""
    path = os.environ.get(LOG_VARIABLE)
    if not path:
        return
    hints = [line.strip()[6:] for line in result.message.splitlines() if line.strip().startswith("hint: ")]
    record = {"checker": name, "passed": result.passed, "hint": hints[0] if hints else None}
    record["message"] = result.message
    with open(path, "a", encoding="utf-8") as log:
        log.write(json.dumps(record, ensure_ascii=False) + "\n")


@dataclass(frozen=True)
class Case:
    """One test case: the arguments to call the function with, and a short description."""

    args: tuple
    description: str = ""
    kwargs: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Mistake:
    """A plausible wrong answer: an implementation of it and the hint to show."""

    fn: Callable
    hint: str


@dataclass(frozen=True)
class Result:
    """The outcome of a check; prints as the message, and is truthy when it passed."""

    passed: bool
    message: str

    def __bool__(self) -> bool:
        return self.passed

    def __repr__(self) -> str:
        return self.message

    __str__ = __repr__


class Reject(Exception):
    """Raised by a checker's ``normalize`` function: the answer is wrong, for the reason given.

    The message follows "✗ name on case k:", e.g. ``"returned the node 1.5, but …"``.
    """


class _Invalid(Exception):
    """An answer that cannot be compared as numbers; the message says why."""


class _TimeUp(BaseException):
    """Raised by the timer inside the student's code (a BaseException, so that a student's
    ``except Exception`` does not swallow it)."""


# --------------------------------------------------------------------------- numbers and types


def _is_integral_scalar(value) -> bool:
    return isinstance(value, numbers.Integral) and not isinstance(value, (bool, np.bool_))


def _numeric(value, *, strict_bool: bool = False) -> np.ndarray:
    """``value`` as an array of booleans, integers or floats, or raise :class:`_Invalid`."""
    if isinstance(value, (str, bytes)):
        raise _Invalid(f"returned the string {value!r}, not a number")
    try:
        with np.errstate(all="ignore"):
            array = np.asarray(value)
    except Exception:  # ragged lists, or an object whose own conversion fails
        raise _Invalid(
            f"returned {type(value).__name__}, which is not a number or array"
            + (" (rows of different lengths?)" if isinstance(value, (list, tuple)) else "")
        ) from None
    kind = array.dtype.kind
    if kind in "US":
        raise _Invalid("returned text (strings), not numbers: return the numbers themselves")
    if kind == "c":
        raise _Invalid(
            f"returned complex numbers (dtype {array.dtype}): the answer is real "
            "(a square root or a power of a negative number?)"
        )
    if kind == "O":
        items = array.ravel().tolist()
        if items and all(_is_integral_scalar(v) for v in items):
            try:
                return np.array(items, dtype=float).reshape(array.shape)
            except OverflowError:
                big = max(items, key=abs)
                raise _Invalid(
                    f"returned an integer with {len(str(abs(big)))} digits, too large for a float"
                ) from None
        if items and all(isinstance(v, numbers.Real) and not isinstance(v, (bool, np.bool_)) for v in items):
            try:
                return np.array([float(v) for v in items]).reshape(array.shape)
            except (OverflowError, ValueError):
                pass
        if not isinstance(value, (list, tuple, np.ndarray)):
            raise _Invalid(f"returned {type(value).__name__}, which is not a number or array")
        shown = next((v for v in items if not isinstance(v, numbers.Number)), items[0] if items else None)
        raise _Invalid(
            f"returned a {type(value).__name__} of {type(shown).__name__} values, which are not numbers"
        )
    if kind not in "biuf":
        raise _Invalid(f"returned values of dtype {array.dtype}, which are not numbers")
    return array


def _split(got, expected: Sequence) -> list:
    """The student's answer as a list of outputs, one per output of the reference."""
    if isinstance(got, (tuple, list)):
        return list(got)
    if isinstance(got, np.ndarray) and got.ndim >= 1:
        # a 1-D array for a tuple of scalars (or a stacked array for equal-shaped outputs)
        try:
            shapes = {np.shape(e) for e in expected}
        except Exception:
            return [got]
        if shapes == {got.shape[1:]}:
            return list(got)
    return [got]


def _digits(a: np.ndarray, precision: int) -> str:
    return np.array2string(a, precision=precision, suppress_small=False, threshold=20, floatmode="maxprec")


def _short(value, limit: int = 160) -> str:
    try:
        if isinstance(value, (tuple, list)):
            text = repr(value)
        else:
            text = np.array2string(np.asarray(value), precision=4, suppress_small=True, threshold=20)
    except Exception:  # an object whose repr fails: say what it is
        text = f"<{type(value).__name__}>"
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _parameters(name: str) -> list[str]:
    """Parameter names from a checker's name such as ``"f(w, b, X)"``."""
    match = re.fullmatch(r"\s*[\w.]+\s*\((.*)\)\s*", name)
    if not match or not match.group(1).strip():
        return []
    return [p.split("=")[0].strip().lstrip("*") for p in match.group(1).split(",")]


def _first_change(before, after, path: str = "") -> str | None:
    """Where ``after`` differs from ``before`` (a path such as ``"[0][1, 2]"``), or None.

    Arrays, numbers, strings and the containers list, tuple, dict and set are compared;
    other objects (a random generator, which the function is expected to advance) are not.
    """
    if isinstance(before, np.ndarray):
        if not isinstance(after, np.ndarray) or before.shape != after.shape or before.dtype != after.dtype:
            return path or "the array itself"
        with np.errstate(all="ignore"):
            same = (before == after) | ((before != before) & (after != after))
        if np.all(same):
            return None
        index = tuple(int(i) for i in np.argwhere(~np.asarray(same))[0])
        return f"{path}[{', '.join(map(str, index))}]" if index else (path or "its value")
    if isinstance(before, (list, tuple)):
        if type(after) is not type(before) or len(after) != len(before):
            return path or "its length"
        for i, (b, a) in enumerate(zip(before, after)):
            where = _first_change(b, a, f"{path}[{i}]")
            if where:
                return where
        return None
    if isinstance(before, dict):
        if not isinstance(after, dict) or before.keys() != after.keys():
            return path or "its keys"
        for key in before:
            where = _first_change(before[key], after[key], f"{path}[{key!r}]")
            if where:
                return where
        return None
    if isinstance(before, (set, frozenset, str, bytes, numbers.Number, type(None))):
        try:
            same = bool(before == after) or (before != before and after != after)
        except Exception:
            same = False
        return None if same else (path or "its value")
    return None


# --------------------------------------------------------------------------- running student code


def _alarm_available() -> bool:
    if not (hasattr(signal, "SIGALRM") and hasattr(signal, "setitimer")):
        return False
    if threading.current_thread() is not threading.main_thread():
        return False
    return signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)  # no one else's timer running


def _run(fn: Callable, args: tuple, kwargs: dict, limit: float | None, numpy_settings: dict):
    """Call ``fn``; return ("ok", value), ("raised", exception) or ("timeout", background).

    ``fn`` runs under the notebook's NumPy error settings ``numpy_settings``, except that
    "raise" becomes NumPy's default for that kind of error (a warning; nothing for underflow).
    """
    settings = {k: (_NUMPY_DEFAULTS[k] if v == "raise" else v) for k, v in numpy_settings.items()}

    def call():
        with np.errstate(**settings):
            return fn(*args, **kwargs)

    if limit is None:
        try:
            return "ok", call()
        except Exception as err:
            return "raised", err
    if _alarm_available():

        def on_alarm(signum, frame):
            raise _TimeUp

        previous = signal.signal(signal.SIGALRM, on_alarm)
        try:
            # the timer repeats, so that code which catches the first interruption is stopped too
            signal.setitimer(signal.ITIMER_REAL, limit, 0.05)
            try:
                value = call()
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0.0)
        except _TimeUp:
            return "timeout", False
        except Exception as err:
            return "raised", err
        finally:
            signal.signal(signal.SIGALRM, previous)
        return "ok", value

    outcome: dict = {}

    def target():
        try:
            outcome["value"] = call()
        except BaseException as err:  # reported to the caller below
            outcome["error"] = err

    worker = threading.Thread(target=target, name="exercise-check", daemon=True)
    worker.start()
    worker.join(limit)
    if worker.is_alive():
        return "timeout", True
    if "error" in outcome:
        error = outcome["error"]
        if not isinstance(error, Exception):
            raise error
        return "raised", error
    return "ok", outcome.get("value")


# --------------------------------------------------------------------------- the checker


class Checker:
    """Check a student's function against a reference on a list of cases.

    Parameters
    ----------
    name : str
        What the student is writing, e.g. ``"output_delta(z, y)"``. The names in the
        parentheses are used to say which argument a function changed.
    reference : callable
        The correct solution.
    cases : sequence of Case
        Inputs to try, from simplest to hardest.
    mistakes : sequence of Mistake
        Known wrong answers, each with a specific hint.
    rtol, atol : float
        Tolerances for comparing floating-point outputs (NumPy's ``allclose`` semantics).
        Integer and boolean outputs of the reference are compared exactly.
    time_limit : float or None
        Seconds each call of the student's function may take (default
        :data:`DEFAULT_TIME_LIMIT`); None for no limit.
    may_modify : bool or sequence of str
        Whether the student's function may change its arguments in place: True (the
        default) allows it, False reports any change as a failure, a sequence of
        parameter names allows those only. Use False where the exercise forbids it (and
        for pure functions such as a gradient). Random generators are never compared
        (they are meant to advance).
    normalize : callable, optional
        ``normalize(answer, *args, **kwargs)`` maps an answer to the form compared with
        the reference (e.g. any valid order to a canonical one). It receives copies of the
        case's arguments as they were before the student's function ran, and may raise
        :class:`Reject` to fail the answer with a message.
    output_names : sequence of str or callable, optional
        Names of the outputs when the reference returns several (``["W1", "b1"]``), or a
        function of their number that returns the names; default "output 1", "output 2", …
    bool_as_number : bool
        Accept True/False where the reference returns numbers (e.g. 0/1 unit outputs).
    """

    def __init__(
        self,
        name: str,
        reference: Callable,
        cases: Sequence[Case],
        *,
        mistakes: Sequence[Mistake] = (),
        rtol: float = 1e-6,
        atol: float = 1e-9,
        time_limit: float | None = DEFAULT_TIME_LIMIT,
        may_modify: bool | Sequence[str] = True,
        normalize: Callable | None = None,
        output_names: Sequence[str] | Callable[[int], Sequence[str]] | None = None,
        bool_as_number: bool = False,
    ) -> None:
        if not cases:
            raise ValueError("a checker needs at least one case")
        if time_limit is not None and not (isinstance(time_limit, (int, float)) and time_limit > 0):
            raise ValueError(f"time_limit must be a positive number of seconds or None, got {time_limit!r}")
        if not isinstance(may_modify, bool) and (
            isinstance(may_modify, str) or not all(isinstance(p, str) for p in may_modify)
        ):
            raise TypeError(
                f"may_modify must be True, False or a sequence of parameter names, got {may_modify!r}"
            )
        self.name = name
        self.reference = reference
        self.cases = list(cases)
        self.mistakes = list(mistakes)
        self.rtol, self.atol = rtol, atol
        self.time_limit = None if time_limit is None else float(time_limit)
        self.may_modify = may_modify if isinstance(may_modify, bool) else tuple(may_modify)
        self.normalize = normalize
        self.output_names = output_names
        self.bool_as_number = bool_as_number

    # ------------------------------------------------------------------ comparing

    def _names(self, n: int) -> list[str]:
        names = self.output_names(n) if callable(self.output_names) else self.output_names
        names = list(names or [])
        return names + [f"output {i}" for i in range(len(names) + 1, n + 1)] if len(names) < n else names[:n]

    def _compare(self, g, e) -> str | None:
        """None if ``g`` matches ``e``; otherwise why not (the student's answer ``g``)."""
        if _is_integral_scalar(e) and _is_integral_scalar(g):  # exact, however large
            return None if int(g) == int(e) else "returned the wrong value"
        e_arr = _numeric(e)
        g_arr = _numeric(g)
        if e_arr.dtype.kind == "b" and g_arr.dtype.kind != "b":
            raise _Invalid(f"returned {_short(g, 40)} (a number) where True or False is expected")
        if g_arr.dtype.kind == "b" and e_arr.dtype.kind != "b" and not self.bool_as_number:
            raise _Invalid(
                "returned True/False where numbers are expected: convert with float(…) or .astype(float)"
            )
        if g_arr.shape != e_arr.shape:
            return f"returned shape {g_arr.shape}, expected shape {e_arr.shape}"
        if e_arr.dtype.kind in "biu":  # counts, labels, truth values: exactly
            with np.errstate(all="ignore"):
                return None if np.array_equal(g_arr, e_arr) else "returned the wrong values"
        with np.errstate(all="ignore"):
            if np.allclose(g_arr, e_arr, rtol=self.rtol, atol=self.atol, equal_nan=True):
                return None
            if not np.isfinite(g_arr).all() and np.isfinite(e_arr).all():
                return "returned NaN or inf"
            if g_arr.dtype.kind == "f" and g_arr.dtype.itemsize < 8 and np.isfinite(g_arr).all():
                error = _relative_error(g_arr.astype(float), e_arr.astype(float))
                if error < 1e-4:
                    return (
                        f"returned {g_arr.dtype} values, which agree with the expected ones only to "
                        f"about {error:.0e}; compute in float64 (NumPy's default: no float32 conversion), "
                        f"as the tolerance here is rtol={self.rtol:g}"
                    )
        return "returned the wrong values"

    def _close(self, got, expected, *, mistake: bool = False) -> tuple[bool, str]:
        """Compare outputs; return (ok, reason) where reason explains a mismatch.

        A tuple or list returned by the reference means several outputs; when it returns
        one array, a student's list or tuple is read as that one array. NaN matches NaN;
        against a known ``mistake`` (which may overflow), inf and NaN match each other, so
        an answer that overflows where the mistake does gets the mistake's hint, and the
        types are not checked.
        """
        ok, reason, _ = self._close_at(got, expected, mistake=mistake)
        return ok, reason

    def _close_at(self, got, expected, *, mistake: bool = False) -> tuple[bool, str, int | None]:
        several = isinstance(expected, (tuple, list))
        got_parts = _split(got, expected) if several else [got]
        exp_parts = list(expected) if several else [expected]
        if len(got_parts) != len(exp_parts):
            return False, f"returned {len(got_parts)} value(s), expected {len(exp_parts)}", None
        names = self._names(len(exp_parts)) if several else [""]
        for index, (g, e) in enumerate(zip(got_parts, exp_parts)):
            label = f" for {names[index]}" if several else ""
            try:
                if mistake:
                    if not self._matches_mistake(g, e):
                        return False, "differs from the mistake", index
                    continue
                reason = self._compare(g, e)
            except _Invalid as err:
                return False, f"{err}{label}", index
            if reason is not None:
                return False, f"{reason}{label}", index
        return True, "", None

    def _matches_mistake(self, g, e) -> bool:
        if _is_integral_scalar(e) and _is_integral_scalar(g):
            return int(g) == int(e)
        g_arr, e_arr = (_numeric(a).astype(float) for a in (g, e))
        if g_arr.shape != e_arr.shape:
            return False
        with np.errstate(all="ignore"):  # inf and NaN are the same failure: an overflow
            g_arr, e_arr = (np.where(np.isfinite(a), a, np.nan) for a in (g_arr, e_arr))
            return bool(np.allclose(g_arr, e_arr, rtol=self.rtol, atol=self.atol, equal_nan=True))

    def _values(self, got, expected, index: int | None) -> str:
        """The 'expected:' and 'got:' lines of a failure message."""
        several = isinstance(expected, (tuple, list))
        prefix = ""
        if several and index is not None:
            parts = _split(got, expected)
            prefix = f"{self._names(len(expected))[index]} = "
            e, g = expected[index], parts[index]
        else:
            e, g = expected, got
        lines = f"\n  expected: {prefix}{_short(e)}\n  got:      {prefix}{_short(g)}"
        try:
            g_arr, e_arr = _numeric(g).astype(float), _numeric(e).astype(float)
        except (_Invalid, TypeError, ValueError):
            return lines
        if g_arr.shape != e_arr.shape or not (np.isfinite(g_arr).all() and np.isfinite(e_arr).all()):
            return lines
        if _short(g) == _short(e):  # they print alike: show the digits where they differ
            for precision in range(6, 18):
                e_text, g_text = _digits(e_arr, precision), _digits(g_arr, precision)
                if e_text != g_text:
                    break
            lines = f"\n  expected: {prefix}{e_text}\n  got:      {prefix}{g_text}"
            lines += f"\n  relative error {_relative_error(g_arr, e_arr):.1e} (tolerance rtol={self.rtol:g})"
        return lines

    # ------------------------------------------------------------------ running

    def __call__(self, student: Callable) -> Result:
        """Run every case; return a :class:`Result` describing the first failure, if any."""
        result = self._check(student)
        _log(self.name, result)
        return result

    def _check(self, student: Callable) -> Result:
        if not callable(student):
            return Result(False, f"✗ {self.name}: expected a function, got {type(student).__name__}.")
        numpy_settings = np.geterr()  # the notebook's, for the student's code
        with np.errstate(all="ignore"):
            for number, case in enumerate(self.cases, start=1):
                label = f"case {number}" + (f" ({case.description})" if case.description else "")
                try:
                    failure = self._check_case(student, case, label, numpy_settings)
                except Exception as err:  # a bug of this checker, never the student's fault
                    where = traceback.format_exception_only(type(err), err)[-1].strip()
                    return Result(False, f"✗ the checker of {self.name} failed on {label}: {where}")
                if failure is not None:
                    return Result(False, failure)
        return Result(True, f"✓ {self.name}: all {len(self.cases)} cases pass.")

    def _check_case(self, student: Callable, case: Case, label: str, numpy_settings: dict) -> str | None:
        pristine = (copy.deepcopy(case.args), copy.deepcopy(case.kwargs))
        expected = self.reference(*copy.deepcopy(case.args), **copy.deepcopy(case.kwargs))
        args, kwargs = copy.deepcopy(case.args), copy.deepcopy(case.kwargs)
        status, got = _run(student, args, kwargs, self.time_limit, numpy_settings)
        if status == "timeout":
            message = (
                f"✗ {self.name} did not finish within {self.time_limit:g} s on {label} and was stopped: "
                "is there an endless loop (a `while` whose condition never changes), or is it far "
                "slower than it needs to be?"
            )
            if got:  # the fallback: a thread that cannot be stopped
                message += " It may still be running in the background; restart the kernel to end it."
            return message
        if status == "raised":
            where = traceback.format_exception_only(type(got), got)[-1].strip()
            return f"✗ {self.name} raised an exception on {label}: {where}"
        if got is None or got is Ellipsis:
            return (
                f"✗ {self.name} returned {got!r} on {label}: is the function still a stub, "
                "or is a `return` missing?"
            )
        changed = self._changed_argument(pristine, args, kwargs)
        if self.normalize is not None:
            try:
                got = self.normalize(got, *copy.deepcopy(pristine[0]), **copy.deepcopy(pristine[1]))
            except Reject as err:
                return f"✗ {self.name} on {label}: {err}."
        ok, reason, index = self._close_at(got, expected)
        if ok:
            if changed:
                return (
                    f"✗ {self.name} returns the right values but changed its argument {changed} in place "
                    f"on {label}. Leave the inputs as they are: work on a copy (W = W.copy()) or "
                    "build new arrays (W = W - step instead of W -= step)."
                )
            return None
        message = f"✗ {self.name} {reason} on {label}." + self._values(got, expected, index)
        try:  # right values of the wrong type: a mistake's hint would mislead
            right_values = self._close(got, expected, mistake=True)[0]
        except Exception:
            right_values = False
        for mistake in [] if right_values else self.mistakes:
            try:
                wrong = mistake.fn(*copy.deepcopy(case.args), **copy.deepcopy(case.kwargs))
                if self._close(got, wrong, mistake=True)[0]:
                    message += f"\n  hint: {mistake.hint}"
                    break
            except Exception:
                continue
        if changed:
            message += f"\n  note: it also changed its argument {changed} in place."
        return message

    def _changed_argument(self, pristine, args, kwargs) -> str | None:
        """The first argument the student's call changed (name and position), or None."""
        if self.may_modify is True:
            return None
        names = _parameters(self.name)
        allowed = () if self.may_modify is False else self.may_modify
        for i, (before, after) in enumerate(zip(pristine[0], args)):
            name = names[i] if i < len(names) else f"{i + 1}"
            if name in allowed:
                continue
            where = _first_change(before, after)
            if where:
                return f"`{name}`" + ("" if where.startswith(("the ", "its ")) else f" (at {where})")
        for key, before in pristine[1].items():
            if key in allowed:
                continue
            if _first_change(before, kwargs.get(key)):
                return f"`{key}`"
        return None


def _relative_error(g: np.ndarray, e: np.ndarray) -> float:
    """max |g − e| / max |e| (the absolute error when e is all zeros)."""
    scale = float(np.max(np.abs(e))) if e.size else 0.0
    error = float(np.max(np.abs(g - e))) if e.size else 0.0
    return error / scale if scale > 0 else error

