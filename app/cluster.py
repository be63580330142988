"""The build's work fanned out over a Ray cluster (``dutygraph build --ray ADDRESS``).

Two kinds of work leave the driver: parsing and extraction, one Ray task per file
(the file's bytes travel with the task, so workers need no shared file system),
and passage encoding, in batches spread over a pool of actors that each load the
embedding model once. Everything else (the manifest, the docs cache, the graph
and the index files, the atomic finish) stays in the driver, which is the local
build unchanged: it only gets its parse results and vectors from the cluster.

Ray is an optional extra (``pip install -e '.[cluster]'``); without it ``--ray``
is a usage error naming the extra. The driver ships its own ``app``, ``ingest``
and ``search`` packages to the workers (``py_modules``), so a cluster never parses
with other code than the one the manifest fingerprints.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np

import app
import ingest
import search
from app.errors import UsageError
from ingest.records import Document, Facts

__all__ = ["RAY_ENV", "Cluster", "connect"]

RAY_ENV = "DUTYGRAPH_RAY"
# Passages per actor call: large enough that a call's overhead (~10 ms) is noise,
# small enough that every actor gets work on a small build.
ENCODE_BATCH = 64
WINDOW_PER_CPU = 4  # parse tasks in flight per cluster CPU
# Environment of every worker: offline model loading, one torch thread per actor
# (actors, not threads, use the cores; see search.model.encoder.threads_for).
_WORKER_ENV = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "TOKENIZERS_PARALLELISM": "false",
    "DUTYGRAPH_THREADS": "1",
}

Ingested = tuple[Document, Facts] | str
# Ray maps 127.0.0.1 to the machine's network address unless told this (read at import).
_LOCAL_ONLY = "RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER"
_LOOPBACK = frozenset({"127.0.0.1", "localhost"})


def _ingest_bytes(name: str, data: bytes, source: str) -> Ingested:
    """Parse and extract one file from its bytes (in a Ray worker)."""
    from app.build import ingest_one

    with tempfile.TemporaryDirectory(prefix="dg-ray-") as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        result = ingest_one(path)
    if isinstance(result, str):
        return result.replace(str(path), source)
    doc, facts = result
    return dataclasses.replace(doc, source=source), facts


class _EncoderActor:
    """One copy of the embedding model, loaded once, encoding batch after batch."""

    def __init__(self) -> None:
        from search.model.encoder import load_encoder

        self.encoder = load_encoder()

    def info(self) -> tuple[str, int] | None:
        if self.encoder is None:
            return None
        return self.encoder.name, self.encoder.dim

    def encode(self, texts: list[str]) -> np.ndarray:
        assert self.encoder is not None
        return self.encoder.encode_passages(texts)


class ClusterEncoder:
    """The Encoder protocol over a pool of model actors (passages only: a build).

    Batches go round-robin to the actors (an actor runs its calls in order) and come
    back in input order."""

    def __init__(self, ray: Any, actors: list[Any], name: str, dim: int) -> None:
        self.ray = ray
        self.actors = actors
        self.name = name
        self.dim = dim

    def encode_passages(
        self, texts: Sequence[str], batch_size: int = ENCODE_BATCH, progress: bool = False
    ) -> np.ndarray:
        from tqdm import tqdm

        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        step = ENCODE_BATCH
        refs = [
            self.actors[i % len(self.actors)].encode.remote(list(texts[start : start + step]))
            for i, start in enumerate(range(0, len(texts), step))
        ]
        bar = tqdm(refs, desc="encode", unit="batch", disable=not progress)
        rows = [self.ray.get(ref) for ref in bar]
        return np.ascontiguousarray(np.concatenate(rows), dtype=np.float32)

    def encode_queries(self, texts: Sequence[str], batch_size: int = ENCODE_BATCH) -> np.ndarray:
        return self.encode_passages(texts, batch_size)


class Cluster:
    """A connection to a Ray cluster, used by one build."""

    def __init__(self, ray: Any) -> None:
        self.ray = ray
        self._ingest = ray.remote(num_cpus=1, max_retries=2)(_ingest_bytes)
        self._encoder: ClusterEncoder | None = None
        self._asked = False

    @property
    def cpus(self) -> int:
        return max(1, int(self.ray.cluster_resources().get("CPU", 1)))

    def ingest(self, files: list[Path], progress: Callable[[int], None]) -> Iterator[Ingested]:
        """Every file's parse result, in input order; ``progress(done)`` as tasks finish.

        At most ``WINDOW_PER_CPU`` tasks per cluster CPU are in flight, so a national
        corpus's bytes never sit in the object store at once."""
        window = WINDOW_PER_CPU * self.cpus
        results: dict[int, Ingested] = {}
        inflight: dict[Any, int] = {}
        submitted = 0
        while submitted < len(files) or inflight:
            while submitted < len(files) and len(inflight) < window:
                f = files[submitted]
                try:
                    inflight[self._ingest.remote(f.name, f.read_bytes(), str(f))] = submitted
                except OSError as exc:  # unreadable here: that file fails alone
                    results[submitted] = exc.strerror or str(exc)
                    progress(len(results))
                submitted += 1
            if inflight:
                ready, _ = self.ray.wait(list(inflight), num_returns=1)
                for ref in ready:
                    results[inflight.pop(ref)] = self._get(ref)
                    progress(len(results))
        for i in range(len(files)):
            yield results.pop(i)

    def _get(self, ref: Any) -> Ingested:
        try:
            return self.ray.get(ref)
        except Exception as exc:  # a worker lost or a task crashed: that file fails alone
            return f"cluster task failed: {type(exc).__name__}: {exc}"

    def encoder(self) -> ClusterEncoder | None:
        """A pool of model actors, one per cluster CPU; None when workers have no model."""
        if not self._asked:
            self._asked = True
            actor = self.ray.remote(num_cpus=1)(_EncoderActor)
            actors = [actor.remote() for _ in range(self.cpus)]
            info = self.ray.get(actors[0].info.remote())
            self._encoder = None if info is None else ClusterEncoder(self.ray, actors, *info)
        return self._encoder

    def close(self) -> None:
        self.ray.shutdown()


def connect(address: str | None) -> Cluster | None:
    """Connect to the cluster at ``address`` (or ``$DUTYGRAPH_RAY``; ``auto`` finds a
    running one); None when neither is set."""
    address = address or os.environ.get(RAY_ENV) or None
    if not address:
        return None
    if address.split(":")[0] in _LOOPBACK:  # a one-machine cluster stays on 127.0.0.1
        os.environ.setdefault(_LOCAL_ONLY, "0")
    try:
        import ray
    except ImportError:
        raise UsageError(
            "--ray needs Ray: install the cluster extra (pip install -e '.[cluster]')"
        ) from None
    env = {k: os.environ.get(k, v) for k, v in _WORKER_ENV.items()}
    for key in ("DUTYGRAPH_MODEL", "DUTYGRAPH_CACHE"):
        if key in os.environ:
            env[key] = os.environ[key]
    try:
        ray.init(
            address=address,
            runtime_env={"env_vars": env, "py_modules": [app, ingest, search]},
            logging_level=logging.ERROR,
            log_to_driver=False,
        )
    except (ConnectionError, RuntimeError, ValueError) as exc:
        raise UsageError(f"--ray {address}: cannot connect to the Ray cluster ({exc})") from None
    return Cluster(ray)
