"""Name a place in a data file the way a clerk reads it.

``("circulars", 0, "actions", 1, "deadline")`` becomes
``หนังสือเวียน kbo68-districts, การดำเนินการข้อ ๒, กำหนดส่ง`` in Thai and
``circular kbo68-districts, action 2, deadline`` in English: documents by their id, list items
counted from 1, keys by their Thai names. A key with no Thai name here is shown as typed.
"""

from __future__ import annotations

from typing import Any

from . import thai

# key -> (Thai, English). Lists name their items: "การดำเนินการข้อ ๒" / "action 2".
LABELS: dict[str, tuple[str, str]] = {
    "agency": ("ส่วนราชการ", "agency"),
    "project": ("โครงการ", "project"),
    "circulars": ("หนังสือเวียน", "circular"),
    "registers": ("ทะเบียน", "register"),
    "meetings": ("การประชุม", "meeting"),
    "memos": ("บันทึกข้อความ", "memo"),
    "orders": ("คำสั่ง", "order"),
    "invitations": ("หนังสือเชิญประชุม", "invitation"),
    "announcements": ("ประกาศ", "announcement"),
    "name": ("ชื่อ", "name"),
    "short_name": ("ชื่อย่อ", "short name"),
    "fiscal_year": ("ปีงบประมาณ", "fiscal year"),
    "issuer": ("ผู้ออกหนังสือ", "issuer"),
    "address": ("ที่อยู่", "address"),
    "reference_prefix": ("รหัสหนังสือ", "reference prefix"),
    "unit": ("ส่วนราชการเจ้าของเรื่อง", "unit"),
    "contact": ("ติดต่อ", "contact"),
    "phone": ("โทรศัพท์", "phone"),
    "fax": ("โทรสาร", "fax"),
    "email": ("ไปรษณีย์อิเล็กทรอนิกส์", "e-mail"),
    "garuda_image": ("ภาพครุฑ", "Garuda image"),
    "digits": ("ตัวเลข", "digits"),
    "id": ("รหัสเอกสาร (id)", "id"),
    "noqa": ("การปิดกฎ (noqa)", "noqa"),
    "kind": ("ชนิด", "kind"),
    "number": ("เลขที่", "number"),
    "date": ("วันที่", "date"),
    "subject": ("เรื่อง", "subject"),
    "salutation": ("คำขึ้นต้น", "salutation"),
    "recipient": ("ผู้รับ (เรียน)", "recipient"),
    "recipients": ("ผู้รับ", "recipients"),
    "references": ("อ้างถึง", "reference"),
    "enclosures": ("สิ่งที่ส่งมาด้วย", "enclosure"),
    "title": ("ชื่อเรื่อง", "title"),
    "quantity": ("จำนวน", "quantity"),
    "body": ("ข้อความ", "body"),
    "actions_intro": ("ข้อความนำการดำเนินการ", "actions intro"),
    "actions": ("การดำเนินการ", "action"),
    "text": ("ข้อความ", "text"),
    "items": ("ข้อ", "item"),
    "deadline": ("กำหนดส่ง", "deadline"),
    "conclusion": ("ข้อความท้าย", "conclusion"),
    "closing": ("คำลงท้าย", "closing"),
    "signer": ("ผู้ลงนาม", "signer"),
    "position": ("ตำแหน่ง", "position"),
    "role": ("หน้าที่", "role"),
    "acting": ("บรรทัดรักษาราชการแทน/ปฏิบัติราชการแทน", "acting line"),
    "reason": ("เหตุที่ไม่มา", "reason"),
    "substitute_for": ("มาแทน", "substitute for"),
    "copies": ("สำเนาส่ง", "copies"),
    "row_label": ("หัวคอลัมน์รายการ", "row label"),
    "columns": ("คอลัมน์", "column"),
    "key": ("ชื่อคอลัมน์ (key)", "key"),
    "sum_of": ("ผลรวมของ", "sum of"),
    "target": ("เป้าหมาย", "target"),
    "pool": ("เพดาน", "pool"),
    "rows": ("แถว", "row"),
    "totals": ("ยอดรวม", "totals"),
    "total_label": ("ชื่อแถวรวม", "total label"),
    "allocation": ("วิธีจัดสรร", "allocation"),
    "method": ("วิธี", "method"),
    "weight": ("น้ำหนัก", "weight"),
    "total": ("ยอดรวม", "total"),
    "floor": ("ขั้นต่ำ", "floor"),
    "cap": ("เพดาน", "cap"),
    "notes": ("หมายเหตุ", "notes"),
    "committee": ("คณะกรรมการ", "committee"),
    "year": ("ปี", "year"),
    "venue": ("สถานที่", "venue"),
    "members": ("จำนวนกรรมการ", "members"),
    "present": ("ผู้มาประชุม", "present"),
    "absent": ("ผู้ไม่มาประชุม", "absent"),
    "attending": ("ผู้เข้าร่วมประชุม", "attending"),
    "start": ("เวลาเริ่มประชุม", "start time"),
    "end": ("เวลาเลิกประชุม", "end time"),
    "opening": ("ข้อความเปิดประชุม", "opening"),
    "agenda": ("ระเบียบวาระ", "agenda item"),
    "resolution": ("มติที่ประชุม", "resolution"),
    "recorder": ("ผู้จดรายงานการประชุม", "recorder"),
    "checker": ("ผู้ตรวจรายงานการประชุม", "checker"),
    "when": ("ช่วงเวลา", "when"),
}

# How a list's items are counted: agenda items are วาระที่, others ข้อ / ลำดับที่.
_ITEM_WORD = {"agenda": ("วาระที่", "agenda item"), "rows": ("แถวที่", "row"), "items": ("ข้อ", "item")}
_DOCUMENT_LISTS = {"circulars", "registers", "meetings", "memos", "orders", "invitations", "announcements"}


def describe(path: tuple[str | int, ...], data: Any = None, digits: thai.Digits = "thai") -> tuple[str, str]:
    """(Thai, English) names of ``path`` inside ``data`` (the file as plain values, used to name
    documents by their id and rows by their name). An empty path is the file's top."""
    th: list[str] = []
    en: list[str] = []
    node = data
    register: Any = None
    i = 0
    while i < len(path):
        key = path[i]
        nxt = path[i + 1] if i + 1 < len(path) else None
        if key in ("values", "totals") and isinstance(nxt, str):
            title = _column_title(register, nxt)
            if key == "totals":
                th.append("แถวรวม")
                en.append("total row")
            th.append(f'ช่อง "{title}"')
            en.append(f'column "{title}"')
            i += 2
            node = None
            continue
        child = node.get(key) if isinstance(node, dict) and isinstance(key, str) else None
        if isinstance(key, str) and isinstance(nxt, int):
            item = child[nxt] if isinstance(child, list) and 0 <= nxt < len(child) else None
            t, e = LABELS.get(key, (key, key))
            if key in _DOCUMENT_LISTS and isinstance(item, dict) and isinstance(item.get("id"), str):
                th.append(f"{t} {item['id']}")
                en.append(f"{e} {item['id']}")
            elif key == "rows" and isinstance(item, (dict, list)) and _row_name(item):
                th.append(f"แถว {_row_name(item)}")
                en.append(f"row {_row_name(item)}")
            else:
                word_th, word_en = _ITEM_WORD.get(key, (f"{t}ข้อ", e))
                th.append(f"{word_th} {thai.format_number(nxt + 1, digits)}")
                en.append(f"{word_en} {nxt + 1}")
            if key == "registers":
                register = item
            node = item
            i += 2
            continue
        if isinstance(key, int):
            th.append(f"ข้อ {thai.format_number(key + 1, digits)}")
            en.append(f"item {key + 1}")
            node = node[key] if isinstance(node, list) and 0 <= key < len(node) else None
        else:
            t, e = LABELS.get(key, (key, key))
            th.append(t)
            en.append(e)
            node = child
        i += 1
    if not th:
        return "ต้นแฟ้ม", "top of the file"
    return ", ".join(th), ", ".join(en)


def _column_title(register: Any, key: str) -> str:
    columns = register.get("columns") if isinstance(register, dict) else None
    for column in columns if isinstance(columns, list) else []:
        if isinstance(column, dict) and column.get("key") == key and isinstance(column.get("title"), str):
            return column["title"]
    return key


def _row_name(item: dict | list) -> str | None:
    name = item.get("name") if isinstance(item, dict) else (item[0] if item else None)
    return name if isinstance(name, str) and name.strip() else None


__all__ = ["LABELS", "describe"]
