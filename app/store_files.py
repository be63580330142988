"""The store directory shared by build, the commands and the app.

Layout under ``--store DIR``::

    manifest.json        what was built from which file (written last, atomically)
    docs/<doc_id>.json   each document's parse JSON with its facts (``ingest.to_json``)
    uploads/             documents added through the app; always part of the build
    graph/  search/      owned by the graph and search packages

The manifest is the commit point of a build: it is replaced with ``os.replace``
only after every stage succeeded, so a crash leaves the last good one in place.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from graph.errors import StoreMissing
from ingest import from_json, parse_file
from ingest.errors import ErrorKind, IngestError
from ingest.read.files import MAX_BYTES, SUPPORTED
from ingest.records import Document, Facts

__all__ = [
    "MANIFEST",
    "MAX_UPLOAD_BYTES",
    "MAX_UPLOAD_MB",
    "REASONS_ZH",
    "SUPPORTED_SUFFIXES",
    "StoreMissing",
    "UploadRejected",
    "accept_upload",
    "default_store",
    "doc_path",
    "iter_doc_ids",
    "load_doc",
    "load_doc_json",
    "read_manifest",
    "reason_zh",
    "require_store",
    "save_doc",
    "save_upload",
    "uploads_dir",
    "write_json_atomic",
    "write_manifest",
]

MANIFEST = "manifest.json"
MANIFEST_FORMAT = 1
# The readers decide which formats exist; the build and the uploads follow them.
SUPPORTED_SUFFIXES = tuple(s for s in SUPPORTED if s)
MAX_UPLOAD_BYTES = MAX_BYTES
MAX_UPLOAD_MB = MAX_UPLOAD_BYTES // 2**20  # the "20 MB" the app states; Streamlit counts in MiB


# Why a file could not be used, in Chinese, by the kind of the failure: every
# ``ingest.errors.ErrorKind`` and the store's own kinds (duplicate, failed). Callers
# end the sentence with what it meant for them (…，未加入。 / …，无法检查。).
REASONS_ZH: dict[str, str] = {
    ErrorKind.NOT_FOUND: "文件不存在",
    ErrorKind.NO_PERMISSION: "没有读取该文件的权限",
    ErrorKind.NOT_A_FILE: "这不是一个普通文件",
    ErrorKind.UNSUPPORTED_TYPE: "不支持的文件类型{suffix}（支持 {types}）",
    ErrorKind.WRONG_FORMAT: "文件内容与扩展名不符（例如扩展名是 .pdf 而内容不是 PDF）",
    ErrorKind.DAMAGED: "文件已损坏或加了密码，无法打开",
    ErrorKind.TOO_LARGE: "文件大小 {size} MB，超过 {limit} MB 的上限",
    ErrorKind.EMPTY: "文件是空的，没有可以读取的文字",
    ErrorKind.SCANNED: "这是扫描件，未能识别出其中的文字",
    ErrorKind.TOOL_MISSING: "读取这种格式所需的办公软件没有安装",
    ErrorKind.NO_TEXT: "PDF 中的文字无法识别为汉字",
    ErrorKind.BINARY: "文件不是文本，或者使用了无法识别的编码",
    ErrorKind.TOO_DEEP: "网页的层次过深，无法读取",
    ErrorKind.NOT_CHINESE: "文件中没有中文内容，不是政策文件",
    ErrorKind.NO_STRUCTURE: "没有识别出条款编号或政策用语，不像政策文件",
    ErrorKind.UNREADABLE: "文件无法读取",
    ErrorKind.UNUSABLE: "文件内容不能作为政策文件使用",
    "duplicate": "知识库中已有标识相同的文档 {doc_id}（请改个文件名再上传）",
    "failed": "解析时出错",
}


def reason_zh(kind: str, **details: object) -> str:
    """The Chinese reason for a failure of this kind (details fill in size, suffix, doc_id)."""
    values = {"suffix": "", "size": "", "doc_id": "", **details}
    values |= {"types": " ".join(SUPPORTED_SUFFIXES), "limit": MAX_UPLOAD_MB}
    return REASONS_ZH[kind].format(**values)


class UploadRejected(ValueError):
    """An uploaded file the store will not take; its message is one Chinese sentence."""

    def __init__(self, name: str, kind: str, **details: object) -> None:
        self.name, self.kind = name, kind
        super().__init__(f"{name}：{reason_zh(kind, **details)}，未加入。")


def default_store(value: str | None) -> str:
    """The store: ``--store`` when given, else ``$DUTYGRAPH_HOME``, else ``./.dutygraph``."""
    return value or os.environ.get("DUTYGRAPH_HOME") or str(Path(".dutygraph"))


def write_json_atomic(path: Path, data: Any) -> None:
    """Write JSON next to ``path`` and ``os.replace`` it in, so readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False, indent=1, default=str)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_manifest(store_dir: Path) -> dict[str, Any] | None:
    """The last good manifest, or None when the store was never built."""
    path = Path(store_dir) / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise StoreMissing(
            f"{path}: unreadable manifest ({exc}); rebuild with `dutygraph build`"
        ) from exc
    if not isinstance(data, dict) or data.get("format") != MANIFEST_FORMAT:
        raise StoreMissing(f"{path}: unknown manifest format; rebuild with `dutygraph build`")
    return data


def write_manifest(store_dir: Path, manifest: dict[str, Any]) -> None:
    """Commit a build: the manifest is the last file a build writes."""
    write_json_atomic(Path(store_dir) / MANIFEST, {**manifest, "format": MANIFEST_FORMAT})


def require_store(store_dir: Path) -> dict[str, Any]:
    """The manifest of a built store; ``StoreMissing`` naming ``dutygraph build`` otherwise."""
    manifest = read_manifest(Path(store_dir))
    if manifest is None:
        raise StoreMissing(
            f"{store_dir}: no store here; build it first with `dutygraph build --store {store_dir}`"
        )
    return manifest


def doc_path(store_dir: Path, doc_id: str) -> Path:
    """Where a document's parse JSON is cached."""
    return Path(store_dir) / "docs" / f"{doc_id}.json"


def save_doc(store_dir: Path, data: dict[str, Any]) -> Path:
    """Cache one document's parse JSON (from ``ingest.to_json``) atomically."""
    path = doc_path(store_dir, data["doc_id"])
    write_json_atomic(path, data)
    return path


def load_doc_json(store_dir: Path, doc_id: str) -> dict[str, Any]:
    """A cached document's parse JSON; ``StoreMissing`` when it is not in the store."""
    path = doc_path(store_dir, doc_id)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise StoreMissing(f"{path}: document {doc_id!r} is not in the store") from exc


def load_doc(store_dir: Path, doc_id: str) -> tuple[Document, Facts]:
    """A cached document as ``(Document, Facts)`` via ``ingest.from_json``."""
    return from_json(load_doc_json(store_dir, doc_id))


def iter_doc_ids(store_dir: Path) -> Iterator[str]:
    """The ids of the documents of the last good build, in manifest order."""
    yield from require_store(store_dir).get("documents", {})


def uploads_dir(store_dir: Path) -> Path:
    """Documents uploaded through the app live inside the store and join every build."""
    return Path(store_dir) / "uploads"


def save_upload(store_dir: Path, name: str, data: bytes) -> Path:
    """Keep an uploaded file in ``uploads/`` after checking its size, type and name."""
    base = Path(name.replace("\\", "/")).name
    base = re.sub(r"[\x00-\x1f/]+", "_", base).strip(" .")
    suffix = Path(base).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise UploadRejected(name, ErrorKind.UNSUPPORTED_TYPE, suffix=f" {suffix or '(无扩展名)'}")
    if not data:
        raise UploadRejected(name, ErrorKind.EMPTY)
    if len(data) > MAX_UPLOAD_BYTES:
        raise UploadRejected(name, ErrorKind.TOO_LARGE, size=f"{len(data) / 2**20:.1f}")
    target = uploads_dir(store_dir) / base
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".upload.", dir=target.parent)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    os.replace(tmp, target)
    return target


def accept_upload(store_dir: Path, name: str, data: bytes) -> Path:
    """Parse an upload before it joins the store, so one that fails leaves no trace.

    ``UploadRejected`` (with the failure's kind) for a file that cannot be read or
    used, or whose document id another document of the store already has.
    """
    with tempfile.TemporaryDirectory(prefix="dutygraph-upload-") as tmp:
        probe = save_upload(Path(tmp), name, data)  # the same checks, the same file name
        try:
            doc = parse_file(probe)
        except IngestError as exc:
            raise UploadRejected(name, exc.kind) from exc
        target = uploads_dir(store_dir) / probe.name
    known = (read_manifest(Path(store_dir)) or {}).get("documents", {}).get(doc.doc_id)
    if known and Path(known["source"]) != target.resolve():
        raise UploadRejected(name, "duplicate", doc_id=doc.doc_id)
    return save_upload(store_dir, name, data)
