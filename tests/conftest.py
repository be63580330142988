"""Shared fixtures: paths into the bundled corpus and small committed fixtures."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
FIXTURES = ROOT / "tests" / "fixtures"

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

# The five sample documents by their seed number, as named in docs/domain.md.
SEEDS = {
    "000": CORPUS / "county_wangyi_2018_leader_responsibility_draft.txt",
    "001": CORPUS / "township_daligang_2019_dual_responsibility_notice.txt",
    "002": CORPUS / "county_wangyi_2018_work_safety_reform_draft.txt",
    "003": CORPUS / "province_jilin_2018_leader_responsibility_interpretation.txt",
    "004": CORPUS / "city_neimenggu_2022_responsibility_implementation_draft.txt",
}


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS


@pytest.fixture(scope="session")
def seed_paths() -> dict[str, Path]:
    return dict(SEEDS)
