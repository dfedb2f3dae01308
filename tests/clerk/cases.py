"""Clerk mistakes: each case types one slip into a clean data file, names the message kbo-docs
must give (Thai first, exactly), its line and column, and how a clerk follows the hint: the
replacement is read out of the message itself, never supplied by the test."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
LAMPANG = (HERE / "lampang.yaml").read_text(encoding="utf-8")
MEETING = (HERE / "meeting.yaml").read_text(encoding="utf-8")


@dataclass(frozen=True)
class Slip:
    id: str
    base: str
    wrong: str
    """Text of the clean file that the slip replaces (occurs once)."""
    typed: str
    """What the clerk typed instead."""
    marker: str
    """Text on the line the message must name (in the file with the slip)."""
    message: str
    """The exact message (Thai, then ' / ', then English)."""
    column: int = 0
    follow: Callable[[str, str, str], str] | None = None
    """``follow(text, output, message) -> text``: the clerk doing what the message says."""
    after: str = "clean"
    """What following the hint gives: "clean" (exit 0) or "next" (another finding, elsewhere)."""

    def text(self) -> str:
        assert self.base.count(self.wrong) == 1, self.wrong
        return self.base.replace(self.wrong, self.typed)


# ---------------------------------------------------------------------------------------------
# How a clerk follows each kind of hint (everything new is read from the output)


def change_line(text: str, output: str, message: str) -> str:
    """"แก้บรรทัด N เป็น / change line N to:" then "   N | <line>"."""
    m = re.search(r"change line (\d+) to:\n\s*\d+ \| (.*)", output)
    assert m, output
    lines = text.split("\n")
    lines[int(m[1]) - 1] = m[2]
    return "\n".join(lines)


def replace_on_line(pattern: str, old: str, template: str = "{}") -> Callable[[str, str, str], str]:
    """Replace ``old`` on the named line with what ``pattern`` finds in the message
    (placed in ``template``)."""

    def follow(text: str, output: str, message: str) -> str:
        m = re.search(pattern, message)
        assert m, message
        line_no = int(re.search(r":(\d+)(?::\d+)?: ", output)[1])
        lines = text.split("\n")
        assert old in lines[line_no - 1], (old, lines[line_no - 1])
        lines[line_no - 1] = lines[line_no - 1].replace(old, template.format(m[1]), 1)
        return "\n".join(lines)

    return follow


def delete_named_line(text: str, output: str, message: str) -> str:
    line_no = int(re.search(r":(\d+)(?::\d+)?: ", output)[1])
    lines = text.split("\n")
    del lines[line_no - 1]
    return "\n".join(lines)


def add_line(value: str) -> Callable[[str, str, str], str]:
    """"เพิ่มบรรทัด key: ..." under the item the message names (the clerk supplies the value)."""

    def follow(text: str, output: str, message: str) -> str:
        key = re.search(r"เพิ่มบรรทัด (\w+): \.\.\.", message)[1]
        line_no = int(re.search(r":(\d+)(?::\d+)?: ", output)[1])
        lines = text.split("\n")
        indent = len(lines[line_no - 1]) - len(lines[line_no - 1].lstrip(" -")) 
        lines.insert(line_no, " " * indent + f"{key}: {value}")
        return "\n".join(lines)

    return follow


# ---------------------------------------------------------------------------------------------
# The slips

SLIPS = [
    # --- YAML: indentation, tabs, quotes, colons, brackets ------------------------------------
    Slip("indent-one-more", LAMPANG, "\n  fiscal_year: ๒๕๖๘", "\n   fiscal_year: ๒๕๖๘", "   fiscal_year:",
         "แฟ้มข้อมูลผิดรูปแบบ: ย่อหน้าไม่ตรงกับบรรทัดข้างบน คีย์ในชุดเดียวกันต้องเริ่มที่คอลัมน์เดียวกัน / "
         "malformed YAML: the indentation does not match the lines above; keys of one group start in the same column",
         column=15, follow=change_line),
    Slip("indent-one-less", LAMPANG, "\n    subject: การดำเนิน", "\n   subject: การดำเนิน", "   subject:",
         "แฟ้มข้อมูลผิดรูปแบบ: ย่อหน้าไม่ตรงกับบรรทัดข้างบน คีย์ในชุดเดียวกันต้องเริ่มที่คอลัมน์เดียวกัน / "
         "malformed YAML: the indentation does not match the lines above; keys of one group start in the same column",
         column=4, follow=change_line),
    Slip("tab-indent", LAMPANG, "\n  short_name: KBO", "\n\tshort_name: KBO", "\tshort_name:",
         "แฟ้มข้อมูลผิดรูปแบบ: ใช้แท็บ (Tab) ย่อหน้า ซึ่ง YAML ไม่รับ ต้องย่อหน้าด้วยการเคาะช่องว่างเท่านั้น / "
         "malformed YAML: a tab is used to indent; YAML indents with spaces only",
         column=1, follow=change_line),
    Slip("colon-in-text", LAMPANG, 'name: "โครงการส่งเสริมกระบวนการเครือข่ายองค์ความรู้ (Knowledge – Based OTOP : KBO)"',
         "name: โครงการส่งเสริมกระบวนการเครือข่ายองค์ความรู้ (Knowledge – Based OTOP : KBO)", "(Knowledge – Based OTOP : KBO)",
         "แฟ้มข้อมูลผิดรูปแบบ: ข้อความมีเครื่องหมาย \": \" ซึ่ง YAML อ่านเป็นคีย์ใหม่ ต้องครอบข้อความทั้งหมดด้วยเครื่องหมายคำพูด / "
         "malformed YAML: the text contains ': ', which YAML reads as a new key; put the whole text in quotes",
         column=78, follow=change_line),
    Slip("colon-in-subject", LAMPANG, "conclusion: จึงเรียนมาเพื่อพิจารณาดำเนินการ",
         "conclusion: จึงเรียนมาเพื่อพิจารณา: ดำเนินการ", "conclusion: จึงเรียน",
         "แฟ้มข้อมูลผิดรูปแบบ: ข้อความมีเครื่องหมาย \": \" ซึ่ง YAML อ่านเป็นคีย์ใหม่ ต้องครอบข้อความทั้งหมดด้วยเครื่องหมายคำพูด / "
         "malformed YAML: the text contains ': ', which YAML reads as a new key; put the whole text in quotes",
         column=39, follow=change_line),
    Slip("unclosed-quote", LAMPANG, 'quadrant_d: "๑,๖๙๖",', 'quadrant_d: "๑,๖๙๖,', "quadrant_d: \"๑,๖๙๖,",
         "แฟ้มข้อมูลผิดรูปแบบ: เปิดเครื่องหมายคำพูดแล้วไม่ได้ปิด ต้องมีเครื่องหมายคำพูดปิดท้ายข้อความในบรรทัดเดียวกัน / "
         "malformed YAML: a quote is opened but not closed; close it at the end of the text",
         column=37, follow=change_line),
    Slip("unclosed-quote-at-end", MEETING, 'committee: "คณะกรรมการเครือข่ายองค์ความรู้ (Knowledge-Based OTOP : KBO) จังหวัดเชียงใหม่"',
         'committee: "คณะกรรมการเครือข่ายองค์ความรู้ (Knowledge-Based OTOP : KBO) จังหวัดเชียงใหม่', "committee: \"คณะ",
         "แฟ้มข้อมูลผิดรูปแบบ: เปิดเครื่องหมายคำพูดแล้วไม่ได้ปิด ต้องมีเครื่องหมายคำพูดปิดท้ายข้อความในบรรทัดเดียวกัน / "
         "malformed YAML: a quote is opened but not closed; close it at the end of the text",
         column=16, follow=change_line),
    Slip("missing-colon", LAMPANG, "    recipient: นายอำเภอ ทุกอำเภอ", "    recipient นายอำเภอ ทุกอำเภอ", "recipient นายอำเภอ",
         "แฟ้มข้อมูลผิดรูปแบบ: ขาดเครื่องหมาย \":\" หลังชื่อคีย์ / malformed YAML: a ':' is missing after the key",
         column=5, follow=change_line),
    Slip("unclosed-bracket", LAMPANG, "[เสริมงาม,     ๒,      ๘๓,        ๘๕,    ๒]",
         "[เสริมงาม,     ๒,      ๘๓,        ๘๕,    ๒", "[เสริมงาม,",
         "แฟ้มข้อมูลผิดรูปแบบ: เปิดวงเล็บเหลี่ยม [ แล้วไม่ได้ปิด ต้องมี ] ปิดท้ายรายการในบรรทัดเดียวกัน / "
         "malformed YAML: a '[' is opened but not closed; close the list with ']' on the same line",
         column=7, follow=change_line),
    Slip("duplicate-key", LAMPANG, "    salutation: เรียน\n", "    salutation: เรียน\n    salutation: เรียนท่าน\n", "salutation: เรียนท่าน",
         "คีย์ 'salutation' ซ้ำกับบรรทัด 33 ให้ลบบรรทัดที่ไม่ใช้ออกหนึ่งบรรทัด / "
         "duplicate key 'salutation' (also on line 33); delete one of the two lines",
         follow=delete_named_line),
    # --- keys and required values --------------------------------------------------------------
    Slip("misspelt-key", LAMPANG, "    subject: การดำเนิน", "    subjcet: การดำเนิน", "subjcet:",
         "หนังสือเวียน kbo68-districts: ไม่รู้จักคีย์นี้ 'subjcet' (หมายถึง 'subject' หรือไม่) (และอีก 1 จุด) / "
         "circular kbo68-districts: unknown key 'subjcet' (did you mean 'subject'?) (and 1 more)",
         follow=replace_on_line(r"หมายถึง '(\w+)'", "subjcet")),
    Slip("misspelt-deadline", LAMPANG, "        deadline: ๒๐ ธันวาคม ๒๕๖๗", "        deadlne: ๒๐ ธันวาคม ๒๕๖๗", "deadlne:",
         "หนังสือเวียน kbo68-districts, การดำเนินการข้อ ๒: ไม่รู้จักคีย์นี้ 'deadlne' (หมายถึง 'deadline' หรือไม่) / "
         "circular kbo68-districts, action 2: unknown key 'deadlne' (did you mean 'deadline'?)",
         follow=replace_on_line(r"หมายถึง '(\w+)'", "deadlne")),
    Slip("missing-number", LAMPANG, "    number: ลป ๐๐๑๙.๓/ว ๒๕๕๕๕\n", "", "- id: kbo68-districts",
         "หนังสือเวียน kbo68-districts, เลขที่: ขาดค่าที่ต้องมี (เพิ่มบรรทัด number: ...) / "
         "circular kbo68-districts, number: required field missing (add a line 'number: ...')",
         follow=add_line("ลป ๐๐๑๙.๓/ว ๒๕๕๕๕")),
    Slip("id-with-space", LAMPANG, "  - id: kbo68-districts", "  - id: kbo68 districts", "id: kbo68 districts",
         "หนังสือเวียน kbo68 districts, รหัสเอกสาร (id): ใช้ได้เฉพาะตัวอักษร ตัวเลข . _ -: 'kbo68 districts' / "
         "circular kbo68 districts, id: only letters, digits, '.', '_' and '-': 'kbo68 districts'",
         follow=lambda t, o, m: t.replace("kbo68 districts", "kbo68-districts")),
    # --- dates and years -----------------------------------------------------------------------
    Slip("31-february", LAMPANG, "deadline: ๒๐ ธันวาคม ๒๕๖๗", "deadline: ๓๑ กุมภาพันธ์ ๒๕๖๘", "deadline: ๓๑",
         "หนังสือเวียน kbo68-districts, การดำเนินการข้อ ๒, กำหนดส่ง: ไม่มีวันที่ ๓๑ กุมภาพันธ์ ๒๕๖๘ (กุมภาพันธ์ ๒๕๖๘ มี ๒๘ วัน) / "
         "circular kbo68-districts, action 2, deadline: no such date: 31 กุมภาพันธ์ 2568 (กุมภาพันธ์ 2568 has 28 days)",
         follow=replace_on_line(r"มี (๒๘) วัน", "๓๑")),
    Slip("29-february-non-leap", LAMPANG, "deadline: ๒๐ ธันวาคม ๒๕๖๗", "deadline: ๒๙ กุมภาพันธ์ ๒๕๖๖", "deadline: ๒๙",
         "หนังสือเวียน kbo68-districts, การดำเนินการข้อ ๒, กำหนดส่ง: ไม่มีวันที่ ๒๙ กุมภาพันธ์ ๒๕๖๖ (ปี ๒๕๖๖ ไม่ใช่ปีอธิกสุรทิน กุมภาพันธ์ ๒๕๖๖ มี ๒๘ วัน) / "
         "circular kbo68-districts, action 2, deadline: no such date: 29 กุมภาพันธ์ 2566 (2566 is not a leap year: กุมภาพันธ์ 2566 has 28 days)",
         follow=replace_on_line(r"มี (๒๘) วัน", "๒๙"), after="next"),
    Slip("ce-year-in-thai-date", LAMPANG, "date: ๖ ธันวาคม ๒๕๖๗", "date: ๖ ธันวาคม ๒๐๒๔", "date: ๖ ธันวาคม ๒๐๒๔",
         "หนังสือเวียน kbo68-districts, วันที่: ปีในวันที่แบบไทยต้องเป็น พ.ศ.: '๖ ธันวาคม ๒๐๒๔' (ค.ศ. ๒๐๒๔ = พ.ศ. ๒๕๖๗) ให้เขียน ๖ ธันวาคม ๒๕๖๗ / "
         "circular kbo68-districts, date: a Thai date takes a BE year: '๖ ธันวาคม ๒๐๒๔' (ค.ศ. 2024 = พ.ศ. 2567); write ๖ ธันวาคม ๒๕๖๗",
         follow=replace_on_line(r"ให้เขียน (\S+ \S+ \S+)", "๖ ธันวาคม ๒๐๒๔")),
    Slip("ce-fiscal-year", LAMPANG, "fiscal_year: ๒๕๖๘", "fiscal_year: 2025", "fiscal_year: 2025",
         "โครงการ, ปีงบประมาณ: ปี พ.ศ. ต้องอยู่ระหว่าง ๒๔๐๐-๒๗๐๐ ไม่ใช่ ๒๐๒๕ ถ้าเป็น ค.ศ. ๒๐๒๕ ให้เขียน พ.ศ. ๒๕๖๘ / "
         "project, fiscal year: a BE year must be 2400-2700, not 2025; for ค.ศ. 2025 write พ.ศ. 2568",
         follow=replace_on_line(r"ให้เขียน พ.ศ. (\S+)", "2025")),
    Slip("wrong-weekday", MEETING, "date: วันอังคารที่ ๑๑ มกราคม ๒๕๖๕", "date: วันจันทร์ที่ ๑๑ มกราคม ๒๕๖๕", "date: วันจันทร์ที่",
         "การประชุม kbo-committee-1-2565, วันที่: วันในสัปดาห์ไม่ตรง: ๑๑ มกราคม ๒๕๖๕ เป็นวันอังคาร ไม่ใช่วันจันทร์ / "
         "meeting kbo-committee-1-2565, date: wrong weekday: 11 มกราคม 2565 is วันอังคาร, not วันจันทร์",
         follow=replace_on_line(r"เป็น(วัน\S+) ไม่ใช่", "วันจันทร์")),
    Slip("short-month-name", LAMPANG, "date: ๖ ธันวาคม ๒๕๖๗", "date: ๖ ธันวา ๒๕๖๗", "date: ๖ ธันวา ",
         "หนังสือเวียน kbo68-districts, วันที่: ไม่รู้จักชื่อเดือน 'ธันวา' ใน '๖ ธันวา ๒๕๖๗' ให้เขียนชื่อเดือนเต็ม เช่น ธันวาคม หรือย่อ เช่น ธ.ค. / "
         "circular kbo68-districts, date: unknown month name 'ธันวา' in '๖ ธันวา ๒๕๖๗'; write the full name (ธันวาคม) or its abbreviation (ธ.ค.)",
         follow=replace_on_line(r"หรือย่อ เช่น (\S+)", "ธันวา")),
    Slip("letter-date-wrong-year", LAMPANG, "date: ๖ ธันวาคม ๒๕๖๗", "date: ๖ ธันวาคม ๒๕๖๘", "date: ๖ ธันวาคม ๒๕๖๘",
         "วันที่หนังสือ ๖ ธันวาคม ๒๕๖๘ อยู่นอกปีงบประมาณ พ.ศ. ๒๕๖๘ (๑ ตุลาคม ๒๕๖๗ - ๓๐ กันยายน ๒๕๖๘) "
         "และกำหนดส่งในหนังสือ (๒๐ ธันวาคม ๒๕๖๗) มาก่อนวันที่นี้ จึงน่าจะพิมพ์วันที่หนังสือผิด (หมายถึง ๖ ธันวาคม ๒๕๖๗ หรือไม่) / "
         "letter date 6 ธันวาคม 2568 is outside the fiscal year 2568 (1 ตุลาคม 2567 to 30 กันยายน 2568), "
         "and the letter's own deadline (20 ธันวาคม 2567) comes before it: the date is probably mistyped (did you mean 6 ธันวาคม 2567?)",
         follow=replace_on_line(r"หมายถึง (\S+ \S+ \S+) หรือไม่", "๖ ธันวาคม ๒๕๖๘")),
    Slip("deadline-wrong-year", LAMPANG, "deadline: ๒๐ ธันวาคม ๒๕๖๗", "deadline: ๒๐ ธันวาคม ๒๕๖๘", "deadline: ๒๐ ธันวาคม ๒๕๖๘",
         "กำหนดส่ง ๒๐ ธันวาคม ๒๕๖๘ อยู่นอกปีงบประมาณ พ.ศ. ๒๕๖๘ (๑ ตุลาคม ๒๕๖๗ - ๓๐ กันยายน ๒๕๖๘) (หมายถึง ๒๐ ธันวาคม ๒๕๖๗ หรือไม่) / "
         "deadline 20 ธันวาคม 2568 is outside the fiscal year 2568 (1 ตุลาคม 2567 to 30 กันยายน 2568) (did you mean 20 ธันวาคม 2567?)",
         follow=replace_on_line(r"หมายถึง (\S+ \S+ \S+) หรือไม่", "๒๐ ธันวาคม ๒๕๖๘")),
    Slip("impossible-time", MEETING, "start: ๐๙.๐๐ น.", "start: ๒๙.๐๐ น.", "start: ๒๙.๐๐",
         "การประชุม kbo-committee-1-2565, เวลาเริ่มประชุม: ไม่มีเวลา '๒๙.๐๐ น.' (ชั่วโมง ๐๐-๒๓ นาที ๐๐-๕๙) / "
         "meeting kbo-committee-1-2565, start time: no such time: '๒๙.๐๐ น.' (hour 0-23, minute 00-59)",
         follow=lambda t, o, m: t.replace("๒๙.๐๐ น.", "๐๙.๐๐ น.")),
    Slip("meeting-number-dash", MEETING, "number: ๑/๒๕๖๕", "number: ๑-๒๕๖๕", "number: ๑-๒๕๖๕",
         "การประชุม kbo-committee-1-2565, เลขที่: ครั้งที่ ต้องเป็น n/ปี เช่น ๑/๒๕๖๕ / meeting kbo-committee-1-2565, number: meeting number must be n/year: '๑-๒๕๖๕'",
         follow=lambda t, o, m: t.replace("number: ๑-๒๕๖๕", "number: ๑/๒๕๖๕")),
    # --- numbers and registers -------------------------------------------------------------------
    Slip("mixed-digits", LAMPANG, "quantity: ๑\n        register:", "quantity: 1๑\n        register:", "quantity: 1๑",
         "หนังสือเวียน kbo68-districts, สิ่งที่ส่งมาด้วยข้อ ๑, จำนวน: ตัวเลข '1๑' ใช้เลขไทยปนเลขอารบิก ให้ใช้แบบเดียว / "
         "circular kbo68-districts, enclosure 1, quantity: mixed Thai and Arabic digits in one number: '1๑'",
         follow=lambda t, o, m: t.replace("quantity: 1๑", "quantity: ๑")),
    Slip("wrong-stated-total", LAMPANG, 'total: "๑,๗๔๘"', 'total: "๑,๗๕๘"', 'total: "๑,๗๕๘"',
         "แถวรวม ช่อง \"รวม (ผลิตภัณฑ์)\" พิมพ์ไว้ ๑,๗๕๘ แต่บวกทุกแถวได้ ๑,๗๔๘ (แก้เป็น ๑,๗๔๘ หรือลบออกให้คำนวณเอง) / "
         "the total row's \"รวม (ผลิตภัณฑ์)\" cell says 1,758 but the rows add up to 1,748 (type 1,748, or remove it to have it computed)",
         follow=replace_on_line(r"แก้เป็น (\S+) ", "๑,๗๕๘")),
    Slip("wrong-row-sum", LAMPANG, "[งาว,          ๔,      ๑๐๘,       ๑๑๒,   ๓]", "[งาว,          ๔,      ๑๐๘,       ๑๒๒,   ๓]", "[งาว,",
         "แถว งาว: ช่อง \"รวม (ผลิตภัณฑ์)\" พิมพ์ไว้ ๑๒๒ แต่บวกส่วนประกอบได้ ๑๑๒ (แก้เป็น ๑๑๒ หรือเว้นว่างให้คำนวณเอง) / "
         "row งาว: the \"รวม (ผลิตภัณฑ์)\" cell says 122 but its parts add up to 112 (type 112, or leave it empty to have it computed)",
         follow=replace_on_line(r"แก้เป็น (\S+) ", "๑๒๒")),
    Slip("target-typed-as-dash", LAMPANG, "[งาว,          ๔,      ๑๐๘,       ๑๑๒,   ๓]", "[งาว,          ๔,      ๑๐๘,       ๑๑๒,   -]", "[งาว,",
         "แถว งาว: เป้า ๐ แต่วิธีจัดสรรที่กำหนด (เศษเหลือมากที่สุด (Hamilton) ขั้นต่ำ ๒) ให้ ๓ (แก้เป็น ๓ หรือเว้นว่างให้คำนวณเอง) / "
         "row งาว: target 0 but the declared rule (hamilton, floor 2) gives 3 (type it, or leave it empty to have it computed)",
         follow=replace_on_line(r"แก้เป็น (\S+) ", " -]", " {}]")),
    Slip("target-over-pool", LAMPANG, "[เถิน,          ๔,      ๔๗,        ๕๑,    ๒]", "[เถิน,          ๔,      ๔๗,        ๕๑,    ๕๒]", "[เถิน,",
         "แถว เถิน: เป้า ๕๒ มากกว่าที่มีให้เลือก ๕๑ (ใส่ได้ไม่เกิน ๕๑) / row เถิน: target 52 exceeds the 51 available (at most 51)",
         follow=replace_on_line(r"ไม่เกิน (\S+)\)", "๕๒"), after="next"),
    Slip("negative-cell", LAMPANG, "[เถิน,          ๔,      ๔๗,        ๕๑,    ๒]", "[เถิน,          -๔,      ๔๗,        ๕๑,    ๒]", "[เถิน,",
         "แถว เถิน: ช่อง \"จำนวนผลิตภัณฑ์ ๑-๓ ดาว ปี ๖๗\" ติดลบ (-๔) จำนวนนับต้องไม่ติดลบ / "
         "row เถิน: negative count -4 in \"จำนวนผลิตภัณฑ์ ๑-๓ ดาว ปี ๖๗\"",
         follow=lambda t, o, m: t.replace("-๔,", "๔,", 1), after="clean"),
    Slip("not-a-whole-number", LAMPANG, "[เถิน,          ๔,      ๔๗,", "[เถิน,          ๔.๕,      ๔๗,", "[เถิน,",
         "แถว เถิน: ช่อง \"จำนวนผลิตภัณฑ์ ๑-๓ ดาว ปี ๖๗\" พิมพ์ไว้ ๔.๕ จำนวนนับต้องเป็นจำนวนเต็ม (ถ้าเป็นทศนิยมให้กำหนด 'type: decimal') / "
         "row เถิน: \"จำนวนผลิตภัณฑ์ ๑-๓ ดาว ปี ๖๗\" says 4.5: a count must be a whole number (for decimals set 'type: decimal')",
         follow=lambda t, o, m: t.replace("๔.๕,", "๔,", 1)),
]
