"""草案检查: a draft (file or pasted text) against the documents above it; 全库审查: every
stored document against what it implements. Findings grouped by kind and reference."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from app import store_files as store
from app.errors import UsageError
from app.outputs.reports import render_audit, render_report
from app.review.audit import audit
from app.review.check import Reference, check
from app.review.findings import CheckResult, Finding, Kind, where
from app.review.references import (
    given_references,
    parse_draft,
    parse_draft_text,
    resolved_references,
)
from app.web.loaders import documents, store_dir, upload_box
from graph.errors import GraphError
from ingest.domain.levels import level_name
from ingest.errors import ErrorKind, IngestError
from ingest.records import Document, Facts
from search.model.encoder import Encoder, load_encoder

docs = documents()


@st.cache_resource(show_spinner=False)
def _encoder() -> Encoder | None:
    """The sentence encoder, loaded once per server (None: words alone)."""
    return load_encoder()


def _draft(upload, text: str) -> tuple[Document, Facts]:
    if upload is not None:
        if len(upload.getvalue()) > store.MAX_UPLOAD_BYTES:
            size = f"{len(upload.getvalue()) / 2**20:.1f}"
            raise UsageError(f"{upload.name}：{store.reason_zh(ErrorKind.TOO_LARGE, size=size)}")
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / Path(upload.name).name
            path.write_bytes(upload.getvalue())
            return parse_draft(path)
    return parse_draft_text(text, name="粘贴的草案.txt")


def _references(draft: Document, picked: list[str]) -> list[Reference]:
    return (
        given_references(picked, store_dir()) if picked else resolved_references(draft, store_dir())
    )


def _card(f: Finding) -> None:
    with st.container(border=True):
        st.markdown(f"**{f.role or '通用规定'}** · {f.detail}")
        left, right = st.columns(2)
        left.caption(f"草案 {where(f.draft_path)}" if f.draft_text else "草案中没有对应条款")
        if f.draft_text:
            left.text(f.draft_text)
        right.caption(f"参照 {f.reference.citation}")
        right.text(f.reference.text)
        for also in f.sources[1:]:
            right.caption(f"同见 {also.citation}")
        st.caption(f"修改建议：{f.advice}")


def _show(result: CheckResult, shown: list[Kind]) -> None:
    for kind in Kind:
        mine = [f for f in result.findings if f.kind == kind]
        if not mine or (shown and kind not in shown):
            continue
        st.subheader(f"{kind.label}（{len(mine)} 处，{kind.severity_label}）")
        for title in dict.fromkeys(f.reference.doc_title for f in mine):
            group = [f for f in mine if f.reference.doc_title == title]
            st.markdown(f"**《{title}》（{level_name(group[0].reference.level)}）**")
            for f in group:
                _card(f)


def _check_tab() -> None:
    st.caption(
        "上传或粘贴本级草案。不选参照文件时，按草案标题、依据和文号查找其落实的文件，"
        "再加上上级地区规范同一事项的文件；只对适用于本级和草案所列角色的规定提出问题。"
    )
    source = st.radio("草案来源", ["上传文件", "粘贴文本"], horizontal=True, key="k_source")
    upload, text = None, ""
    if source == "上传文件":
        upload = upload_box(f"上传草案（单个文件不超过 {store.MAX_UPLOAD_MB} MB）", "k_draft")
    else:
        text = st.text_area("草案文本", key="k_text", height=260, placeholder="粘贴草案全文")
    picked = st.multiselect(
        "参照文件（可选）",
        list(docs),
        key="k_refs",
        format_func=lambda i: f"{docs[i]['title']}（{level_name(docs[i]['level'])}）",
        placeholder="自动查找",
    )
    ready = upload is not None or bool(text.strip())
    if st.button("开始检查", type="primary", disabled=not ready):
        try:
            with st.spinner("正在检查…"):
                draft = _draft(upload, text)
                result = check(draft, _references(draft[0], picked), encoder=_encoder())
                name = draft[0].title or "草案"
                st.session_state["k_result"] = (
                    result,
                    render_report(result, ".docx", name),
                    render_report(result, ".md", name),
                )
        except IngestError as exc:  # an unreadable or unusable draft: say which and why
            st.error(f"草案{store.reason_zh(exc.kind)}，无法检查。")
            return
        except (UsageError, GraphError) as exc:
            st.warning(f"{exc}")
            return
    if not ready:  # a removed draft takes its findings with it
        st.session_state.pop("k_result", None)
    kept = st.session_state.get("k_result")  # kept, so filtering does not re-run the check
    if kept is None:
        return
    result, docx_report, md_report = kept
    st.dataframe(
        pd.DataFrame(
            [
                {"参照文件": r.title, "层级": level_name(r.level), "依据": r.why}
                for r in result.references
            ]
        ),
        hide_index=True,
        use_container_width=True,
    )
    counts = {k: sum(f.kind == k for f in result.findings) for k in Kind}
    st.subheader(f"发现 {len(result.findings)} 处差异")
    st.caption("；".join(f"{k.label} {n} 处" for k, n in counts.items() if n))
    d1, d2, _ = st.columns([1, 1, 1])
    d1.download_button("下载检查报告 (.docx)", docx_report, file_name="草案检查报告.docx")
    d2.download_button("下载检查报告 (.md)", md_report, file_name="草案检查报告.md")
    if not result.findings:
        st.success("草案与参照文件一致，没有发现缺漏或差异。")
    shown = st.multiselect(
        "只看",
        [k for k in Kind if counts[k]],
        key="k_kinds",
        format_func=lambda k: k.label,
        placeholder="全部类型",
    )
    _show(result, shown)
    with st.expander(f"不适用的参照规定（{len(result.not_applicable)} 条）"):
        for n in result.not_applicable:
            st.text(f"{n.source.citation}：{n.source.text[:60]}\n    {n.reason}")


def _audit_tab() -> None:
    st.caption(
        "逐一检查知识库中的文件：下级文件的频次、时限、追责条件或追责方式是否低于其所落实的上级文件。"
    )
    if st.button("开始全库审查", key="k_audit_run"):
        with st.spinner("正在审查全部文件…"):
            result = audit(store_dir())
            st.session_state["k_audit"] = (
                result,
                render_audit(result.findings, ".docx", result.documents),
            )
    kept = st.session_state.get("k_audit")
    if kept is None:
        return
    result, report = kept
    st.subheader(f"审查 {result.documents} 份文件，发现 {len(result.findings)} 处")
    rows = [
        {
            "文件": a.draft_doc_title,
            "层级": level_name(a.draft_level),
            "问题": a.finding.kind.label,
            "差异": a.finding.detail,
            "参照文件": a.finding.reference.citation,
            "修改建议": a.finding.advice,
        }
        for a in result.findings
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True, use_container_width=True)
    st.download_button("下载审查报告 (.docx)", report, file_name="全库审查报告.docx")


st.title("草案检查")
check_tab, audit_tab = st.tabs(["草案检查", "全库审查"])
with check_tab:
    _check_tab()
with audit_tab:
    _audit_tab()
