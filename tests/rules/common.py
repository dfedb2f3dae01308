"""Small documents and assertions shared by the per-rule tests.

Every document starts from ``helpers.MINIMAL`` (agency + project, fiscal year ๒๕๖๘, which runs
from 1 October 2024 = ๑ ตุลาคม ๒๕๖๗ to 30 September 2025 = ๓๐ กันยายน ๒๕๖๘) and adds one
small circular, register or meeting. Each base document is correct: tests make one change.
"""

from __future__ import annotations

from kbo_docs.findings import Finding, Severity

from ..helpers import MINIMAL, check_text, codes, line_of

REGISTER = MINIMAL + """\
registers:
  - id: reg
    title: ทะเบียนจัดสรรกลุ่มเป้าหมาย
    row_label: อำเภอ
    columns:
      - {key: stars, title: ผลิตภัณฑ์ ๑-๓ ดาว}
      - {key: quad, title: ผลิตภัณฑ์ Quadrant D}
      - {key: total, title: รวม, sum_of: [stars, quad]}
      - {key: target, title: เป้า, target: true, pool: total}
    rows:
      - [เมืองลำปาง, ๑๔, ๓๕๔, ๓๖๘, ๔]
      - [แม่เมาะ, ๓, ๖๙๙, ๗๐๒, ๓]
      - [สบปราบ, ๑, ๑, ๒, ๒]
    totals:
      stars: ๑๘
      quad: ๑,๐๕๔
      total: ๑,๐๗๒
      target: ๙
"""
"""A register whose rows add up: ๑๘ + ๑,๐๕๔ = ๑,๐๗๒ products, ๔ + ๓ + ๒ = ๙ targets."""

CIRCULAR = MINIMAL + """\
circulars:
  - id: c1
    kind: circular
    number: ลป ๐๐๑๙.๓/ว ๒๕๕๕
    date: ๖ ธันวาคม ๒๕๖๗
    subject: การดำเนินโครงการทดสอบ
    salutation: เรียน
    recipient: นายอำเภอ ทุกอำเภอ
    enclosures:
      - title: ทะเบียนจัดสรรกลุ่มเป้าหมาย
        register: kbo-68
      - title: แบบรายงานผล
    body:
      - ตามสิ่งที่ส่งมาด้วย ๑ และ ๒ ขอให้อำเภอดำเนินการ
    actions:
      - text: ส่งแบบรายงานผลภายในวันที่ ${deadline}
        deadline: ๒๐ ธันวาคม ๒๕๖๗
    conclusion: จึงเรียนมาเพื่อพิจารณาดำเนินการ
    closing: ขอแสดงความนับถือ
    signer:
      name: นางสาวทดสอบ ระบบดี
      position: รองผู้ว่าราชการจังหวัด
      acting: ปฏิบัติราชการแทน ผู้ว่าราชการจังหวัดลำปาง
registers:
  - id: kbo-68
    title: ทะเบียนจัดสรรกลุ่มเป้าหมาย
    columns:
      - {key: n, title: จำนวน}
    rows:
      - [เมืองลำปาง, ๑]
"""
"""A circular of ๖ ธันวาคม ๒๕๖๗ with two enclosures (the first a register) and a deadline."""

MEETING = MINIMAL + """\
meetings:
  - id: m1
    committee: คณะกรรมการเครือข่ายองค์ความรู้จังหวัดลำปาง
    number: ๑/๒๕๖๘
    date: ๑๔ มกราคม ๒๕๖๘
    venue: ห้องประชุมศาลากลางจังหวัดลำปาง
    members: ๔
    present:
      - {name: นายหนึ่ง ทดสอบ, role: ประธาน}
      - {name: นางสอง ทดสอบ, role: กรรมการ}
    absent:
      - {name: นายสาม ทดสอบ, reason: ติดราชการ}
    start: ๐๙.๐๐ น.
    end: ๑๒.๐๐ น.
    opening: ประธานกล่าวเปิดการประชุม
    agenda:
      - number: ๑
        title: เรื่องประธานแจ้งให้ทราบ
        resolution: ที่ประชุมรับทราบ
      - number: ๒
        title: เรื่องเพื่อพิจารณา
        resolution: ที่ประชุมเห็นชอบ
        items:
          - text: แผนปฏิบัติการ จำนวน ${count} กิจกรรม ประกอบด้วย
            items:
              - text: กิจกรรมที่ ๑ อบรมเครือข่าย ระหว่างวันที่ ${when}
                when: ๑๘ - ๑๙ มกราคม ๒๕๖๘
              - text: กิจกรรมที่ ๒ พัฒนาผลิตภัณฑ์ ระหว่างเดือน ${when}
                when: มกราคม - มีนาคม ๒๕๖๘
    recorder: {name: นางสาวสี่ ทดสอบ, position: นักวิชาการพัฒนาชุมชน}
"""
"""A meeting of ๑๔ มกราคม ๒๕๖๘: ๒ of ๔ members present, two agenda items, a two-activity plan."""


def one(text: str, code: str, severity: Severity, needle: str) -> Finding:
    """Run only ``code``; assert exactly one finding, of that severity, on the line of ``needle``."""
    findings = check_text(text, select={code})
    assert codes(findings) == [code], findings
    found = findings[0]
    assert found.severity is severity
    assert found.line == line_of(text, needle), (found, line_of(text, needle))
    return found


def none(text: str, code: str) -> None:
    """Run only ``code``; assert that it finds nothing."""
    findings = check_text(text, select={code})
    assert code not in codes(findings), findings
