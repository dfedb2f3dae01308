"""The two real documents the project started from (``fixtures/originals/``, as published), the mistakes each carries (rule, source line,
words on that line), and the corrections that turn them into the clean copies under
``fixtures/``."""

from __future__ import annotations

from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"
EXAMPLES = FIXTURES / "originals"

LAMPANG = "lampang-kbo-2568-circular.txt"
CHIANGMAI = "chiangmai-kbo-meeting-1-2565.txt"

FIXES = {
    LAMPANG: [
        ("ที่ ลป ๐๐๑๙๓/ว ๒๕๕๕๕", "ที่ ลป ๐๐๑๙.๓/ว ๒๕๕๕๕"),
        ("ถนนวชิรवारุฒิดำเนิน", "ถนนวชิราวุธดำเนิน"),
        ("ภายในวันที่ ๒๐ ธันวาคม ๒๕๖๘", "ภายในวันที่ ๒๐ ธันวาคม ๒๕๖๗"),
    ],
    CHIANGMAI: [
        ("นายเจริญ\u00a0 สีวาโย", "นายเจริญ สีวาโย"),
        ("นางลัดดา\u00a0 พรหมเมือง", "นางลัดดา พรหมเมือง"),
        ("ชุมชน\u00a0 \u00a0คณะอนุกรรมการฯ", "ชุมชน คณะอนุกรรมการฯ"),
        ("โครงการส่งกระบวนการ", "โครงการส่งเสริมกระบวนการ"),
        ("(Knowledge- Based OTOP)", "(Knowledge-Based OTOP)"),
        ("ผู้ประกอบการ TOP เข้าร่วม", "ผู้ประกอบการ OTOP เข้าร่วม"),
        ("(Knowled-Based OTOP : KBO) จำนวน 2 กิจกรรม", "(Knowledge-Based OTOP : KBO) จำนวน 3 กิจกรรม"),
        ("โรงแรมฮอลิเย์การ์น", "โรงแรมฮอลิเดย์การ์เด้น"),
        ("มกราคม – มีนาคม 2564", "มกราคม – มีนาคม 2565"),
        ("หลักกณฑ์", "หลักเกณฑ์"),
    ],
}
"""(wrong, right) for every mistake a corrected copy fixes; each wrong text occurs once."""

MISTAKES = {
    LAMPANG: [
        ("TXT001", 9, "ถนนวชิร"),
        ("CIR003", 31, "๒๐ ธันวาคม ๒๕๖๘"),
    ],
    CHIANGMAI: [
        ("TXT003", 3, "นายเจริญ\u00a0 สีวาโย"),
        ("TXT003", 3, "นางลัดดา\u00a0 พรหมเมือง"),
        ("TXT003", 3, "ชุมชน\u00a0 \u00a0คณะอนุกรรมการฯ"),
        ("LNT001", 13, "โครงการส่งกระบวนการ"),
        ("MTG004", 25, "จำนวน 2 กิจกรรม"),
        ("LNT001", 27, "โรงแรมฮอลิเย์การ์น"),
        ("MTG005", 29, "มกราคม – มีนาคม 2564"),
    ],
}
"""What lint must report on each original: (rule, line in the text file, words on that line).
The issue names the Lampang deadline and Devanagari letters, and the Chiang Mai count, plan
date, venue and doubled spaces; the project name typed without "เสริม" (line 13) is a real
mistake too (samples/README.md lists it)."""


def example_text(name: str) -> str:
    path = EXAMPLES / name
    if not path.is_file():
        pytest.fail(f"the real example {path} is missing from the repository", pytrace=False)
    return path.read_text(encoding="utf-8")


def corrected(name: str) -> str:
    text = example_text(name)
    for wrong, right in FIXES[name]:
        assert text.count(wrong) == 1, f"{name}: {wrong!r} occurs {text.count(wrong)} times"
        text = text.replace(wrong, right)
    return text


def corrected_path(name: str) -> Path:
    return FIXTURES / name.replace(".txt", ".corrected.txt")
