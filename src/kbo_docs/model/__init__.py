"""The project-year data model (pydantic). Values are CE dates and ints; text stays as typed.
The kinds of document a file can hold are listed in :mod:`kbo_docs.model.kinds`."""

from .agency import Agency, Contact, Project
from .announcement import Announcement
from .base import Item, Node, Person
from .circular import Action, Circular, Enclosure, Recipient, RecipientSource
from .invitation import Invitation
from .kinds import BY_NAME, BY_TEMPLATE, KINDS, Kind
from .meeting import AgendaItem, Meeting, MeetingNumber, SubItem
from .memo import Memo
from .number import LetterNumber, NumberParts, number_parts
from .order import Clause, Order
from .project import ProjectFile
from .register import AllocationRule, Column, Register, Row

__all__ = [
    "BY_NAME", "BY_TEMPLATE", "KINDS", "Action", "Agency", "AgendaItem", "AllocationRule", "Announcement",
    "Circular", "Clause", "Column", "Contact", "Enclosure", "Invitation", "Item", "Kind", "LetterNumber",
    "Meeting", "MeetingNumber", "Memo", "Node", "NumberParts", "Order", "Person", "Project", "ProjectFile",
    "Recipient", "RecipientSource", "Register", "Row", "SubItem", "number_parts",
]
