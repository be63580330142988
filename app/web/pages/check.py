"""草案检查: hold an uploaded draft against reference documents; findings side by side."""

from __future__ import annotations

import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import streamlit as st

from app import store_files as store
from app.outputs.reports import render_report
from app.review.check import check
from app.review.references import load_references, parse_draft
from app.web.loaders import doc_json, documents, store_dir
from app.web.render import esc
from ingest.domain.levels import level_name
from ingest.errors import IngestError

KIND_ZH = {  # in the order a drafter wants to see them: what contradicts the rules first
    "conflict": "规定冲突",
    "weaker_frequency": "频次低于上级",
    "missing_sanction": "缺少追责措施",
    "missing_duty": "缺少职责",
    "stronger_frequency": "频次高于上级",
}

docs = documents()


def _path(doc_id: str, clause_id: str) -> str:
    """``第二章 › 第十一条 › （四）`` for a stored clause, its id otherwise."""
    clauses = (doc_json(doc_id) or {}).get("clauses", [])
    clause = next((c for c in clauses if c["clause_id"] == clause_id), None)
    return " › ".join(clause.get("path", [])) if clause else clause_id


st.title("草案检查")
st.caption(
    "上传本级草案，选择上级或同级参照文件，逐条检查职责是否齐全、频次是否不低于上级、追责是否一致。"
)
draft = st.file_uploader(
    "上传草案", type=[s.lstrip(".") for s in store.SUPPORTED_SUFFIXES], key="k_draft"
)
refs = st.multiselect(
    "参照文件",
    list(docs),
    key="k_refs",
    format_func=lambda i: f"{docs[i]['title']}（{level_name(docs[i]['level'])}）",
    placeholder="请选择一份或多份上级文件",
)
run = st.button("开始检查", type="primary", disabled=not (draft and refs))
if run and draft is not None:
    if len(draft.getvalue()) > store.MAX_UPLOAD_BYTES:
        st.error(f"{draft.name}：文件超过 {store.MAX_UPLOAD_BYTES // 1_000_000} MB 的上限")
        st.stop()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / Path(draft.name).name
        path.write_bytes(draft.getvalue())
        try:
            with st.spinner("正在检查…"):
                parsed = parse_draft(path)
                checked = check(parsed, load_references(refs, store_dir()))
                name = parsed[0].title or draft.name
                st.session_state["k_result"] = checked | {
                    "docx": render_report(checked, ".docx", name),
                    "markdown": render_report(checked, ".md", name),
                }
        except IngestError as exc:  # an unreadable or unusable draft: say which and why
            st.error(f"{draft.name}：无法读取草案（{exc.reason}）")
            st.stop()
if draft is None:  # a removed draft takes its findings with it
    st.session_state.pop("k_result", None)
kept = st.session_state.get("k_result")  # kept, so filtering does not re-run the check
if kept is None:
    st.stop()
result: dict[str, Any] = kept

order = list(KIND_ZH)
findings = sorted(
    result.get("findings", []),
    key=lambda f: order.index(f["kind"]) if f.get("kind") in order else len(order),
)
counts = Counter(f.get("kind", "") for f in findings)
st.subheader(f"发现 {len(findings)} 处差异")
st.caption("；".join(f"{KIND_ZH.get(k, k)} {n} 处" for k, n in counts.most_common()))
d1, d2, _ = st.columns([1, 1, 3])
if result.get("docx"):  # issue 6: the report as the drafter files it
    d1.download_button("下载检查报告 (.docx)", result["docx"], file_name="草案检查报告.docx")
if result.get("markdown"):
    d2.download_button("下载检查报告 (.md)", result["markdown"], file_name="草案检查报告.md")
if not findings:
    st.success("草案与参照文件一致，没有发现缺漏或差异。")
    st.stop()
shown = st.multiselect(
    "只看",
    list(counts),
    key="k_kinds",
    format_func=lambda k: KIND_ZH.get(k, k),
    placeholder="全部类型",
)
for f in findings:
    if shown and f.get("kind") not in shown:
        continue
    with st.container(border=True):
        st.markdown(
            f"**{esc(KIND_ZH.get(f.get('kind', ''), f.get('kind', '')))}** · "
            f"{esc(f.get('role') or '')} · {esc(f.get('detail') or '')}"
        )
        left, right = st.columns(2)
        left.caption(f"草案 {f.get('draft_clause_id') or ''}")
        left.text(f.get("draft_text") or "（草案中没有对应条款）")
        ref, ref_clause = f.get("reference_doc_id", ""), f.get("reference_clause_id") or ""
        right.caption(f"参照 {docs.get(ref, {}).get('title', ref)} {_path(ref, ref_clause)}")
        right.text(f.get("reference_text") or "")
