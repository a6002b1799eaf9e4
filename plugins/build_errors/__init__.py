"""Collects user-facing input errors during a build and stops it before anything is written.

Plugins call :func:`report` for every problem an editor or translator can fix (a bad metadata
field, a broken catalogue line). After all content is read, the build stops with one line per
problem, naming the file, the field or line, and the fix. No traceback: these are not bugs.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
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
    """Every warning of a build, from every process the build forks (writer processes, the
    reading half's pools): each is appended as one JSON line to a file opened before any fork,
    unbuffered and O_APPEND, so a forked process's warnings reach the parent even when that
    process ends with os._exit. Collects from plugin registration on (a plugin that fails to
    register is logged then); kept only for a strict build."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.early: list[str] = []  # before the build's settings say whether it is strict
        self.file = None

    def emit(self, record: logging.LogRecord) -> None:
        if isinstance(record.exc_info and record.exc_info[1], CleanFailure):
            return
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 (a malformed log call still counts as a warning)
            message = str(record.msg)
        if self.file is None:
            self.early.append(message)
        else:
            os.write(self.file.fileno(), (json.dumps(message) + "\n").encode("utf-8"))

    def start(self) -> None:
        """Keep collecting for this build, into a fresh file (the early warnings first)."""
        self.stop()
        self.file = tempfile.TemporaryFile(mode="a+b", buffering=0)  # noqa: SIM115 (kept open)
        early, self.early = self.early, []
        for message in early:
            os.write(self.file.fileno(), (json.dumps(message) + "\n").encode("utf-8"))

    def messages(self) -> list[str]:
        """Every warning so far, from every process, each once, in the order they came."""
        if self.file is None:
            return list(dict.fromkeys(self.early))
        self.file.seek(0)
        lines = self.file.read().decode("utf-8").splitlines()
        return list(dict.fromkeys(json.loads(line) for line in lines if line))

    def stop(self) -> None:
        if self.file is not None:
            self.file.close()
            self.file = None
        self.early = []


_collector = _WarningCollector()


def _start_strict(pelican) -> None:
    root = logging.getLogger()
    if pelican.settings.get("STRICT_WARNINGS"):
        if _collector not in root.handlers:
            root.addHandler(_collector)
        _collector.start()
    else:
        root.removeHandler(_collector)
        _collector.stop()
    # Connected now, after every plugin has registered its receivers (Pelican calls them in
    # connection order): the check runs after every other `finalized` step, so the warnings
    # of the last ones (mirror, headers, mentions, caches) count too.
    signals.finalized.disconnect(_finish_strict)
    signals.finalized.connect(_finish_strict)


def _finish_strict(*_args: object) -> None:
    """Raise StrictWarnings with every warning of the build (any process), if there were any."""
    root = logging.getLogger()
    if _collector not in root.handlers:
        return
    root.removeHandler(_collector)
    messages = _collector.messages()
    _collector.stop()
    if messages:
        raise StrictWarnings(messages)


def register() -> None:
    for name in ("pelican", "pelican.generators"):
        log = logging.getLogger(name)
        if _filter not in log.filters:
            log.addFilter(_filter)
    root = logging.getLogger()
    if _collector not in root.handlers:  # from now: plugins registered after this one
        root.addHandler(_collector)
    signals.initialized.connect(reset)
    signals.initialized.connect(_start_strict)
    # Once every generator has read its content and every plugin has checked it (including
    # checks on all_generators_finalized), just before Pelican asks for its writer.
    signals.get_writer.connect(raise_if_any)
