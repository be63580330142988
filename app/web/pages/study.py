"""学习资料: a role's study pack (key clauses, glossary, quiz) to read here and download."""

from __future__ import annotations

import streamlit as st

from app.outputs.studypack import study_pack
from app.web.loaders import role_names, store_dir
from ingest.domain.levels import KNOWN_LEVELS, level_name

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
    ["", *KNOWN_LEVELS],
    key="s_level",
    format_func=lambda v: level_name(v) if v else "全部",
)
if params.get("role") != role:
    st.query_params["role"] = role

pack = study_pack(role=role, level=level or None, store=store_dir())
st.download_button("下载学习资料 (.docx)", pack["docx"], file_name=f"{role}学习资料.docx")
st.markdown(pack["markdown"])
