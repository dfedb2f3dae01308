"""The registry of document kinds: one entry per kind of paperwork a data file can hold.

Each entry names the list key in the data file, the model of one item, the rule scope its
rules are registered under, the template (``templates/html/<template>.html`` and
``templates/docx/<template>.docx``), where the Garuda goes, and whether an XLSX is made.
:class:`~kbo_docs.model.project.ProjectFile` gets one list field per entry; the loader, the
rule runner, the view builder, the renderer and ``kbo-docs new`` all read this table, so a new
kind is its model, its rules, its view method, its templates and one entry here
(docs/architecture.md has the recipe).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .announcement import Announcement
from .base import Item
from .circular import Circular
from .invitation import Invitation
from .meeting import Meeting
from .memo import Memo
from .order import Order
from .register import Register


@dataclass(frozen=True)
class Kind:
    key: str
    """The list in the data file (``circulars:``)."""
    model: type[Item]
    name: str
    """The kind's name: its rule scope, ``Views.<name>()`` builds its view data, ``kbo-docs new <name>``."""
    template: str
    """``templates/html/<template>.html``, ``templates/docx/<template>.docx``."""
    title: str
    """Thai / English, for the schema, the rules reference and the CLI."""
    garuda: Literal["centre", "left"] | None = None
    """กระดาษตราครุฑ (3 cm, top centre) or กระดาษบันทึกข้อความ (1.5 cm, top left), or none."""
    xlsx: bool = False
    also: tuple[str, ...] = ()
    """Other kinds whose rules apply to this one too (an invitation is also a letter)."""


KINDS: tuple[Kind, ...] = (
    Kind("circulars", Circular, "circular", "circular", "หนังสือภายนอก / หนังสือเวียน (letters and circulars)", garuda="centre"),
    Kind("registers", Register, "register", "register", "ทะเบียนจัดสรร (allocation registers)", xlsx=True),
    Kind("meetings", Meeting, "meeting", "minutes", "รายงานการประชุม (meetings and their minutes)"),
    Kind("memos", Memo, "memo", "memo", "บันทึกข้อความ (internal memos)", garuda="left"),
    Kind("orders", Order, "order", "order", "คำสั่ง (orders)", garuda="centre"),
    Kind("invitations", Invitation, "invitation", "invitation",
         "หนังสือเชิญประชุม และระเบียบวาระการประชุม (meeting invitations with their agenda)", garuda="centre",
         also=("circular",)),
    Kind("announcements", Announcement, "announcement", "announcement", "ประกาศ (announcements)", garuda="centre"),
)

BY_NAME = {k.name: k for k in KINDS}
BY_TEMPLATE = {k.template: k for k in KINDS}
