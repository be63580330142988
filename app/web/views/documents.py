"""文档: browse by level, a document's clause tree with its text, uploads into the store.

State in the URL: ``?doc=…`` selects a document, ``&clause=…`` marks one clause.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from app import store_files as store
from app.web.loaders import doc_json, documents, rebuild, store_dir, upload_box
from app.web.render import (
    STATUS_ZH,
    clause_html,
    esc,
)
from ingest.domain.levels import LEVELS, level_name
from ingest.domain.periods import frequency_words
from ingest.ids import path_text

RELATION_ZH = {"implements": "贯彻实施", "cites": "引用"}

params = st.query_params
docs = documents()
st.title("文档")
browse, upload = st.tabs(["浏览文档", "上传新文档"])


def _select_doc() -> None:
    st.query_params.from_dict({"doc": st.session_state["d_doc"]})


def _doc_label(doc_id: str) -> str:
    d = docs[doc_id]
    return f"{d['title']}（{d.get('region') or level_name(d['level'])}）"


with browse:
    levels = [lv for lv in LEVELS if any(d["level"] == lv for d in docs.values())]
    wanted = params.get("doc", "")
    if "d_level" not in st.session_state:
        st.session_state["d_level"] = docs[wanted]["level"] if wanted in docs else ""
    left, right = st.columns([1, 3])
    level = left.radio(
        "按层级浏览",
        ["", *levels],
        key="d_level",
        format_func=lambda v: (
            f"{level_name(v)}（{sum(d['level'] == v for d in docs.values())}）"
            if v
            else f"全部（{len(docs)}）"
        ),
    )
    shown = [i for i, d in docs.items() if not level or d["level"] == level]
    if wanted in shown:
        st.session_state["d_doc"] = wanted
    elif st.session_state.get("d_doc") not in shown:
        st.session_state.pop("d_doc", None)
    choice = right.selectbox(
        "选择文档",
        shown,
        key="d_doc",
        index=None,
        placeholder="请选择文档",
        format_func=_doc_label,
        on_change=_select_doc,
    )
    data = doc_json(choice) if choice else None
    if choice and data is None:
        right.error(f"文档 {choice} 不在知识库中。")
    if data is None:
        right.dataframe(
            [
                {
                    "标题": docs[i]["title"],
                    "层级": level_name(docs[i]["level"]),
                    "地区": docs[i].get("region") or "",
                    "状态": STATUS_ZH.get(docs[i].get("status", ""), ""),
                    "条款数": docs[i]["clauses"],
                }
                for i in shown
            ],
            hide_index=True,
        )
    else:
        meta = [
            level_name(data.get("level")),
            data.get("region") or "",
            STATUS_ZH.get(data.get("status", ""), ""),
            data.get("doc_number") or "",
            data.get("issuer") or "",
            data.get("date") or "",
        ]
        right.subheader(data.get("title") or choice)
        right.caption(" · ".join(m for m in meta if m))
        for c in data.get("citations", []):
            rel = RELATION_ZH.get(c.get("relation", ""), c.get("relation", ""))
            right.markdown(f"- {esc(rel)}：《{esc(c.get('title', ''))}》", unsafe_allow_html=True)
        clauses = data.get("clauses", [])
        by_id = {c["clause_id"]: c for c in clauses}
        picked = params.get("clause") or ""
        if picked in by_id:
            c = by_id[picked]
            below = [d for d in clauses if d["clause_id"].startswith(picked + "__")]
            with right.container(border=True):
                st.markdown(f"**所选条款：{esc(path_text(c.get('path', [])))}**")
                st.markdown(
                    clause_html(c, 0, selected=True)
                    + "".join(  # with its items, so an article reads in full
                        clause_html(d, d["clause_id"].count("__") - picked.count("__"))
                        for d in below
                    ),
                    unsafe_allow_html=True,
                )
        elif picked:
            right.warning(f"本文档中没有条款 {picked}。")
        tree, original = right.tabs(["条款结构", "原文"])
        depth: dict[str, int] = {}
        parts = []
        for c in clauses:
            depth[c["clause_id"]] = depth.get(c.get("parent_id") or "", -1) + 1
            parts.append(clause_html(c, depth[c["clause_id"]], selected=c["clause_id"] == picked))
            freqs = [
                frequency_words(f.get("period"), f.get("min_count"), f.get("per_year"))
                for f in c.get("frequencies", [])
            ]
            if freqs:
                parts.append(
                    f'<div style="margin-left:{1.2 * depth[c["clause_id"]] + 1:.1f}rem">'
                    + "".join(f'<span class="dg-level">{esc(f)}</span>' for f in freqs)
                    + "</div>"
                )
        tree.markdown("".join(parts) or "（没有识别出条款）", unsafe_allow_html=True)
        original.text(data.get("original") or data.get("text") or "")

with upload:
    st.write(
        f"上传 {' '.join(store.SUPPORTED_SUFFIXES)} 文件（单个不超过 "
        f"{store.MAX_UPLOAD_MB} MB），系统会解析并加入知识图谱和检索索引。"
    )
    files = upload_box("选择文件", "u_files", multiple=True)
    if st.button("加入知识库", disabled=not files, type="primary"):
        saved = {}
        for f in files or []:
            try:  # parsed first: a file that cannot be used never reaches the store
                saved[str(store.accept_upload(store_dir(), f.name, f.getvalue()))] = f.name
            except store.UploadRejected as exc:
                st.error(str(exc))
        if saved:
            report = rebuild()
            failed = [source for source in saved if source in report.failed]
            for source in failed:  # parsed alone but not in the build: take it back out
                st.error(str(store.UploadRejected(saved[source], "failed")))
                Path(source).unlink(missing_ok=True)
            if failed:
                rebuild()  # the manifest forgets the files taken out (nothing else changed)
            if len(failed) < len(saved):
                st.success(
                    f"知识库已更新：新增 {len(report.new)}，更新 {len(report.changed)}，"
                    f"共 {report.documents} 份文档、{report.clauses} 个条款。"
                )
