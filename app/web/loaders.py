"""The app's access to the store: cached loaders and the in-app build.

Everything is keyed by the store path and the manifest's modification time, so
a rebuild (from the CLI or an upload) is picked up on the next rerun while an
unchanged store is read once: ``st.cache_resource`` for the searcher and the
graph, ``st.cache_data`` for manifest and documents.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import streamlit as st

from app import store_files as store
from app.build import BuildReport, build
from graph import GraphReader, open_graph
from graph.errors import GraphError
from ingest.domain.vocabulary import role_names as vocabulary_roles
from ingest.errors import UnknownPlace
from search import Searcher, load_searcher
from search.errors import SearchError

__all__ = [
    "ask_graph",
    "doc_json",
    "documents",
    "ensure_store",
    "graph_or_note",
    "graph_store",
    "graph_view",
    "manifest",
    "rebuild",
    "role_names",
    "searcher",
    "searcher_or_note",
    "store_dir",
    "upload_box",
]


def store_dir() -> Path:
    """The store the app serves: ``$DUTYGRAPH_HOME``, else ``./.dutygraph``."""
    return Path(store.default_store(None)).resolve()


def _stamp(root: Path) -> int:
    try:
        return (root / store.MANIFEST).stat().st_mtime_ns
    except FileNotFoundError:
        return 0


@st.cache_data(show_spinner=False)
def _manifest(root: str, stamp: int) -> dict[str, Any] | None:
    return store.read_manifest(Path(root))


def manifest() -> dict[str, Any] | None:
    root = store_dir()
    return _manifest(str(root), _stamp(root))


def documents() -> dict[str, dict[str, Any]]:
    """doc_id -> manifest entry (title, level, region, status, clauses) of the built store."""
    return (manifest() or {}).get("documents", {})


@st.cache_data(show_spinner=False, max_entries=64)
def _doc_json(root: str, doc_id: str, stamp: int) -> dict[str, Any]:
    return json.loads(store.doc_path(Path(root), doc_id).read_text(encoding="utf-8"))


def doc_json(doc_id: str) -> dict[str, Any] | None:
    """A document's parse JSON, or None when it is not in the store."""
    root = store_dir()
    if doc_id not in documents() or not store.doc_path(root, doc_id).exists():
        return None
    return _doc_json(str(root), doc_id, _stamp(root))


@st.cache_resource(show_spinner="首次检索：正在加载检索索引和语义模型，请稍候…")
def _searcher(root: str, stamp: int) -> Searcher:
    engine = load_searcher(Path(root))
    engine.search("安全生产", k=1)  # loads the model now, so the first question is timed fairly
    return engine


def searcher() -> Searcher:
    """The store's searcher, loaded once per build."""
    root = store_dir()
    return _searcher(str(root), _stamp(root))


@st.cache_resource(show_spinner="正在打开知识图谱…")
def _graph(root: str, stamp: int) -> GraphReader:
    return open_graph(root)


def graph_store() -> GraphReader:
    """The store's graph, opened once per build."""
    root = store_dir()
    return _graph(str(root), _stamp(root))


@st.cache_resource(show_spinner="正在整理图谱视图…")
def _view(root: str, stamp: int, name: str) -> Any:
    return getattr(_graph(root, stamp), name)()


def graph_view(name: str) -> Any:
    """A networkx view of the graph (``chain_view``, ``duty_network``), computed once per build."""
    root = store_dir()
    return _view(str(root), _stamp(root), name)


def _or_note(what: str, load: Callable[[], Any], errors: type[Exception]) -> Any:
    """A back end, or None after telling the user why not (e.g. the store is not built)."""
    try:
        return load()
    except errors as exc:
        st.warning(f"{what}暂不可用：{exc}")
        return None


def graph_or_note(what: str) -> Any:
    """The graph, or None after telling the user why not."""
    return _or_note(what, graph_store, GraphError)


T = TypeVar("T")


def ask_graph(what: str, place: str, query: Callable[[GraphReader], T]) -> T:
    """``query``'s answer from the graph; when the graph or the place cannot answer, the
    user is told why in one sentence and the page stops there."""
    g = graph_or_note(what)
    if g is None:
        st.stop()
    try:
        return query(g)
    except UnknownPlace as exc:
        st.warning(f"找不到所在地“{place}”：{exc.reason}")
    except GraphError as exc:
        st.warning(f"{what}暂不可用：{exc}")
    st.stop()


def upload_box(label: str, key: str, multiple: bool = False) -> Any:
    """Streamlit's uploader held to the formats the readers take and the store's size limit,
    both also said in Chinese (the uploader's own English is hidden by ``render.CSS``)."""
    formats = " ".join(store.SUPPORTED_SUFFIXES)
    return st.file_uploader(
        label,
        type=[s.lstrip(".") for s in store.SUPPORTED_SUFFIXES],
        accept_multiple_files=multiple,
        max_upload_size=store.MAX_UPLOAD_MB,
        help=f"可以上传 {formats} 文件，单个不超过 {store.MAX_UPLOAD_MB} MB",
        key=key,
    )


def searcher_or_note(what: str) -> Any:
    """The searcher, or None after telling the user why not."""
    return _or_note(what, searcher, SearchError)


ROLE_ORDER = Path(__file__).resolve().parent / "data" / "role_order.txt"


@st.cache_data(show_spinner=False)
def role_names() -> tuple[str, ...]:
    """The canonical roles, in the order of ``data/role_order.txt`` (leaders first)."""
    roles = tuple(vocabulary_roles())
    lines = ROLE_ORDER.read_text(encoding="utf-8").splitlines()
    order = [ln.strip() for ln in lines if ln.strip() and not ln.startswith("#")]
    rank = {r: i for i, r in enumerate(order)}
    return tuple(sorted(roles, key=lambda r: (rank.get(r, len(rank)), r)))


def rebuild(paths: list[Path] | None = None) -> BuildReport:
    """Build or update the store with a progress bar on the page; returns the report."""
    bar = st.progress(0.0, text="准备中…")
    stage_zh = {"ingest": "解析文档", "graph": "构建知识图谱", "search": "建立检索索引"}

    def progress(stage: str, done: int, total: int) -> None:
        share = {"ingest": (0.0, 0.6), "graph": (0.6, 0.2), "search": (0.8, 0.2)}[stage]
        frac = share[0] + share[1] * (done / total if total else 1.0)
        bar.progress(min(frac, 1.0), text=f"{stage_zh[stage]} {done}/{total}")

    _view.clear()
    _graph.clear()  # release the graph store before the build writes it
    _searcher.clear()
    if paths is None:  # an update keeps the inputs of the last build (uploads join anyway)
        paths = [Path(p) for p in (manifest() or {}).get("inputs", [])] or None
    report = build(paths, store_dir(), progress=progress)
    bar.progress(1.0, text="完成")
    _manifest.clear()
    return report


def ensure_store() -> None:
    """First start: build the bundled corpus into the store, with a visible progress bar."""
    if manifest() is not None:
        return
    st.info("首次启动：正在用内置语料建立知识库，请稍候（约需一两分钟）。")
    report = rebuild()
    st.success(f"知识库已建立：{report.documents} 份文档，{report.clauses} 个条款。")
