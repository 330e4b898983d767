"""Real servers the tests start on loopback: a free port, and ``oxigraph serve``."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from kb.store.remote import RemoteStore


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def oxigraph_binary() -> str | None:
    beside = Path(sys.executable).with_name("oxigraph")
    return str(beside) if beside.exists() else shutil.which("oxigraph")


class OxigraphServer:
    """``oxigraph serve`` on a free loopback port, in its own folder."""

    def __init__(self, folder: Path) -> None:
        binary = oxigraph_binary()
        if binary is None:
            pytest.skip("the oxigraph server is not installed (pip install -e '.[test]' brings it)")
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [binary, "serve", "--location", str(folder), "--bind", f"127.0.0.1:{self.port}"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        self._wait_until_it_answers()

    def _wait_until_it_answers(self) -> None:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"oxigraph serve exited: {self.process.stderr.read().decode()}")
            try:
                urllib.request.urlopen(f"{self.base}/query?query=ASK%7B%7D", timeout=1).close()
                return
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("oxigraph serve did not answer within 20 s")

    @property
    def query_url(self) -> str:
        return f"{self.base}/query?union-default-graph"

    def urls(self, mode: str) -> dict:
        """The write URLs for a mode: "gsp" (Graph Store Protocol and Update) or "update" (Update only)."""
        urls = {"update_url": f"{self.base}/update"}
        if mode == "gsp":
            urls["gsp_url"] = f"{self.base}/store"
        return urls

    def clear(self) -> None:
        RemoteStore(self.query_url, update_url=f"{self.base}/update")._run_update("DROP ALL")

    def stop(self) -> None:
        self.process.kill()
        self.process.wait()
