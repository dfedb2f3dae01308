import gc

from kbo_docs.api import check_file
from kbo_docs.collector import paused

from .helpers import LAMPANG


def test_paused_restores_the_collector_even_on_error():
    assert gc.isenabled()
    try:
        with paused():
            assert not gc.isenabled()
            raise ValueError
    except ValueError:
        pass
    assert gc.isenabled()


def test_paused_leaves_a_disabled_collector_disabled():
    gc.disable()
    try:
        with paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_check_runs_with_the_collector_paused_and_restores_it(monkeypatch):
    seen = []
    import kbo_docs.rules as rules

    real = rules.check_loaded
    monkeypatch.setattr(rules, "check_loaded", lambda *a, **k: seen.append(gc.isenabled()) or real(*a, **k))
    result = check_file(LAMPANG)
    assert seen == [False] and result.error is None and gc.isenabled()


def test_paused_can_collect_once_after(monkeypatch):
    calls = []
    monkeypatch.setattr(gc, "collect", lambda *a: calls.append(gc.isenabled()) or 0)
    with paused(collect=True):
        assert calls == []
    assert calls == [True]
