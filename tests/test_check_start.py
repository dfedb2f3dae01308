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


def test_the_command_reports_in_full_and_exits_with_its_status(tmp_path) -> None:
    """``kbo-docs check`` and ``lint`` end without the interpreter's teardown (cli._exit): the
    report still arrives whole, and the exit status is kept."""
    import json

    kbo = Path(sys.executable).parent / "kbo-docs"
    wrong = tmp_path / "wrong.yaml"
    wrong.write_text(SAMPLE.read_text(encoding="utf-8").replace('quadrant_d: "๑,๖๙๖"', 'quadrant_d: "๑,๖๙๗"'), encoding="utf-8")
    run = subprocess.run([str(kbo), "check", "--format", "json", str(SAMPLE), str(wrong)], capture_output=True, text=True)
    report = json.loads(run.stdout)
    assert run.returncode == 1
    assert [(f["file"], f["line"], f["rule"]) for f in report] == [(str(wrong), 109, "REG002")]
    clean = subprocess.run([str(kbo), "check", str(SAMPLE)], capture_output=True, text=True)
    assert clean.returncode == 0 and clean.stdout.rstrip().endswith("1 file(s) checked: 0 error(s), 0 warning(s)")
    missing = subprocess.run([str(kbo), "lint", str(tmp_path / "none.docx")], capture_output=True, text=True)
    assert missing.returncode == 2


def test_a_reader_that_goes_away_is_not_an_internal_error():
    """``kbo-docs check ... | head -c 1``: the pipe closes mid-report. No traceback, no 'internal
    error' (exit 3): the verdict (0/1) if the report fitted in the pipe, else 141 as for SIGPIPE."""
    import subprocess
    import sys
    from pathlib import Path

    kbo = Path(sys.executable).parent / "kbo-docs"
    sample = Path(__file__).resolve().parents[1] / "samples" / "lampang-kbo-2568.yaml"
    files = " ".join([f"'{sample}'"] * 300)  # a report far larger than a pipe's buffer
    run = subprocess.run(["bash", "-c", f"'{kbo}' check {files} | head -c 1 >/dev/null; "
                                        'echo "status ${PIPESTATUS[0]}" >&2'],
                         capture_output=True, text=True, timeout=120, check=False)
    assert "Traceback" not in run.stderr and "internal error" not in run.stderr, run.stderr
    assert "BrokenPipe" not in run.stderr, run.stderr
    assert run.stderr.strip().splitlines()[-1] in ("status 0", "status 1", "status 141"), run.stderr
