"""Turning ``Store.dump(output)`` (which writes to a file) into a stream of chunks.

The dump runs in a thread writing into a bounded queue; the response reads
from it. The bound gives back-pressure: a slow client slows the dump down
instead of letting it pile up in memory. A client that goes away closes the
generator, which makes the next write fail, and the dump stops.
"""

from __future__ import annotations

import queue
import threading
from typing import Iterator

from kb.store import Store

CHUNK_BYTES = 64 * 1024
QUEUE_CHUNKS = 16
_DONE = object()


class _Cancelled(Exception):
    pass


class _QueueWriter:
    def __init__(self, chunks: queue.Queue, cancelled: threading.Event) -> None:
        self._chunks = chunks
        self._cancelled = cancelled
        self._buffer = bytearray()

    def write(self, data) -> int:
        self._buffer += data
        if len(self._buffer) >= CHUNK_BYTES:
            self.flush()
        return len(data)

    def flush(self) -> None:
        if not self._buffer:
            return
        chunk = bytes(self._buffer)
        self._buffer.clear()
        while True:
            if self._cancelled.is_set():
                raise _Cancelled()
            try:
                self._chunks.put(chunk, timeout=0.5)
                return
            except queue.Full:
                continue


def stream_dump(store: Store, rdf_format: str) -> Iterator[bytes]:
    chunks: queue.Queue = queue.Queue(maxsize=QUEUE_CHUNKS)
    cancelled = threading.Event()

    def produce() -> None:
        writer = _QueueWriter(chunks, cancelled)
        try:
            store.dump(writer, rdf_format)
            writer.flush()
            outcome = _DONE
        except _Cancelled:
            return
        except Exception as error:  # handed to the reader, which ends the response
            outcome = error
        while not cancelled.is_set():
            try:
                chunks.put(outcome, timeout=0.5)
                return
            except queue.Full:
                continue

    thread = threading.Thread(target=produce, name=f"dump-{rdf_format}", daemon=True)
    thread.start()
    try:
        while True:
            item = chunks.get()
            if item is _DONE:
                return
            if isinstance(item, Exception):
                # Headers are already sent: the truncated body is all we can say.
                raise item
            yield item
    finally:
        cancelled.set()
