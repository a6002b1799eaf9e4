"""Collects user-facing input errors during a build and stops it before anything is written.

Plugins call :func:`report` for every problem an editor or translator can fix (a bad metadata
field, a broken catalogue line). After all content is read, the build stops with one line per
problem, naming the file, the field or line, and the fix. No traceback: these are not bugs.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from pelican import signals

logger = logging.getLogger(__name__)


@dataclass(frozen=True, order=True)
class InputError:
    """One problem in one input file."""

    path: str  # relative to the project root where possible
    where: str  # the field ("Category") or location ("line 12")
    message: str  # what is wrong and how to fix it

    def __str__(self) -> str:
        return f"{self.path}: {self.where}: {self.message}"


class CleanFailure(Exception):
    """A failure whose message is complete: printed as its lines, without a traceback."""

    exitcode = 1


class InputErrors(CleanFailure):
    """Raised once, after reading, when any input error was reported."""

    exitcode = 1

    def __init__(self, errors: list[InputError]):
        self.errors = sorted(set(errors))
        count = len(self.errors)
        head = f"{count} input error{'s' if count != 1 else ''}; nothing was written"
        super().__init__("\n".join([head, *map(str, self.errors)]))


_errors: list[InputError] = []
_reported_paths: set[str] = set()


def report(path: str, where: str, message: str) -> None:
    """Record a problem; the build stops after reading with all problems listed."""
    _errors.append(InputError(str(path), where, message))
    _reported_paths.add(str(path))


def pending() -> list[InputError]:
    return list(_errors)


def reset(*_args: object) -> None:
    _errors.clear()
    _reported_paths.clear()


def raise_if_any(*_args: object) -> None:
    if _errors:
        errors = list(_errors)
        reset()
        raise InputErrors(errors)


class _CleanInputErrors(logging.Filter):
    """Prints an InputErrors as its lines instead of a traceback, and hides Pelican's
    generic "Could not process <file>" line for files that already have a precise message."""

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        if isinstance(exc, CleanFailure):
            record.exc_info = None
            record.msg, record.args = "%s", (str(exc),)
        elif record.msg == "Could not process %s" and record.args:
            path = str(record.args[0])
            if any(p.endswith(path) or path.endswith(p) for p in _reported_paths):
                return False
        return True


_filter = _CleanInputErrors()


class StrictWarnings(CleanFailure):
    """Strict mode (STRICT_WARNINGS = True, set by publishconf.py): every warning is an error."""

    def __init__(self, warnings: list[str]):
        self.warnings = warnings
        count = len(warnings)
        head = (f"strict mode: {count} warning{'s' if count != 1 else ''} treated as "
                f"error{'s' if count != 1 else ''}; fix them before publishing")
        super().__init__("\n".join([head, *warnings]))


class _WarningCollector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if not isinstance(record.exc_info and record.exc_info[1], CleanFailure):
            self.messages.append(record.getMessage())


_collector = _WarningCollector()


def _start_strict(pelican) -> None:
    _collector.messages.clear()
    root = logging.getLogger()
    if pelican.settings.get("STRICT_WARNINGS") and _collector not in root.handlers:
        root.addHandler(_collector)


def _finish_strict(*_args: object) -> None:
    root = logging.getLogger()
    if _collector in root.handlers:
        root.removeHandler(_collector)
        if _collector.messages:
            raise StrictWarnings(list(dict.fromkeys(_collector.messages)))


def register() -> None:
    for name in ("pelican", "pelican.generators"):
        log = logging.getLogger(name)
        if _filter not in log.filters:
            log.addFilter(_filter)
    signals.initialized.connect(reset)
    signals.initialized.connect(_start_strict)
    signals.finalized.connect(_finish_strict)
    # Once every generator has read its content and every plugin has checked it (including
    # checks on all_generators_finalized), just before Pelican asks for its writer.
    signals.get_writer.connect(raise_if_any)
