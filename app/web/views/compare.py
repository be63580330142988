"""跨层级对比: one row per aligned duty, one column per level, each column named with its
regions; state in ``?role=…&level=…&place=…``. With a place the columns are one chain of
levels (the documents binding it); without one, documents of unrelated regions are set
side by side as 对标, never read as a hierarchy."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app.web.loaders import ask_graph, documents, role_names
from app.web.render import (
    clause_href,
    compare_table_html,
    esc,
)
from graph.query.comparison import CompareCell
from ingest.domain.levels import KNOWN_LEVELS, LEVELS, level_name
from ingest.domain.periods import frequency_words

params = st.query_params
roles = list(role_names())
docs = documents()
if "c_role" not in st.session_state:
    wanted = params.get("role", "党委主要负责人")
    st.session_state["c_role"] = wanted if wanted in roles else roles[0]
if "c_levels" not in st.session_state:
    st.session_state["c_levels"] = [lv for lv in params.get("level", "").split(",") if lv in LEVELS]
if "c_place" not in st.session_state:
    st.session_state["c_place"] = params.get("place", "")

st.title("跨层级对比")
st.caption(
    "同一角色的同一项职责，在各级文件中如何规定；每列标明文件所在地区，差异以颜色标出。"
    "填写所在地，可看约束该地的同一行政链。"
)
left, place_col, mid, right = st.columns([1.1, 1.2, 1.4, 2.1])
role = left.selectbox("角色", roles, key="c_role")
place = place_col.text_input("所在地（可选）", key="c_place", placeholder="如：黄堡镇").strip()
levels_pick = mid.multiselect(
    "层级（可选）", KNOWN_LEVELS, key="c_levels", format_func=level_name, placeholder="全部层级"
)
doc_pick = right.multiselect(
    "限定文档（可选）",
    list(docs),
    format_func=lambda i: docs[i]["title"],
    key="c_docs",
    placeholder="全部文档",
)
wanted_params = (
    {"role": role}
    | ({"level": ",".join(levels_pick)} if levels_pick else {})
    | ({"place": place} if place else {})
)
if wanted_params != params.to_dict():
    st.query_params.from_dict(wanted_params)

result = ask_graph(
    "跨层级对比", place, lambda g: g.compare(role, docs=doc_pick or None, place=place or None)
)

levels = [lv for lv in result.levels if not levels_pick or lv in levels_pick]
rows = result.rows
if not rows or not levels:
    st.info(f"没有找到“{role}”在所选层级的可对比职责。")
    st.stop()


def _frequency(cell: CompareCell) -> str:
    """``每季度至少1次``: period and count from the clause's own extracted frequency."""
    if not cell.per_year:
        return "有规定"
    return frequency_words(cell.period, cell.min_count, cell.per_year)


chart = [
    {"职责": row.activity, "层级": result.columns.get(lv, level_name(lv)), "每年次数": rate}
    for row in rows
    for lv in levels
    if (rate := max((c.per_year or 0 for c in row.cells.get(lv, ())), default=0))
]
if result.relation == "peers":
    st.warning(result.note)
else:
    st.info(result.note)
st.caption(f"{role} · 共 {len(rows)} 项职责 · 红色：该层级未规定此项；橙色：频次低于其他层级")
st.markdown(compare_table_html(rows, levels, _frequency, result.columns), unsafe_allow_html=True)

if chart:
    st.subheader("各层级每年最少次数")
    st.bar_chart(
        pd.DataFrame(chart), x="职责", y="每年次数", color="层级", stack=False, horizontal=True
    )

with st.expander("查看每项职责的原文条款"):
    for row in rows:
        st.markdown(f"**{esc(row.activity)}** {esc(row.finding)}")
        for lv in levels:
            for e in row.cells.get(lv, ()):
                href = clause_href(e.doc_id, e.clause_id)
                where = "·".join(x for x in (level_name(lv), e.region) if x)
                tag = f'<span class="dg-level">{esc(where)}</span>'
                cited = f"《{e.doc_title}》{''.join(e.path)}"
                link = f'<a href="{esc(href)}" target="_self">{esc(cited)}</a>'
                st.markdown(f"- {tag}{esc(e.text)} {link}", unsafe_allow_html=True)
