"""The checker behind every auto-checked exercise.

A :class:`Checker` knows a reference solution, a list of test cases and a list of
*known mistakes* (plausible wrong answers, such as forgetting the factor 2 of a
squared error). Checking a student's function runs every case and stops at the
first failure. If the wrong output matches a known mistake, the student gets that
mistake's specific hint; otherwise a generic message with the expected and the
actual value. A checker never raises because the student's code raised: it
reports the exception as a failure.
"""

from __future__ import annotations

import copy
import json
import os
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

__all__ = ["Case", "Mistake", "Result", "Checker"]

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


def _to_arrays(value):
    if isinstance(value, (tuple, list)):
        return [np.asarray(v, dtype=float) for v in value]
    return [np.asarray(value, dtype=float)]


def _short(value, limit: int = 160) -> str:
    if isinstance(value, (tuple, list)):
        text = repr(value)
    else:
        text = np.array2string(np.asarray(value), precision=4, suppress_small=True, threshold=20)
    return text if len(text) <= limit else text[: limit - 3] + "..."


class Checker:
    """Check a student's function against a reference on a list of cases.

    Parameters
    ----------
    name : str
        What the student is writing, e.g. ``"output_delta(z, y)"``.
    reference : callable
        The correct solution.
    cases : sequence of Case
        Inputs to try, from simplest to hardest.
    mistakes : sequence of Mistake
        Known wrong answers, each with a specific hint.
    rtol, atol : float
        Tolerances for comparing outputs (NumPy's ``allclose`` semantics).
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
    ) -> None:
        if not cases:
            raise ValueError("a checker needs at least one case")
        self.name = name
        self.reference = reference
        self.cases = list(cases)
        self.mistakes = list(mistakes)
        self.rtol, self.atol = rtol, atol

    def _close(self, got, expected, *, mistake: bool = False) -> tuple[bool, str]:
        """Compare outputs; return (ok, reason) where reason explains a mismatch.

        A tuple or list returned by the reference means several outputs; when it returns
        one array, a student's list or tuple is read as that one array. NaN matches NaN;
        against a known ``mistake`` (which may overflow), inf and NaN match each other, so
        an answer that overflows where the mistake does gets the mistake's hint.
        """
        several = isinstance(expected, (tuple, list))
        try:
            got_arrays = _to_arrays(got) if several else [np.asarray(got, dtype=float)]
        except (TypeError, ValueError):
            return False, f"returned {type(got).__name__}, which is not a number or array"
        exp_arrays = _to_arrays(expected)
        if len(got_arrays) != len(exp_arrays):
            return False, f"returned {len(got_arrays)} value(s), expected {len(exp_arrays)}"
        for g, e in zip(got_arrays, exp_arrays):
            if g.shape != e.shape:
                return False, f"returned shape {g.shape}, expected shape {e.shape}"
            if mistake:  # inf and NaN count as the same failure: both come from an overflow
                g, e = (np.where(np.isfinite(a), a, np.nan) for a in (g, e))
            if np.allclose(g, e, rtol=self.rtol, atol=self.atol, equal_nan=True):
                continue
            if not np.isfinite(g).all() and np.isfinite(e).all():
                return False, "returned NaN or inf"
            return False, "returned the wrong values"
        return True, ""

    def __call__(self, student: Callable) -> Result:
        """Run every case; return a :class:`Result` describing the first failure, if any."""
        result = self._check(student)
        _log(self.name, result)
        return result

    def _check(self, student: Callable) -> Result:
        if not callable(student):
            return Result(False, f"✗ {self.name}: expected a function, got {type(student).__name__}.")
        for number, case in enumerate(self.cases, start=1):
            label = f"case {number}" + (f" ({case.description})" if case.description else "")
            expected = self.reference(*copy.deepcopy(case.args), **copy.deepcopy(case.kwargs))
            try:
                got = student(*copy.deepcopy(case.args), **copy.deepcopy(case.kwargs))
            except Exception as err:  # the student's code raised: report, never re-raise
                where = traceback.format_exception_only(type(err), err)[-1].strip()
                return Result(False, f"✗ {self.name} raised an exception on {label}: {where}")
            if got is None or got is Ellipsis:
                return Result(
                    False,
                    f"✗ {self.name} returned {got!r} on {label}: is the function still a stub, "
                    "or is a `return` missing?",
                )
            ok, reason = self._close(got, expected)
            if ok:
                continue
            message = (
                f"✗ {self.name} {reason} on {label}.\n"
                f"  expected: {_short(expected)}\n  got:      {_short(got)}"
            )
            for mistake in self.mistakes:
                try:
                    wrong = mistake.fn(*copy.deepcopy(case.args), **copy.deepcopy(case.kwargs))
                except Exception:
                    continue
                if self._close(got, wrong, mistake=True)[0]:
                    message += f"\n  hint: {mistake.hint}"
                    break
            return Result(False, message)
        return Result(True, f"✓ {self.name}: all {len(self.cases)} cases pass.")
