"""学习资料: a role's study pack and quiz; a preview of its key clauses until the pack lands."""

from __future__ import annotations

import streamlit as st

from app.web.backends import UNDER_CONSTRUCTION, backend
from app.web.loaders import role_names, searcher_or_note, store_dir
from app.web.render import LEVEL_ORDER, hit_card_html, level_zh
from search.errors import SearchError

params = st.query_params
roles = list(role_names())
if "s_role" not in st.session_state:
    wanted = params.get("role", "政府分管安全生产负责人")
    st.session_state["s_role"] = wanted if wanted in roles else roles[0]

st.title("学习资料")
st.caption("为培训准备：某一岗位的关键条款、术语解释和测验题（附答案和出处）。")
c1, c2 = st.columns(2)
role = c1.selectbox("角色", roles, key="s_role")
level = c2.selectbox(
    "层级（可选）",
    ["", *LEVEL_ORDER[:-1]],
    key="s_level",
    format_func=lambda v: level_zh(v) if v else "全部",
)
if params.get("role") != role:
    st.query_params["role"] = role

study = backend("study")
if study is not None:
    pack = study(role=role, level=level or None, store=store_dir())
    st.download_button("下载学习资料 (.docx)", pack["docx"], file_name=f"{role}学习资料.docx")
    st.markdown(pack["markdown"])
    st.stop()

st.info(f"学习资料与测验题：{UNDER_CONSTRUCTION}。下面先列出与该岗位最相关的条款，供预览。")
engine = searcher_or_note("条款预览")
if engine is not None:
    try:
        hits = engine.search(f"{role}的安全生产职责", k=8, level=level or None, role=role)
    except SearchError as exc:
        st.warning(f"条款预览暂不可用：{exc}")
        hits = []
    for rank, hit in enumerate(hits, 1):
        st.markdown(hit_card_html(hit, rank), unsafe_allow_html=True)
