"""Thai labels for the field names of the model (display text only). A field without one is
shown under its own name, so a new field still appears."""

LABELS = {
    "agency": "ส่วนราชการ", "project": "โครงการ", "circulars": "หนังสือ/หนังสือเวียน",
    "registers": "ทะเบียน", "meetings": "การประชุม", "noqa": "ปิดกฎ (รหัส: เหตุผล)",
    "name": "ชื่อ", "issuer": "ส่วนราชการเจ้าของหนังสือ", "address": "ที่อยู่ (บรรทัดละหนึ่ง)",
    "reference_prefix": "รหัสหนังสือ (ก่อน /)", "unit": "ส่วนราชการเจ้าของเรื่อง", "contact": "ติดต่อ",
    "phone": "โทร.", "fax": "โทรสาร", "email": "ไปรษณีย์อิเล็กทรอนิกส์", "garuda_image": "ภาพตราครุฑ",
    "digits": "ตัวเลข", "short_name": "ชื่อย่อ", "fiscal_year": "ปีงบประมาณ พ.ศ.",
    "id": "รหัสเอกสาร", "kind": "ชนิด", "number": "ที่ / ครั้งที่", "date": "ลงวันที่",
    "subject": "เรื่อง", "salutation": "คำขึ้นต้น", "recipient": "เรียน", "references": "อ้างถึง",
    "enclosures": "สิ่งที่ส่งมาด้วย", "title": "ชื่อเรื่อง", "quantity": "จำนวน", "register": "รหัสทะเบียน",
    "body": "ข้อความ (ย่อหน้าละบรรทัด)", "actions_intro": "ข้อความนำข้อปฏิบัติ", "actions": "ข้อปฏิบัติ",
    "text": "ข้อความ", "items": "ข้อย่อย", "deadline": "กำหนดส่ง", "conclusion": "ข้อความท้าย",
    "closing": "คำลงท้าย", "signer": "ผู้ลงนาม", "position": "ตำแหน่ง", "role": "บทบาท",
    "acting": "ปฏิบัติราชการแทน", "reason": "เหตุผล", "substitute_for": "มาแทน", "copies": "สำเนาส่ง",
    "row_label": "หัวคอลัมน์รายการ", "columns": "คอลัมน์", "key": "คีย์", "sum_of": "ผลรวมของคอลัมน์",
    "target": "เป็นเป้า", "pool": "เลือกจากคอลัมน์", "rows": "แถว", "totals": "ยอดรวม (คีย์: ค่า)",
    "total_label": "คำว่ารวม", "allocation": "วิธีจัดสรร", "method": "วิธี", "weight": "คอลัมน์น้ำหนัก",
    "total": "ยอดที่จัดสรร", "floor": "ขั้นต่ำ", "cap": "คอลัมน์เพดาน", "notes": "หมายเหตุ",
    "committee": "คณะกรรมการ", "venue": "สถานที่", "members": "จำนวนกรรมการ", "present": "ผู้มาประชุม",
    "absent": "ผู้ไม่มาประชุม", "attending": "ผู้เข้าร่วมประชุม", "start": "เริ่มประชุมเวลา",
    "end": "เลิกประชุมเวลา", "opening": "ข้อความเปิดประชุม", "agenda": "ระเบียบวาระ",
    "resolution": "มติที่ประชุม", "when": "ช่วงเวลา", "year": "ปี พ.ศ.", "recorder": "ผู้จดรายงาน",
    "checker": "ผู้ตรวจรายงาน", "memos": "บันทึกข้อความ", "orders": "คำสั่ง", "invitations": "หนังสือเชิญ",
    "announcements": "ประกาศ", "equals": "เท่ากับยอดของทะเบียนอื่น", "recipients": "ผู้รับ (หนึ่งฉบับต่อผู้รับ)",
    "values": "ค่าของผู้รับ (คีย์: ค่า) พิมพ์ด้วย ${row.คีย์}", "xlsx": "แฟ้ม Excel", "sheet": "ชีต",
}


def label_for(key: str, title: str | None = None) -> str:
    """``ชื่อ (key)``: this table's Thai name, else the Thai half of the model field's title."""
    thai = LABELS.get(key) or (title.split(" / ")[0] if title else None)
    return f"{thai} ({key})" if thai else key


def short_label(key: str) -> str:
    """The Thai name alone, for buttons (เพิ่มหนังสือ); the key when there is none."""
    return LABELS.get(key, key)
