"""Build the corpus's DOCX, XLSX and PDF documents from their source text.

    .venv/bin/python tests/corpus/build.py            # all of them
    .venv/bin/python tests/corpus/build.py NAME ...   # only these (stems)
    .venv/bin/python tests/corpus/build.py --places docs/NAME.pdf   # where kbo-docs reads what

``--places`` prints every place kbo-docs reads text at, as findings name it, with its text: what
to write in a document's YAML (``at:``) for a mistake or a quiet line.

Each ``source/NAME.FORMAT.txt`` becomes ``docs/NAME.FORMAT``:

- ``.docx``: python-docx, a paragraph per non-empty line, a Word table for every block of lines
  holding two or more tabs (the layout of ``tests/lint/build.py``, as a clerk types it);
- ``.pdf``: WeasyPrint with the bundled Sarabun and kbo-docs' Thai text layer, same layout;
- ``.xlsx``: openpyxl; ``## sheet: NAME`` starts a sheet, every other line is a row of
  tab-separated cells. Arabic-digit numbers (``1,234``, ``12.50``) become numbers shown with the
  same thousands commas and decimals, a cell starting with ``=`` a formula, anything else
  (Thai digits included, as offices type them) text.

The generated files are committed, so the corpus is fixed; ``tests/test_corpus.py`` builds them
again into a temporary folder and checks that kbo-docs reads the same text from both.
Generated files carry fixed document properties (author, dates) and fixed ZIP member dates:
with the same library versions a build is the same byte for byte, whenever it runs.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "source"
DOCS = HERE / "docs"
ROOT = HERE.parents[1]
FIXED = dt.datetime(2026, 12, 6, 0, 0, 0)
_NUMBER = re.compile(r"-?\d{1,3}(,\d{3})+(\.\d+)?|-?\d+(\.\d+)?")


def sources() -> list[Path]:
    return sorted(SOURCE.glob("*.*.txt"))


def target(source: Path, outdir: Path = DOCS) -> Path:
    return outdir / source.name[: -len(".txt")]


def _docx(text: str, path: Path) -> None:
    import docx

    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from tests.lint.build import write_docx

    write_docx(text, path)
    document = docx.Document(str(path))
    props = document.core_properties
    props.author = props.last_modified_by = "kbo-docs corpus"
    props.created = props.modified = FIXED
    props.revision = 1
    document.save(str(path))


def _pdf(text: str, path: Path) -> None:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from tests.lint.build import write_weasyprint_pdf

    write_weasyprint_pdf(text, path)


def _cell(value: str) -> tuple[object, str | None]:
    """The value of a typed cell and its number format."""
    value = value.strip()
    if value.startswith("="):
        return value, "#,##0"
    if _NUMBER.fullmatch(value):
        decimals = len(value.split(".")[1]) if "." in value else 0
        number = float(value.replace(",", "")) if decimals else int(value.replace(",", ""))
        fmt = ("#,##0" if "," in value else "0") + ("." + "0" * decimals if decimals else "")
        return number, fmt
    return value, None


def _xlsx(text: str, path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    first = True
    row = 0
    for line in text.splitlines():
        head = re.fullmatch(r"##\s*sheet:\s*(.+)", line.strip())
        if head:
            if first:
                sheet.title = head.group(1).strip()
                first = False
            else:
                sheet = book.create_sheet(head.group(1).strip())
            row = 0
            continue
        row += 1
        if not line.strip():
            continue
        for col, raw in enumerate(line.split("\t"), start=1):
            if not raw.strip():
                continue
            value, fmt = _cell(raw)
            cell = sheet.cell(row=row, column=col, value=value)
            if fmt:
                cell.number_format = fmt
    book.properties.creator = book.properties.lastModifiedBy = "kbo-docs corpus"
    book.properties.created = book.properties.modified = FIXED
    book.save(str(path))


WRITERS = {".docx": _docx, ".pdf": _pdf, ".xlsx": _xlsx}


def _fixed_zip(path: Path) -> None:
    """Rewrite an Office file's ZIP with fixed member dates, so that a build is byte for byte
    the same whenever it runs (python-docx and openpyxl stamp members with the current time)."""
    import zipfile

    with zipfile.ZipFile(path) as old:
        members = [(info, old.read(info)) for info in old.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for info, data in members:
            if info.filename == "docProps/core.xml":  # openpyxl stamps the save time here
                stamp = FIXED.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
                data = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>" + stamp, data)
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            new.writestr(fixed, data)


def build(source: Path, outdir: Path = DOCS) -> Path:
    out = target(source, outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    WRITERS[out.suffix](source.read_text(encoding="utf-8"), out)
    if out.suffix in (".docx", ".xlsx"):
        _fixed_zip(out)
    return out


def places(path: Path) -> list[tuple[str, str]]:
    """Every place kbo-docs reads text at in ``path`` (each line of a multi-line paragraph
    too), with the text that starts there."""
    from kbo_docs.lint.document import Paragraph
    from kbo_docs.lint.extract import extract

    out = []
    for text, piece in extract(path).texts():
        if isinstance(piece, Paragraph) and piece.breaks:
            starts = [(0, piece.location), *piece.breaks]
            for (offset, loc), nxt in zip(starts, [*starts[1:], (len(text), None)], strict=True):
                out.append((str(loc.label), text[offset:nxt[0]]))
        else:
            out.append((str(piece.location.label), text))
    return out


def main(argv: list[str]) -> int:
    if argv[:1] == ["--places"]:
        for name in argv[1:]:
            for label, text in places(Path(name)):
                print(f"{label}\t{text}")
        return 0
    chosen = [s for s in sources() if not argv or s.name.split(".")[0] in argv]
    for source in chosen:
        print(build(source).relative_to(ROOT))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
