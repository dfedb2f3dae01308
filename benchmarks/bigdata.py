"""Big registers for the benchmarks and the size tests: an honest register of ``n`` rows
(every sum, total and target right), written as a clerk would (rows as lists, Thai digits)."""

from __future__ import annotations

import random

THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")

HEAD = """agency:
  name: สำนักงานพัฒนาชุมชนจังหวัดลำปาง
  issuer: จังหวัดลำปาง
  address: [ศาลากลางจังหวัดลำปาง, ถนนวชิราวุธดำเนิน ลป ๕๒๐๐๐]
  reference_prefix: ลป ๐๐๑๙.๓
  unit: [สำนักงานพัฒนาชุมชนจังหวัด]
  contact: {phone: ๐ ๕๕๒๖ ๕๐๕๕}
  garuda_image: null
  digits: thai

project:
  name: โครงการส่งเสริมกระบวนการเครือข่ายองค์ความรู้
  short_name: KBO
  fiscal_year: ๒๕๖๘

registers:
  - id: big
    title:
      - ทะเบียนจัดสรรกลุ่มเป้าหมาย
      - ประจำปีงบประมาณ พ.ศ. ${fiscal_year}
    row_label: หมู่บ้าน
    columns:
      - {key: stars, title: "จำนวนผลิตภัณฑ์ ๑-๓ ดาว"}
      - {key: quadrant_d, title: "จำนวนผลิตภัณฑ์ Quadrant D"}
      - {key: total, title: "รวม (ผลิตภัณฑ์)", sum_of: [stars, quadrant_d]}
      - {key: target, title: "เป้า", target: true, pool: total}
    allocation: {method: hamilton, weight: total, floor: ๑}
    rows:
"""


def thai(number: int, commas: bool = False) -> str:
    return (f"{number:,}" if commas else str(number)).translate(THAI)


def register_yaml(n: int, seed: int = 1) -> str:
    """The YAML text of a project file with one register of ``n`` rows, which checks clean."""
    from kbo_docs.allocate import allocate

    rnd = random.Random(seed)
    rows = [(f"บ้านหนองบัว หมู่ที่ {thai(i + 1)}", rnd.randint(0, 9), rnd.randint(1, 200)) for i in range(n)]
    target_total = n * 2
    targets = allocate([(name, s + q) for name, s, q in rows], target_total, "hamilton", 1).targets()
    lines = [HEAD]
    for name, s, q in rows:
        lines.append(f"      - [{name}, {thai(s)}, {thai(q)}, {thai(s + q)}, {thai(targets[name])}]\n")
    stars = sum(s for _, s, _ in rows)
    quad = sum(q for _, _, q in rows)
    lines.append(f'    totals: {{stars: "{thai(stars, True)}", quadrant_d: "{thai(quad, True)}", '
                 f'total: "{thai(stars + quad, True)}", target: "{thai(target_total, True)}"}}\n')
    return "".join(lines)
