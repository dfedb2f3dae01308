"""หนังสือเชิญประชุม: a letter inviting to a meeting of this file, with its agenda
(ระเบียบวาระการประชุม) as the first enclosure, generated from the same meeting entry that later
becomes the minutes."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .circular import Circular, Enclosure


class Invitation(Circular):
    """A letter (หนังสือภายนอก, or a circular) with ``meeting:`` the id of a meeting in this file.
    Its text may say ``${meeting.date}``, ``${meeting.start}``, ``${meeting.venue}``,
    ``${meeting.number}`` and ``${meeting.committee}``."""

    kind: Literal["circular", "letter"] = "letter"
    meeting: str = Field(title="การประชุม / meeting", description="id ของการประชุมในแฟ้มนี้ / the id of a meeting in this file")
    agenda_title: str = Field("ระเบียบวาระการประชุม", title="ชื่อสิ่งที่ส่งมาด้วย / enclosure title")

    def all_enclosures(self) -> list[Enclosure]:
        agenda = Enclosure(title=self.agenda_title)
        return [agenda, *self.enclosures]
