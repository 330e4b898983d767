"""Extraction as a pure function: the same N-Quads, byte for byte, on 1 or N processes or a Dask cluster."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kb.config import Settings
from kb.dask_runner import DaskUnavailable
from kb.ingest import split_in_chunks
from kb.nquads import extract_to_nquads
from tests.test_crash_safety import write_corpus

ARTICLES = 8


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("corpus"), ARTICLES)


@pytest.fixture(scope="module")
def one_process(corpus, tmp_path_factory) -> bytes:
    """The reference output: every article extracted in this process."""
    out = tmp_path_factory.mktemp("one") / "out.nq"
    summary = extract_to_nquads([corpus], str(out), Settings(), show_progress=False)
    assert summary.ok and summary.written == ARTICLES, summary.problems
    return out.read_bytes()


def test_two_worker_processes_write_a_byte_identical_file(corpus, one_process, tmp_path):
    out = tmp_path / "out.nq"
    result = subprocess.run(
        [sys.executable, "-m", "kb", "extract", str(corpus), "-o", str(out), "--jobs", "2", "-q"],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert out.read_bytes() == one_process
    assert not (tmp_path / "out.nq.partial").exists()


def test_every_worker_gets_articles_even_from_a_small_corpus():
    assert [len(chunk) for chunk in split_in_chunks(list(range(5)), 2)] == [3, 2]
    assert {len(chunk) for chunk in split_in_chunks(list(range(100)), 2)} == {16, 4}


def test_a_dask_cluster_writes_a_byte_identical_file(corpus, one_process, tmp_path):
    distributed = pytest.importorskip("distributed", reason="the optional extra annals-kb[dask] is not installed")
    out = tmp_path / "out.nq"
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=50
    ) as cluster:
        summary = extract_to_nquads([corpus], str(out), Settings(), dask=cluster.scheduler_address, show_progress=False)
    assert summary.ok and summary.written == ARTICLES, summary.problems
    assert out.read_bytes() == one_process


def test_an_unreachable_scheduler_is_one_clear_error(corpus, tmp_path, monkeypatch):
    pytest.importorskip("distributed", reason="the optional extra annals-kb[dask] is not installed")
    from tests.servers import free_port

    monkeypatch.setattr("kb.dask_runner.CONNECT_TIMEOUT", "1s")
    address = f"tcp://127.0.0.1:{free_port()}"
    with pytest.raises(DaskUnavailable, match=f"cannot reach the Dask scheduler at {address}"):
        extract_to_nquads([corpus], str(tmp_path / "out.nq"), Settings(), dask=address, show_progress=False)
    assert not (tmp_path / "out.nq").exists() and not (tmp_path / "out.nq.partial").exists()


def test_without_dask_installed_the_option_says_which_extra_to_install(corpus, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed now raises ImportError
    with pytest.raises(DaskUnavailable, match=r"pip install 'annals-kb\[dask\]'"):
        extract_to_nquads([corpus], str(tmp_path / "out.nq"), Settings(), dask="tcp://127.0.0.1:8786", show_progress=False)
