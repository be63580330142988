"""Building, persisting and loading the search indexes under ``store/search``.

Layout of ``search/``: ``meta.json`` (model, counts, the dense index kind),
``units.jsonl`` (one unit a line, in index order, with the hash of its embedded
text), ``bm25/`` (bm25s arrays and vocabulary), ``dense.faiss`` (flat or IVF-SQ8,
chosen by ``search.index.ann.plan_for`` from the row count) and ``vectors.npy`` (the
float32 rows, memory-mapped: what the next build reuses). No pickles.

A build is incremental where it costs: BM25 is rebuilt whole (milliseconds), but a
unit whose embedded text hash is already in the previous index keeps its vector, so
only new or changed clauses are encoded. The new directory is written beside the
old one and swapped in, so a reader never sees half an index.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import os
import shutil
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ingest.records import Document, Facts
from search.errors import IndexMissing, SearchError
from search.index import bm25_shards
from search.index.bm25 import BM25Index
from search.index.bm25_shards import ShardedBM25
from search.index.dense import DenseIndex
from search.index.units import Unit, build_units
from search.model.encoder import Encoder, load_encoder

__all__ = [
    "IndexFiles",
    "IndexUpdate",
    "default_encoder",
    "load_dense",
    "load_units",
    "update_index",
]

FORMAT = 2


@dataclasses.dataclass(frozen=True, slots=True)
class IndexFiles:
    """Paths inside one ``search/`` directory."""

    root: Path

    @property
    def meta(self) -> Path:
        return self.root / "meta.json"

    @property
    def units(self) -> Path:
        return self.root / "units.jsonl"

    @property
    def bm25(self) -> Path:
        return self.root / "bm25"

    @property
    def dense(self) -> Path:
        return self.root / "dense.faiss"

    @property
    def vectors(self) -> Path:
        return self.root / "vectors.npy"


def default_encoder() -> Encoder | None:
    """The project's embedding model, or None (BM25 alone) when there is none."""
    return load_encoder()


def model_name(encoder: Encoder | None) -> str | None:
    """A name that says whether stored vectors fit this encoder."""
    if encoder is None:
        return None
    return str(getattr(encoder, "name", None) or type(encoder).__name__)


def load_units(files: IndexFiles) -> list[tuple[Unit, tuple[str, ...]]]:
    """Units and the keys of their embedded passages, in index order."""
    out = []
    known = {f.name for f in dataclasses.fields(Unit)}
    with files.units.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            key = tuple(row.pop("keys"))
            d = {k: v for k, v in row.items() if k in known}  # fields of other versions ignored
            d["path"] = tuple(d["path"])
            d["roles"] = tuple(d["roles"])
            d["sanctions"] = tuple(d["sanctions"])
            d["facets"] = tuple(d.get("facets", ()))
            out.append((Unit(**d), key))
    return out


def load_dense(files: IndexFiles, counts: np.ndarray) -> DenseIndex:
    """The dense index, memory-mapped, with its float rows (for the exact re-score)."""
    vectors = np.load(files.vectors, mmap_mode="r") if files.vectors.exists() else None
    return DenseIndex.load(files.dense, counts, vectors)


def _previous_vectors(files: IndexFiles, model: str | None) -> dict[str, np.ndarray]:
    """Key -> vector from the index being replaced, when it used the same model."""
    if model is None or not files.meta.exists() or not files.dense.exists():
        return {}
    try:
        meta = json.loads(files.meta.read_text(encoding="utf-8"))
        if meta.get("model") != model or meta.get("format") != FORMAT:
            return {}
        keys = [key for _, unit_keys in load_units(files) for key in unit_keys]
        if files.vectors.exists():
            vectors = np.load(files.vectors, mmap_mode="r")
        else:  # a store written before vectors.npy: its flat index holds them
            vectors = DenseIndex.load(files.dense).vectors
    except (OSError, ValueError, KeyError, RuntimeError):
        return {}
    return dict(zip(keys, vectors, strict=False))


def _embed(
    units: list[Unit], encoder: Encoder, cache: dict[str, np.ndarray], progress: bool
) -> tuple[np.ndarray, int, float]:
    """Vectors of all units' passages, encoding only those not in the cache."""
    passage = {k: p for u in units for k, p in zip(u.keys, u.passages, strict=True)}
    keys = [k for u in units for k in u.keys]
    todo = list(dict.fromkeys(k for k in keys if k not in cache))
    t0 = time.perf_counter()
    if todo:
        fresh = encoder.encode_passages([passage[k] for k in todo], progress=progress)
        cache = {**cache, **dict(zip(todo, np.asarray(fresh, dtype=np.float32), strict=True))}
    seconds = time.perf_counter() - t0
    if not keys:
        return np.zeros((0, 1), dtype=np.float32), 0, seconds
    return np.stack([cache[k] for k in keys]).astype(np.float32), len(todo), seconds


def _write(
    files: IndexFiles,
    units: list[Unit],
    bm25: BM25Index | ShardedBM25,
    dense: DenseIndex | None,
    meta: dict[str, Any],
) -> None:
    files.root.mkdir(parents=True)
    with files.units.open("w", encoding="utf-8") as fh:
        for u in units:
            row = dataclasses.asdict(u) | {"keys": list(u.keys)}
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    bm25.save(files.bm25)
    if dense is not None:
        dense.save(files.dense)
        np.save(files.vectors, dense.vectors)
    files.meta.write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")


def _swap_in(new: Path, target: Path) -> None:
    """Replace ``target`` by ``new`` (both directories) with two renames."""
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=".search-old-", dir=target.parent))
        os.replace(target, old / "search")
    os.replace(new, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


@dataclasses.dataclass(frozen=True, slots=True)
class IndexUpdate:
    """What one index update did (kept in the store's manifest)."""

    model: str | None  # the embedding model of the dense index; None: BM25 alone
    units: int
    documents: int
    encoded: int  # passages sent to the model
    passages: int
    reused: int  # passages whose stored vectors were kept
    encode_seconds: float
    build_seconds: float
    index: dict[str, str | int] | None = None  # the dense index's kind and parameters

    def as_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


_DEFAULT: Any = object()


def update_index(
    store_dir: Path,
    docs: Sequence[tuple[Document, Facts]],
    progress: bool = True,
    encoder: Encoder | None = _DEFAULT,
) -> IndexUpdate:
    """(Re)build ``store_dir/search`` for ALL current documents; encode only changed clauses."""
    t0 = time.perf_counter()
    store_dir = Path(store_dir)
    if encoder is _DEFAULT:
        encoder = default_encoder()
    target = IndexFiles(store_dir / "search")
    units = build_units(docs)
    name = model_name(encoder)
    texts = [u.lexical for u in units]
    bm25: BM25Index | ShardedBM25
    if len(units) > bm25_shards.SHARD_UNITS:  # one index would not fit a node: shard it
        bm25 = ShardedBM25.build(texts, [u.doc_id for u in units], bm25_shards.SHARD_UNITS)
    else:
        bm25 = BM25Index.build(texts)
    dense, encoded, enc_seconds = None, 0, 0.0
    if encoder is not None and units:
        vectors, encoded, enc_seconds = _embed(
            units, encoder, _previous_vectors(target, name), progress
        )
        dense = DenseIndex.build(vectors, np.array([len(u.keys) for u in units]))
    meta = {
        "format": FORMAT,
        "model": name if dense is not None else None,
        "units": len(units),
        "documents": len({u.doc_id for u in units}),
        "encoded": encoded,
        "index": dense.plan.as_dict() if dense is not None else None,
    }
    store_dir.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".search-new-", dir=store_dir))
    try:
        _write(IndexFiles(tmp / "search"), units, bm25, dense, meta)
        _swap_in(tmp / "search", target.root)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    passages = sum(len(u.keys) for u in units)
    return IndexUpdate(
        model=name if dense is not None else None,
        units=len(units),
        documents=len({u.doc_id for u in units}),
        encoded=encoded,
        passages=passages,
        reused=passages - encoded if dense is not None else 0,
        encode_seconds=round(enc_seconds, 3),
        build_seconds=round(time.perf_counter() - t0, 3),
        index=dense.plan.as_dict() if dense is not None else None,
    )


@functools.cache
def _read_meta(path: Path, stamp: int) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def read_meta(store_dir: Path) -> dict:
    """The index's meta.json; IndexMissing (naming `dutygraph build`) when there is none."""
    files = IndexFiles(Path(store_dir) / "search")
    try:
        return _read_meta(files.meta, files.meta.stat().st_mtime_ns)
    except FileNotFoundError:
        raise IndexMissing(
            f"{store_dir}: no search index in this store; run `dutygraph build` first"
        ) from None
    except (OSError, ValueError) as exc:
        raise SearchError(f"{files.meta}: unreadable search index ({exc})") from exc
