"""我的职责: a role's duties at a level, grouped by category with frequency and sanctions.

State in ``?role=…&level=…&region=…``; the .docx sheet and the .ics calendar are
made from the duties shown, with their clauses' deadlines from the store.
"""

from __future__ import annotations

from collections import defaultdict

import streamlit as st

from app.outputs.sheets import duty_calendar_ics, duty_sheet_docx
from app.web.loaders import documents, graph_or_note, role_names
from app.web.render import clause_href, esc
from graph.errors import GraphError
from graph.query.records import DutyRow
from ingest.domain.levels import KNOWN_LEVELS, level_name
from ingest.domain.periods import frequency_words

params = st.query_params
roles = list(role_names())
docs = documents()
regions = sorted({d["region"] for d in docs.values() if d.get("region")})
defaults: dict[str, tuple[str, list[str]]] = {
    "m_role": (params.get("role", "政府分管安全生产负责人"), roles),
    "m_level": (params.get("level", "county"), list(KNOWN_LEVELS)),
    "m_region": (params.get("region", ""), ["", *regions]),
}
for key, (value, allowed) in defaults.items():
    if key not in st.session_state:
        st.session_state[key] = value if value in allowed else allowed[0]

st.title("我的职责")
st.caption("选择您的岗位和层级，查看应履行的安全生产职责、频次要求和失职后果。")
c1, c2, c3 = st.columns(3)
role = c1.selectbox("角色", roles, key="m_role")
level = c2.selectbox("层级", list(KNOWN_LEVELS), key="m_level", format_func=level_name)
region = c3.selectbox(
    "地区（可选）", ["", *regions], key="m_region", format_func=lambda v: v or "全部"
)
wanted = {"role": role, "level": level} | ({"region": region} if region else {})
if wanted != params.to_dict():
    st.query_params.from_dict(wanted)

g = graph_or_note("职责清单")
if g is None:
    st.stop()
try:
    result = g.duties(role, level=level, region=region or None)
except GraphError as exc:
    st.warning(f"职责清单暂不可用：{exc}")
    st.stop()
duties = result.duties

d1, d2, _ = st.columns([1, 1, 3])
if duties:
    d1.download_button(
        "下载职责清单 (.docx)",
        duty_sheet_docx(duties, role=role, level=level),
        file_name=f"{role}职责清单.docx",
    )
    d2.download_button(
        "下载提醒日历 (.ics)", duty_calendar_ics(duties, role=role), file_name=f"{role}.ics"
    )

if not duties:
    st.info(f"没有找到“{role}”在{level_name(level)}的职责。")
    st.stop()


def _frequency(duty: DutyRow) -> str:
    if not (duty.per_year or duty.period):
        return ""
    return frequency_words(duty.period, duty.min_count, duty.per_year)


groups: dict[str, list[DutyRow]] = defaultdict(list)
for duty in duties:
    groups[duty.category or "其他"].append(duty)
st.caption(f"共 {len(duties)} 项职责，分 {len(groups)} 类")
for category, items in sorted(groups.items(), key=lambda kv: kv[0] == "其他"):  # 其他 last
    st.subheader(f"{category}（{len(items)}）")
    for duty in items:
        freq = _frequency(duty)
        sanctions = list(dict.fromkeys(c.type for c in duty.consequences))
        source = f"{duty.doc_title} {' › '.join(duty.path) or duty.label}"
        href = clause_href(duty.doc_id, duty.clause_id)
        st.markdown(
            '<div class="dg-card">'
            + (f'<span class="dg-level">{esc(freq)}</span>' if freq else "")
            + f'<div class="dg-text">{esc(duty.duty_text or duty.text)}</div>'
            + (
                f'<div class="dg-meta">失职后果：{esc("、".join(sanctions))}</div>'
                if sanctions
                else ""
            )
            + f'<div class="dg-meta">来源：{esc(source)} '
            + (f'<a href="{esc(href)}" target="_self">查看原文</a>' if href else "")
            + "</div></div>",
            unsafe_allow_html=True,
        )
