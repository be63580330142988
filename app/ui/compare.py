"""跨层级对比: one row per aligned duty, one column per level; state in ``?role=…&level=…``."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app.ui_data import documents, graph_or_note, role_names
from app.ui_render import LEVEL_ORDER, clause_href, esc, frequency_zh, level_zh
from graph.errors import GraphError

MISSING, LOWER = "#fde2e1", "#fff1d6"  # cell colours: absent at a level, lowest frequency

params = st.query_params
roles = list(role_names())
docs = documents()
if "c_role" not in st.session_state:
    wanted = params.get("role", "党委主要负责人")
    st.session_state["c_role"] = wanted if wanted in roles else roles[0]
if "c_levels" not in st.session_state:
    st.session_state["c_levels"] = [
        lv for lv in params.get("level", "").split(",") if lv in LEVEL_ORDER
    ]

st.title("📊 跨层级对比")
st.caption("同一角色的同一项职责，在国家、省、市、县、乡镇各级文件中如何规定；差异以颜色标出。")
left, mid, right = st.columns([1.2, 1.5, 2.3])
role = left.selectbox("角色", roles, key="c_role")
levels_pick = mid.multiselect(
    "层级（可选）", LEVEL_ORDER[:-1], key="c_levels", format_func=level_zh
)
doc_pick = right.multiselect(
    "限定文档（可选）", list(docs), format_func=lambda i: docs[i]["title"], key="c_docs"
)
wanted_params = {"role": role} | ({"level": ",".join(levels_pick)} if levels_pick else {})
if wanted_params != params.to_dict():
    st.query_params.from_dict(wanted_params)

g = graph_or_note("跨层级对比")
if g is None:
    st.stop()
try:
    result = g.compare(role, docs=doc_pick or None)
except GraphError as exc:
    st.warning(f"对比暂不可用：{exc}")
    st.stop()

levels = [lv for lv in result.get("levels", []) if not levels_pick or lv in levels_pick]
rows = result.get("rows", [])
if not rows or not levels:
    st.info(f"没有找到“{role}”在所选层级的可对比职责。")
    st.stop()


def _cell(entries: list[dict]) -> str:
    parts = []
    for e in entries:
        per_year = e.get("per_year")
        freq = frequency_zh(e.get("period"), e.get("min_count"), per_year) if per_year else "有规定"
        parts.append(freq)
    return "；".join(dict.fromkeys(parts))


table, colours, chart = [], [], []
for row in rows:
    cells = row.get("cells", {})
    record = {"类别": row.get("category", ""), "职责": row.get("activity", "")}
    rates = {lv: max((e.get("per_year") or 0) for e in cells[lv]) for lv in levels if cells.get(lv)}
    low = min(rates.values()) if len(set(rates.values())) > 1 else None
    shade = {"类别": "", "职责": ""}
    for lv in levels:
        name = level_zh(lv)
        record[name] = _cell(cells.get(lv, [])) or "—"
        shade[name] = ""
        if row.get("finding") and not cells.get(lv):  # colour only where the levels disagree
            shade[name] = MISSING
        elif row.get("finding") and low and rates[lv] == low:
            shade[name] = LOWER
        if rates.get(lv):
            chart.append({"职责": row.get("activity", ""), "层级": name, "每年次数": rates[lv]})
    record["差异"] = row.get("finding", "")
    shade["差异"] = ""
    table.append(record)
    colours.append(shade)

frame = pd.DataFrame(table)
styles = pd.DataFrame(colours).map(lambda c: f"background-color: {c}" if c else "")
st.caption(f"{role} · 共 {len(rows)} 项职责 · 红色：该层级缺少此项；橙色：频次低于其他层级")
st.dataframe(frame.style.apply(lambda _: styles, axis=None), hide_index=True, width="stretch")

if chart:
    st.subheader("各层级每年最少次数")
    st.bar_chart(
        pd.DataFrame(chart), x="职责", y="每年次数", color="层级", stack=False, horizontal=True
    )

with st.expander("查看每项职责的原文条款"):
    for row in rows:
        st.markdown(f"**{esc(row.get('activity', ''))}** {esc(row.get('finding', ''))}")
        for lv in levels:
            for e in row.get("cells", {}).get(lv, []):
                href = clause_href(e["doc_id"], e.get("clause_id"))
                st.markdown(
                    f'- <span class="dg-level">{esc(level_zh(lv))}</span>{esc(e.get("text", ""))} '
                    f'<a href="{esc(href)}" target="_self">原文</a>',
                    unsafe_allow_html=True,
                )
