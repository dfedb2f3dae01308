"""The whole data file: one project year."""

from __future__ import annotations

from pydantic import Field

from .agency import Agency, Project
from .base import Node
from .circular import Circular
from .meeting import Meeting
from .register import Register


class ProjectFile(Node):
    """One YAML file per project year: agency, project, circulars, registers, meetings."""

    agency: Agency
    project: Project
    circulars: list[Circular] = Field(default_factory=list)
    registers: list[Register] = Field(default_factory=list)
    meetings: list[Meeting] = Field(default_factory=list)
    noqa: dict[str, str] = Field(default_factory=dict)
    """Rules switched off for the whole file, with the reason: ``{RULE: reason}``."""

    def register(self, register_id: str) -> Register | None:
        return next((r for r in self.registers if r.id == register_id), None)
