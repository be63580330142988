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
