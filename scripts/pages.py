"""PNGs of every page of every sample, as printed: the PDF next to LibreOffice's PDF of the
DOCX (and of the XLSX for registers), one PNG per page, into docs/pages/.

    bash scripts/pages            # sets itself up like scripts/samples, then runs this

Each PNG is ``<document id>-<page>.png``: left the kbo-docs PDF, right the DOCX as
LibreOffice prints it (a blank half when one has fewer pages); ``<register id>-xlsx-<page>.png``
is the XLSX as LibreOffice Calc prints it. 60 dpi, what a clerk's eye needs to judge the layout.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
DPI = 60
GAP = 12


FONTCONFIG = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <alias binding="same"><family>TH SarabunIT๙</family><accept><family>Laksaman</family></accept></alias>
  <alias binding="same"><family>TH SarabunPSK</family><accept><family>Laksaman</family></accept></alias>
</fontconfig>
"""
"""TH SarabunIT๙ (the DOCX's font, not free to ship) printed as TLWG's Laksaman, the free
font with TH SarabunPSK's metrics, as on an office machine without the font installed."""


def libreoffice_pdf(source: Path, outdir: Path, work: Path) -> Path:
    """LibreOffice's PDF of a DOCX or XLSX (Sarabun installed for it alone, TH SarabunIT๙
    printed as Laksaman)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("kbo-docs: LibreOffice is needed (apt-get install libreoffice-writer libreoffice-calc)")
    home = work / "home"
    (home / ".fonts").mkdir(parents=True, exist_ok=True)
    for font in (ROOT / "fonts").glob("Sarabun-*.ttf"):
        shutil.copy(font, home / ".fonts" / font.name)
    (home / ".config" / "fontconfig").mkdir(parents=True, exist_ok=True)
    (home / ".config" / "fontconfig" / "fonts.conf").write_text(FONTCONFIG, encoding="utf-8")
    outdir.mkdir(parents=True, exist_ok=True)
    subprocess.run([soffice, "--headless", f"-env:UserInstallation={(work / 'profile').as_uri()}",
                    "--convert-to", "pdf", "--outdir", str(outdir), str(source)],
                   env={**os.environ, "HOME": str(home), "FONTCONFIG_FILE": str(home / ".config" / "fontconfig" / "fonts.conf")}, check=True, capture_output=True, timeout=300)
    return outdir / (source.stem + ".pdf")


def pages(pdf: Path, work: Path) -> list[Image.Image]:
    prefix = work / f"{pdf.parent.name}-{pdf.stem}"
    subprocess.run(["pdftoppm", "-r", str(DPI), "-png", str(pdf), str(prefix)], check=True, timeout=300)
    files = sorted(work.glob(prefix.name + "-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    return [Image.open(f).convert("RGB") for f in files]


def side_by_side(left: Image.Image | None, right: Image.Image | None) -> Image.Image:
    some = left or right
    assert some is not None
    width, height = some.size
    out = Image.new("RGB", (2 * width + GAP, height), (128, 128, 128))
    for x, page in ((0, left), (width + GAP, right)):
        out.paste(page if page is not None else Image.new("RGB", (width, height), "white"), (x, 0))
    return out


def main(outdir: Path) -> list[Path]:
    from kbo_docs.load import load_project
    from kbo_docs.render import render_project

    outdir.mkdir(parents=True, exist_ok=True)
    for old in outdir.glob("*.png"):
        old.unlink()
    written = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        rendered = work / "out"
        for data in sorted((ROOT / "samples").glob("*.yaml")):
            render_project(load_project(data), rendered, overwrite=True)
        for pdf in sorted(rendered.glob("*.pdf")):
            left = pages(pdf, work)
            right = pages(libreoffice_pdf(pdf.with_suffix(".docx"), work / "docx", work), work)
            for n in range(max(len(left), len(right))):
                image = side_by_side(left[n] if n < len(left) else None, right[n] if n < len(right) else None)
                target = outdir / f"{pdf.stem}-{n + 1}.png"
                image.save(target, optimize=True)
                written.append(target)
        for xlsx in sorted(rendered.glob("*.xlsx")):
            for n, page in enumerate(pages(libreoffice_pdf(xlsx, work / "xlsx", work), work), start=1):
                target = outdir / f"{xlsx.stem}-xlsx-{n}.png"
                page.save(target, optimize=True)
                written.append(target)
    return written


if __name__ == "__main__":
    for path in main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "pages"):
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
