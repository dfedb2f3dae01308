"""What a cold ``kbo-docs check`` imports (issue 16: a quick start)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "lampang-kbo-2568.yaml"


def test_the_cli_lists_the_pdf_variants_the_renderer_makes() -> None:
    from kbo_docs import cli, render

    assert cli.PDF_VARIANTS == render.PDF_VARIANTS


def test_check_through_the_cli_does_not_import_the_renderers() -> None:
    code = ("import sys; from kbo_docs.cli import main\n"
            "try:\n    main([sys.argv[1]] + sys.argv[2:], standalone_mode=False)\n"
            "finally:\n    print(' '.join(sorted(sys.modules)), file=sys.stderr)")
    run = subprocess.run([sys.executable, "-c", code, "check", str(SAMPLE)], capture_output=True, text=True)
    loaded = set(run.stderr.strip().splitlines()[-1].split())
    assert "kbo_docs.rules" in loaded and "kbo_docs.load" in loaded
    assert not {m for m in loaded if m == "kbo_docs.render" or m.startswith("kbo_docs.render.")}
    assert "multiprocessing" not in loaded and "concurrent.futures" not in loaded
