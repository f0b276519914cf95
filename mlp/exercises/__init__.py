"""Auto-checked exercises.

Each chapter with coding exercises has a module here (``mlp.exercises.ch07`` …)
that defines checkers. A student calls a checker on their function::

    from mlp.exercises import ch07
    ch07.check_output_delta(output_delta)

and sees either a pass or the first failing case with a hint. The machinery is
:class:`Checker`; see its docstring.
"""

from .checker import DEFAULT_TIME_LIMIT, Case, Checker, Mistake, Reject, Result

__all__ = ["DEFAULT_TIME_LIMIT", "Case", "Checker", "Mistake", "Reject", "Result"]
