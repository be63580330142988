"""The app package's one exception family: what a command or page refuses, and why.

Errors of ``ingest``, ``graph`` and ``search`` keep their own families; these
are the app's own refusals (an output file it cannot write, a bad argument, a
build stage that failed). ``exit_code`` follows the CLI contract in
``docs/cli.md``: 1 for input that was read but is unusable, 2 for a usage error
or a file that cannot be read or written.
"""

from __future__ import annotations

__all__ = ["AppError", "StageFailed", "UsageError"]


class AppError(Exception):
    """Base of every error the app itself raises."""

    exit_code = 1


class UsageError(AppError):
    """A command used wrongly: a bad option value, an output file that cannot be written."""

    exit_code = 2


class StageFailed(AppError):
    """A build stage (graph or search) raised; the store keeps its last good manifest."""

    exit_code = 1
