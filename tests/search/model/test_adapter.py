"""The optional e5 adapter: merged into a model's weights exactly, absent means the base model."""

from __future__ import annotations

from pathlib import Path

import torch
from safetensors.torch import save_file
from transformers import BertConfig, BertModel

from search.model.adapter import ADAPTER, adapter_tag, merge_adapter


def _tiny() -> BertModel:
    config = BertConfig(
        vocab_size=50, hidden_size=8, num_hidden_layers=2, num_attention_heads=2,
        intermediate_size=16, max_position_embeddings=16,
    )  # fmt: skip
    return BertModel(config)


def test_merge_adds_the_scaled_low_rank_update(tmp_path: Path) -> None:
    bert = _tiny()
    name = "encoder.layer.1.attention.self.query"
    before = dict(bert.named_modules())[name].weight.detach().clone()
    a, b = torch.randn(2, 8), torch.randn(8, 2)
    path = tmp_path / "lora.safetensors"
    save_file({"scale": torch.tensor(2.0), f"{name}.lora_a": a, f"{name}.lora_b": b}, str(path))
    assert merge_adapter(bert, path) == 1
    after = dict(bert.named_modules())[name].weight
    assert torch.allclose(after, before + 2.0 * (b @ a), atol=1e-6)
    assert adapter_tag(path) is not None and len(adapter_tag(path)) == 8


def test_no_adapter_file_means_no_tag(tmp_path: Path) -> None:
    assert adapter_tag(tmp_path / "absent.safetensors") is None
    assert adapter_tag(ADAPTER) is None or ADAPTER.exists()


class _FakeST:
    """What ``load_encoder`` needs of a sentence-transformers model, around a tiny BERT."""

    def __init__(self) -> None:
        self.bert = _tiny()
        self.prompts = {"query": "query: ", "passage": "passage: "}

    def __getitem__(self, i: int) -> _FakeST:
        return self

    @property
    def auto_model(self) -> BertModel:
        return self.bert

    def get_sentence_embedding_dimension(self) -> int:
        return 8


def _load(monkeypatch, tmp_path: Path, adapter: Path) -> tuple[object, _FakeST]:
    import search.model.adapter as adapter_mod
    import search.model.e5convert as e5convert
    import search.model.encoder as encoder

    made: list[_FakeST] = []

    def fake_model(_: str) -> _FakeST:
        made.append(_FakeST())
        return made[-1]

    monkeypatch.delenv("DUTYGRAPH_MODEL", raising=False)
    monkeypatch.setattr(e5convert, "ensure_converted", lambda _: tmp_path)
    monkeypatch.setattr(encoder, "_sentence_transformer", fake_model)
    monkeypatch.setattr(adapter_mod, "ADAPTER", adapter)
    encoder.load_encoder.cache_clear()
    try:
        return encoder.load_encoder(), made[0]
    finally:
        encoder.load_encoder.cache_clear()


def test_without_the_adapter_file_the_base_model_is_used(monkeypatch, tmp_path: Path) -> None:
    from search.model.e5convert import BUNDLED_NAME

    torch.manual_seed(0)
    enc, model = _load(monkeypatch, tmp_path, tmp_path / "absent.safetensors")
    torch.manual_seed(0)
    untouched = _tiny()
    assert enc is not None and enc.name == BUNDLED_NAME  # type: ignore[attr-defined]
    for (name, w), (_, w0) in zip(
        model.bert.named_parameters(), untouched.named_parameters(), strict=True
    ):
        assert torch.equal(w, w0), name


def test_with_the_adapter_file_it_is_merged_and_named(monkeypatch, tmp_path: Path) -> None:
    name = "encoder.layer.0.attention.self.value"
    path = tmp_path / "lora.safetensors"
    a, b = torch.randn(2, 8), torch.randn(8, 2)
    save_file({"scale": torch.tensor(1.0), f"{name}.lora_a": a, f"{name}.lora_b": b}, str(path))
    torch.manual_seed(0)
    enc, model = _load(monkeypatch, tmp_path, path)
    torch.manual_seed(0)
    before = dict(_tiny().named_modules())[name].weight
    after = dict(model.bert.named_modules())[name].weight
    assert enc is not None and enc.name.endswith(f"lora {adapter_tag(path)}")  # type: ignore[attr-defined]
    assert torch.allclose(after, before + b @ a, atol=1e-6)
