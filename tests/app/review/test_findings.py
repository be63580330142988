"""Finding kinds have one home: one label each, an order by severity, and the JSON fields
docs/cli.md fixes."""

from __future__ import annotations

import dataclasses
import re

import pytest

from app.review.findings import AuditFinding, CheckResult, Finding, Kind, ReferenceUse, Source
from tests.conftest import ROOT

CONTRACT = {"kind", "role", "draft_clause_id", "draft_text", "reference_doc_id",
            "reference_doc_title", "reference_clause_id", "reference_text", "detail"}  # fmt: skip


def _finding(kind: Kind = Kind.WEAKER_FREQUENCY) -> Finding:
    ref = Source(
        "ref", "甲县实施意见", "county", "chp_3__art_16", ("第三章", "第十六条"), "每季度至少1次"
    )
    also = dataclasses.replace(ref, doc_id="city", doc_title="乙市意见", level="city")
    return Finding(kind, "党委", "sec_3__item_1", ("三、", "（一）"), "每半年至少1次", (ref, also),
                   "低于参照文件", "改为每季度。", "frequency")  # fmt: skip


def test_the_kinds_of_the_cli_contract_each_with_one_distinct_label():
    cli = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert all(f'"{k.value}"' in cli for k in Kind)
    labels = [k.label for k in Kind]
    assert len(set(labels)) == len(labels) and all(
        re.fullmatch(r"[\u4e00-\u9fff]+", lab) for lab in labels
    )


def test_kinds_come_in_severity_order():
    severities = [k.severity for k in Kind]
    assert severities == sorted(severities)
    assert Kind.CONFLICT.severity == Kind.WEAKER_FREQUENCY.severity < Kind.MISSING_SANCTION.severity
    assert (
        Kind.MISSING_SANCTION.severity
        < Kind.MISSING_DUTY.severity
        < Kind.STRONGER_FREQUENCY.severity
    )


def test_json_has_the_contract_fields_paths_and_every_source():
    out = _finding().as_json()
    assert set(out) >= CONTRACT and not any(k.startswith("_") for k in out)
    assert out["kind"] == "weaker_frequency" and out["reference_label"] == "第三章 › 第十六条"
    assert [s["doc_id"] for s in out["sources"]] == ["ref", "city"]
    assert out["severity"] == Kind.WEAKER_FREQUENCY.severity


def test_a_finding_is_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        _finding().kind = Kind.CONFLICT  # type: ignore[misc]


def test_results_name_their_references_and_keep_not_applicable_apart():
    use = ReferenceUse("ref", "甲县实施意见", "county", "草案落实的文件")
    result = CheckResult((_finding(),), (use,))
    out = result.as_json()
    assert out["references"] == [use.as_json()] and "not_applicable" not in out
    assert set(use.as_json()) >= {"doc_id", "title", "level", "why"}
    assert result.as_json(with_not_applicable=True)["not_applicable"] == []
    audit = AuditFinding("d", "丙镇方案", "township", _finding()).as_json()
    assert audit["draft_doc_id"] == "d" and set(audit) >= CONTRACT
