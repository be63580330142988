"""Uploads: parsed before they join the store, refused in one Chinese sentence by kind."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from app import store_files as store
from app.cli.serve import streamlit_command
from ingest.errors import ErrorKind
from tests.conftest import SEEDS

# an English word: not a file suffix (.pdf) and not PDF itself
_ENGLISH = re.compile(r"(?<![.\w])(?!PDF)[A-Za-z]{3,}")


def test_every_error_kind_has_a_chinese_reason() -> None:
    assert set(ErrorKind) <= set(store.REASONS_ZH)
    for kind in store.REASONS_ZH:
        reason = store.reason_zh(kind, suffix=" .exe", size="25.0", doc_id="d_1")
        assert re.search(r"[\u4e00-\u9fff]{4}", reason)
        assert "{" not in reason and not _ENGLISH.search(reason)


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("fake.pdf", "这不是PDF".encode(), ErrorKind.WRONG_FORMAT),
        ("notes.txt", b"", ErrorKind.EMPTY),
        ("english.txt", b"Work safety rules, article 1.", ErrorKind.NOT_CHINESE),
        ("old.doc", b"\xd0\xcf\x11\xe0" + bytes(64), ErrorKind.DAMAGED),
        ("scan.zip", b"PK\x03\x04" + bytes(64), ErrorKind.UNSUPPORTED_TYPE),
    ],
)
def test_a_file_that_cannot_be_used_is_refused_and_leaves_no_trace(
    tmp_path: Path, name: str, data: bytes, kind: ErrorKind
) -> None:
    st = tmp_path / "store"
    with pytest.raises(store.UploadRejected) as info:
        store.accept_upload(st, name, data)
    message = str(info.value)
    assert info.value.kind == kind
    assert message.startswith(f"{name}：") and message.endswith("，未加入。")
    assert message.count("。") == 1 and "\n" not in message
    assert not _ENGLISH.search(message.replace(name, ""))  # no English reason
    assert not store.uploads_dir(st).exists() or not any(store.uploads_dir(st).iterdir())


def test_a_readable_upload_is_kept_and_a_clashing_id_is_refused(tmp_path: Path) -> None:
    st = tmp_path / "store"
    data = SEEDS["001"].read_bytes()
    kept = store.accept_upload(st, "daligang_copy.txt", data)
    assert kept == store.uploads_dir(st) / "daligang_copy.txt" and kept.read_bytes() == data
    other = tmp_path / "elsewhere" / "daligang_copy.txt"  # a built document with that id
    store.write_manifest(st, {"documents": {"daligang_copy": {"source": str(other)}}})
    with pytest.raises(store.UploadRejected) as info:
        store.accept_upload(st, "daligang_copy.txt", data)
    assert info.value.kind == "duplicate" and "daligang_copy" in str(info.value)
    manifest = json.loads((st / store.MANIFEST).read_text(encoding="utf-8"))
    assert "failed" not in manifest


def test_the_uploaders_limit_is_the_stated_one() -> None:
    command = streamlit_command(8501)
    limit = command[command.index("--server.maxUploadSize") + 1]
    assert int(limit) == store.MAX_UPLOAD_MB == 20
    assert store.MAX_UPLOAD_BYTES == store.MAX_UPLOAD_MB * 2**20
