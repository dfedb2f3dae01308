"""The project-year data model (pydantic). Values are CE dates and ints; text stays as typed."""

from .agency import Agency, Contact, Project
from .base import Item, Node, Person
from .circular import Action, Circular, Enclosure, Recipient, RecipientSource
from .meeting import AgendaItem, Meeting, MeetingNumber, SubItem
from .project import ProjectFile
from .register import AllocationRule, Column, Register, Row

__all__ = [
    "Action", "Agency", "AgendaItem", "AllocationRule", "Circular", "Column", "Contact",
    "Enclosure", "Item", "Meeting", "MeetingNumber", "Node", "Person", "Project", "ProjectFile",
    "Recipient", "RecipientSource", "Register", "Row", "SubItem",
]
