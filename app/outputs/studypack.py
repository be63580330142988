"""The study pack as a trainer prints it: Markdown or .docx of ``app.study.content`` content.

Three parts in the order a session runs: key clauses, key terms, then the quiz
with the answer key on its own page (each answer with the clause it comes from).
"""

from __future__ import annotations

from pathlib import Path

from app import store_files as store
from app.outputs.reports import cjk_document, docx_bytes
from app.study.content import study_content
from ingest.domain.levels import LEVELS, level_name, rank

__all__ = ["load_pairs", "study_docx", "study_markdown", "study_pack"]

LETTERS = "ABCD"


def _title(content: dict) -> str:
    level = content.get("level")
    return f"{content['role']}安全生产学习资料" + (f"（{level_name(level)}）" if level else "")


def _source(item: dict) -> str:
    return f"《{item['doc_title']}》{item['label']}"


def _by_document(items: list[dict]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for item in items:
        out.setdefault(item["doc_title"], []).append(item)
    return out


def load_pairs(store_dir: Path, level: str | None = None) -> list:
    """The stored documents binding a level (that level and those above it), or all."""
    docs = store.require_store(store_dir).get("documents", {})
    top = rank(level) if level else len(LEVELS)
    return [
        store.load_doc(store_dir, doc_id)
        for doc_id, entry in docs.items()
        if rank(entry.get("level", "unknown")) <= top
    ]


def study_markdown(content: dict) -> str:
    lines = [f"# {_title(content)}", "", "## 一、关键条款", ""]
    for title, items in _by_document(content["clauses"]).items():
        lines += [f"### 《{title}》", ""]
        lines += [f"- **{c['label']}**（{c['category']}）：{c['clause_text']}" for c in items]
        lines += [""]
    lines += ["", "## 二、重要术语", ""]
    for g in content["glossary"]:
        lines += [f"- **{g['term']}**：{g['definition']}（出自{_source(g)}）"]
    lines += ["", "## 三、测验题", ""]
    for n, q in enumerate(content["quiz"], 1):
        options = "　".join(f"{LETTERS[i]}. {o}" for i, o in enumerate(q["options"]))
        lines += [f"{n}. {q['question']}", "", f"   {options}", ""]
    lines += ["## 答案", ""]
    for n, q in enumerate(content["quiz"], 1):
        letter = LETTERS[q["options"].index(q["answer"])]
        lines += [f"{n}. {letter}（{q['answer']}）——依据{_source(q)}：{q['clause_text']}"]
    return "\n".join(lines) + "\n"


def study_docx(content: dict) -> bytes:
    document = cjk_document(_title(content))
    document.add_heading("一、关键条款", level=1)
    for title, items in _by_document(content["clauses"]).items():
        document.add_heading(f"《{title}》", level=2)
        for c in items:
            p = document.add_paragraph(style="List Bullet")
            p.add_run(f"{c['label']}（{c['category']}）：").bold = True
            p.add_run(c["clause_text"])
    document.add_heading("二、重要术语", level=1)
    for g in content["glossary"]:
        p = document.add_paragraph()
        p.add_run(f"{g['term']}：").bold = True
        p.add_run(f"{g['definition']}（出自{_source(g)}）")
    document.add_heading("三、测验题", level=1)
    for n, q in enumerate(content["quiz"], 1):
        document.add_paragraph(f"{n}. {q['question']}")
        document.add_paragraph(
            "　".join(f"{LETTERS[i]}. {o}" for i, o in enumerate(q["options"]))
        ).paragraph_format.left_indent = document.styles["Normal"].font.size
    document.add_page_break()
    document.add_heading("答案", level=1)
    for n, q in enumerate(content["quiz"], 1):
        letter = LETTERS[q["options"].index(q["answer"])]
        p = document.add_paragraph()
        p.add_run(f"{n}. {letter}（{q['answer']}）").bold = True
        p.add_run(f"——依据{_source(q)}：{q['clause_text']}")
    return docx_bytes(document)


def study_pack(role: str, level: str | None = None, store: str | Path = ".dutygraph") -> dict:
    """Content plus both renderings: ``{"content", "markdown", "docx"}`` (the app's back end)."""
    content = study_content(load_pairs(Path(store), level), role, level)
    return {"content": content, "markdown": study_markdown(content), "docx": study_docx(content)}
