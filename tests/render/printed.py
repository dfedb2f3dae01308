"""Reading documents as printed: generated bodies of any length, text lines of a PDF page
with their positions (pdfplumber), LibreOffice's PDF of a DOCX or XLSX."""

from __future__ import annotations

import os
import random
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
LAMPANG = ROOT / "samples" / "lampang-kbo-2568.yaml"
CHIANGMAI = ROOT / "samples" / "chiangmai-kbo-meeting-1-2565.yaml"
PT_PER_CM = 72 / 2.54
PAGE_NUMBER = re.compile(r"^-\s*[0-9๐-๙]+\s*-$")

_WORDS = ("การพัฒนา ผลิตภัณฑ์ ชุมชน จังหวัด อำเภอ ดำเนินการ โครงการ เครือข่าย องค์ความรู้ "
          "ส่งเสริม กลุ่มเป้าหมาย คุณภาพ มาตรฐาน ตลาด ประชาสัมพันธ์ ผู้ประกอบการ ศักยภาพ "
          "คัดเลือก รายงาน แนวทาง วัตถุประสงค์ งบประมาณ กิจกรรม ประชุม คณะกรรมการ ติดตาม "
          "ประเมินผล สนับสนุน ความร่วมมือ หน่วยงาน ราชการ ประชาชน").split()


def thai_text(rng: random.Random, words: int) -> str:
    """A paragraph of ``words`` Thai words, a space every few words as clerks type."""
    out = []
    for i in range(words):
        out.append(rng.choice(_WORDS))
        out.append(" " if rng.random() < 0.3 else "")
    return "".join(out).strip()


def bodies(seed: int, count: int, max_words: int) -> list[list[str]]:
    """``count`` bodies growing from one short line to about ``max_words`` words, split into
    paragraphs of random length (so the page break falls at every place in the ending)."""
    rng = random.Random(seed)
    out = []
    for i in range(count):
        total = 3 + (max_words - 3) * i // max(count - 1, 1) + rng.randint(0, 25)
        paragraphs, left = [], total
        while left > 0:
            n = min(left, rng.choice((3, 8, 20, 40, 70, 110)))
            paragraphs.append(thai_text(rng, n))
            left -= n
        out.append(paragraphs)
    return out


def circular_with(paragraphs: list[str], conclusion: str | None = "จึงเรียนมาเพื่อโปรดทราบ") -> str:
    """The Lampang sample with only the circular, its body replaced by ``paragraphs``."""
    data = yaml.safe_load(LAMPANG.read_text(encoding="utf-8"))
    c = data["circulars"][0]
    c["body"] = paragraphs
    c.pop("actions_intro", None)
    c.pop("actions", None)
    if conclusion is None:
        c.pop("conclusion", None)
    else:
        c["conclusion"] = conclusion
    c["enclosures"] = [e for e in c["enclosures"] if "register" not in e]
    c["enclosures"][0]["title"] = "แบบรายงาน"
    data.pop("registers", None)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def minutes_with(paragraphs: list[str]) -> str:
    """The Chiang Mai sample with one agenda item holding ``paragraphs`` as its points."""
    data = yaml.safe_load(CHIANGMAI.read_text(encoding="utf-8"))
    m = data["meetings"][0]
    m["agenda"] = [{"title": "เรื่องเพื่อพิจารณา", "items": [{"text": p} for p in paragraphs],
                    "resolution": "เห็นชอบ"}]
    m.pop("opening", None)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def kind_with(kind: str, paragraphs: list[str]) -> str:
    """The issue-13 sample of ``kind`` (memo, announcement: the first list of the file), its
    body replaced by ``paragraphs`` and its numbered points dropped."""
    data = yaml.safe_load((ROOT / "samples" / f"lampang-kbo-2568-{kind}.yaml").read_text(encoding="utf-8"))
    item = data[kind + "s"][0]
    item["body"] = paragraphs
    for key in ("points", "points_intro"):
        item.pop(key, None)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@dataclass
class Line:
    page: int
    text: str
    x0: float
    top: float
    bottom: float
    size: float


def pdf_lines(path: Path) -> list[list[Line]]:
    """The text lines of each page (pdfplumber), top to bottom, page numbers included."""
    import pdfplumber

    pages = []
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            lines = []
            for line in page.extract_text_lines(return_chars=True):
                sizes = [c["size"] for c in line["chars"] if c["text"].strip()]
                lines.append(Line(number, line["text"].strip(), line["x0"], line["top"], line["bottom"],
                                  max(sizes) if sizes else 0.0))
            pages.append(sorted(lines, key=lambda ln: ln.top))
    return pages


_MARKS = re.compile(r"[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e\s]")


_UNSURE = re.compile(r"\(cid:\d+\)|[\u0e32\u0e33]")


def bare(text: str) -> str:
    """Text without Thai marks and spaces, SARA AA and SARA AM: PDF extractors disagree on
    the order of marks, and pdfminer reads LibreOffice's SARA AA in Laksaman as ``(cid:8)``."""
    return _UNSURE.sub("", _MARKS.sub("", text))


def without_page_number(lines: list[Line]) -> list[Line]:
    return [ln for ln in lines if not PAGE_NUMBER.match(ln.text.replace(" ", " "))]


def libreoffice_pdfs(files: list[Path], outdir: Path, work: Path) -> list[Path]:
    """LibreOffice's PDFs of DOCX/XLSX files (one soffice run; Sarabun installed for it)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is needed: apt-get install libreoffice-writer libreoffice-calc fonts-thai-tlwg"
    home = work / "home"
    (home / ".fonts").mkdir(parents=True, exist_ok=True)
    for font in (ROOT / "fonts").glob("Sarabun-*.ttf"):
        shutil.copy(font, home / ".fonts" / font.name)
    outdir.mkdir(parents=True, exist_ok=True)
    subprocess.run([soffice, "--headless", f"-env:UserInstallation={(work / 'profile').as_uri()}",
                    "--convert-to", "pdf", "--outdir", str(outdir), *map(str, files)],
                   env={**os.environ, "HOME": str(home)}, check=True, capture_output=True, timeout=600)
    out = [outdir / (f.stem + ".pdf") for f in files]
    assert all(p.is_file() for p in out), f"LibreOffice converted only {[p.name for p in out if p.is_file()]}"
    return out
