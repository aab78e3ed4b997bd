"""The extraction contract: a parsed Document as the JSON object of
docs/contract.md (the shared contract and the extras it lists), what the
`extract` command prints, the data page's JSON files hold and the golden
extractions in tests/golden/ are written in."""
from __future__ import annotations

from typing import Any

from generator.model import Assignment, Block, Document


def _amounts(pairs: tuple[tuple[str, int | None], ...]) -> dict[str, int | None]:
    return {k: v for k, v in pairs}


def _blocks_text(blocks: tuple[Block, ...]) -> str:
    out = []
    for b in blocks:
        if b.kind == "list":
            out.append("\n".join(f"- {i}" for i in b.items))
        elif b.kind == "table":
            out.append("\n".join(" | ".join(r) for r in b.rows))
        else:
            out.append(b.text)
    return "\n\n".join(out)


def _assignment_contract(a: Assignment) -> dict[str, Any]:
    return {
        "id": a.id,
        "printed_id": a.printed_id,
        "aliases": list(a.aliases),
        "title": a.title,
        "departments": list(a.departments),
        "department_remark": a.department_remark,
        "deadline": a.deadline,
        "deadline_text": a.deadline_text,
        "deadline_approximate": a.deadline_approximate,
        "deadlines": [
            {"date": d.date, "text": d.text, "approximate": d.approximate, "agreed_later": d.agreed_later}
            for d in a.deadlines
        ],
        "section": a.section,
        "letter": a.letter,
        "status": a.status,
        "line": a.line,
        "end_line": a.end_line,
        "page": a.page,
        "page_id": a.page_id,
        "text": _blocks_text(a.body),
        "references": [
            {"kind": r.kind, "target": r.target, "text": r.text, "line": r.line}
            for r in a.references
        ],
    }


def to_contract(doc: Document) -> dict[str, Any]:
    """The JSON object of docs/contract.md (the shared contract and the extras it lists)."""
    return {
        "source": doc.source,
        "kind": doc.kind,
        "budget_year": doc.budget_year,
        "title": doc.title,
        "date": doc.date,
        "reference": doc.reference,
        **({"supplement_number": doc.supplement_number} if doc.supplement_number is not None else {}),
        "sections": [
            {"number": s.number, "title": s.title, "level": s.level, "line": s.line, "page": s.page}
            for s in doc.sections
            if s.number
        ],
        "assignments": [_assignment_contract(a) for a in doc.assignments],
        "budget_rows": [
            {
                "kap": r.kap,
                "post": r.post,
                "title": r.title or None,
                **({"title_note": r.title_note} if not r.title else {}),
                "amounts": _amounts(r.amounts),
                "unit": r.unit,
                "type": r.type,
                "comment": r.comment,
                "read_from": r.read_from,
                "line": r.line,
                "end_line": max(r.line, r.end_line),
                "page": r.page,
            }
            for r in doc.budget_rows
        ],
        "chapter_headings": [
            {"kap": h.kap, "title": h.title, "under": h.under, "line": h.line} for h in doc.chapter_headings
        ],
        "vedtak_refs": [
            {"nr": v.nr, "session": v.session, "date": v.date, "line": v.line, "page": v.page}
            for v in doc.vedtak_refs
        ],
        "dated_items": [
            {"date": d.date, "date_text": d.date_text, "title": d.title, "section": d.section, "line": d.line,
             "page": d.page}
            for d in doc.dated_items
        ],
        "chapters": [
            {
                "kap": c.kap,
                "title": c.title,
                "type": c.type,
                "programme_category": c.programme_category,
                "line": c.line,
                "page": c.page,
                "posts": [
                    {"post": p.post, "title": p.title, "amounts": _amounts(p.amounts), "line": p.line,
                     "page": p.page}
                    for p in c.posts
                ],
            }
            for c in doc.chapters
        ],
        "vedtak": [
            {
                "session": v.session,
                "nr": v.nr,
                "date": v.date,
                "title": v.title,
                "reporting_closed": v.reporting_closed,
                "line": v.line,
                "text_line": v.text_line,
                "page": v.page,
                "text_page": v.text_page,
            }
            for v in doc.vedtak
        ],
    }
