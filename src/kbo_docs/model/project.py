"""The whole data file: one project year. Its lists of documents come from the kind registry
(:mod:`kbo_docs.model.kinds`): one ``list[Model]`` field per kind."""

from __future__ import annotations

from typing import Any

from pydantic import Field, create_model

from .agency import Agency, Project
from .base import Item, Node
from .kinds import KINDS


class _ProjectBase(Node):
    """One YAML file per project year: the agency, the project, and the documents of each kind
    (circulars, registers, meetings, memos, orders, invitations, announcements)."""

    agency: Agency = Field(default_factory=Agency, description="ส่วนราชการ (ต้องมีชื่อเมื่อเอกสารพิมพ์ชื่อ) / the issuing office")
    project: Project | None = Field(None, description="โครงการและปีงบประมาณ (ว่างได้ถ้าไม่มีเอกสารใดใช้) / the programme and fiscal year")
    noqa: dict[str, str] = Field(default_factory=dict)
    """Rules switched off for the whole file, with the reason: ``{RULE: reason}``."""

    def register(self, register_id: str) -> Any:
        return next((r for r in getattr(self, "registers") if r.id == register_id), None)

    def meeting(self, meeting_id: str) -> Any:
        return next((m for m in getattr(self, "meetings") if m.id == meeting_id), None)

    def items(self) -> list[tuple[Any, Item]]:
        """Every document in the file with its kind, in registry order."""
        return [(kind, item) for kind in KINDS for item in getattr(self, kind.key)]


ProjectFile = create_model(  # type: ignore[call-overload]
    "ProjectFile",
    __base__=_ProjectBase,
    __module__=__name__,
    **{k.key: (list[k.model], Field(default_factory=list, description=k.title)) for k in KINDS},  # type: ignore[valid-type]
)
ProjectFile.__doc__ = _ProjectBase.__doc__
