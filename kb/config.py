"""Configuration in one place: defaults, overridden by environment variables,
overridden by command-line options (the CLI builds a ``Settings`` and passes it on).

| setting        | variable           | default                          |
| -------------- | ------------------ | -------------------------------- |
| store          | KB_STORE           | data/kb (embedded Oxigraph)      |
| update_url     | KB_UPDATE_URL      | (remote stores only)             |
| gsp_url        | KB_GSP_URL         | (remote stores only)             |
| base_iri       | KB_BASE_IRI        | https://w3id.org/annals/id/      |
| max_bytes      | KB_MAX_BYTES       | 5000000 (largest article file)   |
| query_timeout  | KB_QUERY_TIMEOUT   | 10 (seconds, SPARQL endpoint)    |
| index          | KB_INDEX           | beside the store (off: none)     |
| index_refresh  | KB_INDEX_REFRESH   | 60 (seconds, remote stores; 0 = never) |
| cache_dir      | XDG_CACHE_HOME     | ~/.cache (index of a remote store) |
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace

from kb.ids import Iris
from kb.vocab import BASE_IRI

DEFAULT_STORE = "data/kb"
DEFAULT_MAX_BYTES = 5_000_000
DEFAULT_QUERY_TIMEOUT = 10.0
DEFAULT_INDEX_REFRESH = 60.0


def _env(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    return value if value not in (None, "") else default


def _seconds(name: str, default: float) -> float:
    """A number of seconds from the environment; a value that is not a number keeps the default."""
    try:
        return float(_env(name, str(default)))
    except ValueError:
        return default


def _cache_dir() -> str:
    return _env("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")


@dataclass(frozen=True)
class Settings:
    store: str = DEFAULT_STORE
    update_url: str | None = None
    gsp_url: str | None = None
    base_iri: str = BASE_IRI
    max_bytes: int = DEFAULT_MAX_BYTES
    query_timeout: float = DEFAULT_QUERY_TIMEOUT
    index: str | None = None  # the timeline index file, "off", or None: the default place (kb.index)
    index_refresh: float = DEFAULT_INDEX_REFRESH
    cache_dir: str = field(default_factory=_cache_dir)

    @classmethod
    def from_env(cls) -> "Settings":
        return cls(
            store=_env("KB_STORE", DEFAULT_STORE),
            update_url=_env("KB_UPDATE_URL"),
            gsp_url=_env("KB_GSP_URL"),
            base_iri=_env("KB_BASE_IRI", BASE_IRI),
            max_bytes=int(_env("KB_MAX_BYTES", str(DEFAULT_MAX_BYTES))),
            query_timeout=float(_env("KB_QUERY_TIMEOUT", str(DEFAULT_QUERY_TIMEOUT))),
            index=_env("KB_INDEX"),
            index_refresh=_seconds("KB_INDEX_REFRESH", DEFAULT_INDEX_REFRESH),
        )

    def with_options(self, **options) -> "Settings":
        """A copy with the options that were actually given (None = not given)."""
        given = {k: v for k, v in options.items() if v is not None}
        return replace(self, **given)

    @property
    def iris(self) -> Iris:
        return Iris(self.base_iri)
