"""Shared test set-up: hypothesis profiles, paths to the samples."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")
# No office settings of the machine running the tests (kbo_docs.config): tests set their own.
for _name in ("KBO_DOCS_GARUDA", "KBO_DOCS_LETTERHEAD"):
    os.environ.pop(_name, None)
os.environ["KBO_DOCS_CONFIG"] = str(Path(__file__).resolve().parent / "no-such-config.yaml")

settings.register_profile("ci", derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


@pytest.fixture
def samples() -> Path:
    return SAMPLES
