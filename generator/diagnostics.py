"""Compiler-style diagnostics: collected, never printed while parsing.

A stage receives a `Diagnostics` collector and appends to it; the CLI prints
everything at the end as ``source/FILE:LINE: warning[code]: message``.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Diagnostic:
    file: str
    line: int
    severity: str  # "warning" | "error"
    code: str
    message: str

    def format(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.severity}[{self.code}]: {self.message}"


@dataclass
class Diagnostics:
    """A collector handed down the pipeline (explicitly, no global state)."""

    items: list[Diagnostic] = field(default_factory=list)

    def warn(self, file: str, line: int, code: str, message: str) -> None:
        self.items.append(Diagnostic(file, line, "warning", code, message))

    def error(self, file: str, line: int, code: str, message: str) -> None:
        self.items.append(Diagnostic(file, line, "error", code, message))

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == "warning"]

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == "error"]

    def extend(self, other: "Diagnostics") -> None:
        self.items.extend(other.items)

    def format_all(self) -> str:
        return "\n".join(d.format() for d in self.items)


class InputError(Exception):
    """Input the pipeline cannot use. Printed as one line, never a traceback."""

    def __init__(self, file: str, line: int, message: str):
        super().__init__(message)
        self.file = file
        self.line = line
        self.message = message

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: error: {self.message}"


def silent(message: str) -> None:
    """Where a library function's progress goes when nobody listens (the CLI passes a printer)."""
