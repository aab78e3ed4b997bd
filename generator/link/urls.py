"""The URL scheme, in one place (../shared/DESIGN.md, outside this repository: "Pages and URLs").

Entity pages (chapter, assignment, decision), anchors, and the split of a
document's full text and source view into pages. It depends on the model
only, so the linker and every renderer can ask it without importing each
other.
"""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from generator.model import Document, Letter, Section

# The line in a source-view page after which its HTML is ready: MkDocs must
# not touch it (build/mkdocs_hooks.py splits the page there).
SOURCE_VIEW_MARKER = "<!-- kildevisning: ferdig HTML -->"
# Where a year's data page says how to get the year for reading offline: the
# build knows the bundle's size only once it has made it, so the data page's
# MkDocs hook writes it there (build/mkdocs_hooks.py, build/offline.bundle_paragraph).
OFFLINE_BUNDLE_MARKER = "<!-- hb:offline-bundle -->"


def url_of(path: str) -> str:
    """Docs path -> URL path inside the year ("kapittel/740/index.md" -> "kapittel/740/")."""
    if path == "index.md":
        return ""
    if path.endswith("/index.md"):
        return path[: -len("index.md")]
    return path[:-3] + "/" if path.endswith(".md") else path


# --- a year's own pages that other pages link to (docs paths) -------------

CHAPTER_INDEX = "kapittel/index.md"  # "Kapitler": every chapter, by programme area
ASSIGNMENT_INDEX = "oppdrag/index.md"  # "Oppdrag": every assignment, filterable
TAGS_PAGE = "oppdrag/stikkord.md"  # the assignments by tag
DECISION_INDEX = "vedtak/index.md"  # "Vedtak": every anmodningsvedtak
DEADLINES_PAGE = "frister/index.md"  # "Frister", beside its .ics calendars
DATA_FOLDER = "data"  # the year's downloads, beside the data page
DATA_PAGE = f"{DATA_FOLDER}/index.md"  # "Data": the downloads and the data dictionary
# The search box's direct hits, which idsearch.js reads when the site root has no ids.json.
SEARCH_KEYS = f"{DATA_FOLDER}/sok.json"
CHANGES_PAGE = "endringer/index.md"  # the year's letters, only in a year with letters after the main one
ABOUT_PAGE = "om.md"  # "Om nettstedet og metode" (from content/om.md), with the corrections
# A year's Atom feed, in its folder, and the whole site's, at the root: one name.
FEED = "feed.xml"
# At the site root: the ID index that the search box and the version switch read.
ID_INDEX = "ids.json"
# Where the version switch (versjon.js) lands when the other year has no such
# page, and the list of the year's page URLs it checks first.
MISSING_PAGE = "finnes-ikke/index.md"
PAGE_LIST = "sider.json"




def data_table(name: str) -> str:
    """A year's table among the downloads, without its ending: "vedtak" ->
    "data/vedtak" (its files: `csv_files`)."""
    return f"{DATA_FOLDER}/{name}"


def csv_files(stem: str) -> tuple[str, str]:
    """A table's two downloads, the standard CSV and its Excel twin (semicolons,
    decimal comma, BOM): "data/vedtak" -> ("data/vedtak.csv",
    "data/vedtak-excel.csv"); a chapter page's tables sit beside it
    ("kapittel/740/poster" -> "kapittel/740/poster.csv", ...)."""
    return f"{stem}.csv", f"{stem}-excel.csv"


def extraction_file(doc: Document) -> str:
    """Everything extracted from a document, as JSON, among the downloads:
    "tildelingsbrev-2025.txt" -> "data/tildelingsbrev-2025.json"."""
    return f"{DATA_FOLDER}/{doc.source.rsplit('.', 1)[0]}.json"


# --- entity pages ------------------------------------------------------


def chapter_path(kap: int) -> str:
    return f"kapittel/{kap}/index.md"


def assignment_key(assignment_id: str) -> str:
    return assignment_id.lower()


def assignment_path(assignment_id: str) -> str:
    return f"oppdrag/{assignment_key(assignment_id)}/index.md"


def beside(page: str, name: str) -> str:
    """A file in a page's folder, as a chart beside the page that shows it:
    ("kapittel/740/index.md", "poster.svg") -> "kapittel/740/poster.svg"."""
    return posixpath.join(posixpath.dirname(page), name)


def assignment_calendar(page: str) -> str:
    """The calendar file of an assignment's deadlines, beside its page:
    "oppdrag/tb2025-12/index.md" -> "oppdrag/tb2025-12/frist.ics"."""
    return beside(page, "frist.ics")


def session_slug(session: str) -> str:
    return re.sub(r"\D+", "-", session).strip("-")


def vedtak_key(session: str | None, nr: str) -> str:
    return f"{session_slug(session)}-{nr}" if session else f"ukjent-{nr}"


def vedtak_path(session: str | None, nr: str) -> str:
    return f"vedtak/{vedtak_key(session, nr)}/index.md"


def post_anchor(post: str) -> str:
    """A post's row on its chapter page ("72" -> "post-72")."""
    return f"post-{post}"


# Sections one page type writes and another links to.
COVERAGE_ANCHOR = "dekning-gjennom-aret"  # front page: what the totals cover, the letter against the year as amended
THROUGH_YEAR_ANCHOR = "gjennom-aret"  # chapter page: its posts' allocation through the year's letters


def change_anchor(post: str) -> str:
    """A post's changes through the year on its chapter page ("72" -> "endring-72";
    a post the main letter does not allocate has no row there, so the changes
    carry their own anchor): the changes page and the front page link it."""
    return f"endring-{post}"


def letter_anchor(letter: Letter) -> str:
    """A letter's section on the changes page (endringer/): "hovedbrev" for the
    main letter, else its label ("supplerende-nr-2", "tillegg-3"); the chapter
    pages, the timeline and the year's feed link it."""
    return "hovedbrev" if letter.number == 0 else letter.label


def addition_anchor(n: int) -> str:
    """The n-th later letter's addition on an assignment page (2 -> "tillegg-2"),
    which the page's facts and the deadlines' calendars link to."""
    return f"tillegg-{n}"


def site_root_href(from_path: str, url: str) -> str:
    """An HTML link from a page of a year (its docs path) to a URL from the site
    root, above the years: from "om.md" (om/) to "2025/kapittel/740/" ->
    "../../2025/kapittel/740/"."""
    return "../" * url_of(from_path).count("/") + "../" + url


# --- full text and source view: the page split -------------------------------------------

@dataclass(frozen=True)
class SectionPage:
    slug: str  # URL segment under brev/ or prop/
    number: str
    title: str
    line: int
    end_line: int
    path: str  # docs path, "brev/3/index.md"


def text_folder(doc: Document) -> str:
    return "prop" if doc.kind == "prop1s" else "brev"


def source_page(doc: Document) -> str:
    return f"kilde/{doc.source.rsplit('.', 1)[0]}/index.md"


_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10}


def _slug(number: str) -> str:
    """URL segment for a section number: "3.1" -> "3-1", part "II" -> "del-2"."""
    if number.upper() in _ROMAN:
        return f"del-{_ROMAN[number.upper()]}"
    s = re.sub(r"[^0-9a-z]+", "-", number.lower()).strip("-")
    return s or "tekst"


def section_anchor(number: str) -> str:
    """The anchor of a numbered heading on its full-text page ("3.2.3" -> "s-3-2-3"),
    which an assignment page or a citation may link to."""
    return "s-" + _slug(number)


def section_anchors(doc: Document, page: "SectionPage") -> dict[int, str]:
    """Line -> anchor of each heading a full-text page shows below its own
    ("s-3-2-3"; a number printed twice "s-3-2-3-2"; an unnumbered heading by
    its title): what the page writes, and what an assignment page links to."""
    sections = {s.line: s for s in doc.sections}
    seen: dict[str, int] = {}
    out: dict[int, str] = {}
    for b in doc.text_blocks:
        if b.kind != "section" or not page.line < b.line <= page.end_line or b.line not in sections:
            continue
        sec = sections[b.line]
        anchor = section_anchor(sec.number or _title_slug(sec.title))
        seen[anchor] = seen.get(anchor, 0) + 1
        out[b.line] = anchor if seen[anchor] == 1 else f"{anchor}-{seen[anchor]}"
    return out


def heading_anchor_at(doc: Document, page: "SectionPage", line: int) -> str:
    """The anchor of the heading that `line` stands under on its full-text
    page ("" under the page's own heading): where an assignment page links."""
    sub = max((s for s in doc.sections if page.line < s.line <= line), key=lambda s: s.line, default=None)
    return section_anchors(doc, page).get(sub.line, "") if sub else ""


def top_sections(doc: Document) -> list[Section]:
    """The page-level sections: the shallowest level present, in order.

    Unnumbered sections at that level (a supplementary letter bound into the
    same file) are pages too.
    """
    if not doc.sections:
        return []
    numbered = [s for s in doc.sections if s.number]
    top = min(s.level for s in (numbered or doc.sections))
    return [s for s in doc.sections if s.level == top]


def _title_slug(title: str) -> str:
    """"Tillegg til tildelingsbrev (tillegg-1)" -> "tillegg-1"; else the title's words."""
    inner = re.search(r"\(([a-z0-9-]+)\)\s*$", title)
    if inner:
        return inner.group(1)
    s = title.lower().translate(str.maketrans({"æ": "ae", "ø": "o", "å": "a"}))
    return re.sub(r"[^0-9a-z]+", "-", s).strip("-")[:40].strip("-") or "tekst"


# A page longer than this is split further (at the programme categories of
# the proposition's budget part): no HTML page over 1 MB, none slow to open.
MAX_PAGE_LINES = 12_000


def _split_long(page: SectionPage, doc: Document, folder: str) -> list[SectionPage]:
    """A too-long page cut at the programme categories inside it; the part's
    opening text keeps the page's own path."""
    if page.end_line - page.line < MAX_PAGE_LINES:
        return [page]
    cats = sorted((c for c in doc.programme_categories if page.line < c.line <= page.end_line),
                  key=lambda c: c.line)
    if not cats:
        return [page]
    out = [SectionPage(page.slug, page.number, page.title, page.line, cats[0].line - 1, page.path)]
    for i, cat in enumerate(cats):
        end = cats[i + 1].line - 1 if i + 1 < len(cats) else page.end_line
        slug = f"{page.slug}-kategori-{_slug(cat.code)}"
        title = f"{section_label(page.number, page.title)}: programkategori {cat.code} {cat.title}".strip()
        out.append(SectionPage(slug, "", title, cat.line, end, f"{folder}/{slug}/index.md"))
    return out


def supplement_slug(number: int) -> str:
    """The full-text page of supplementary letter nr. N: brev/supplerende-nr-N/."""
    return f"supplerende-nr-{number}"


def letter_text_page(pages: list[SectionPage], letter: Letter) -> str | None:
    """The full-text page where `letter` starts, given its file's pages
    (`YearModel.text_pages[letter.source]`): supplementary letter nr. 2 ->
    "brev/supplerende-nr-2/index.md"; a tillegg bound into the main letter's
    file -> its page ("brev/tillegg-3/index.md"); the main letter -> its first page."""
    if letter.label.startswith("supplerende-nr-"):
        return f"brev/{supplement_slug(letter.number)}/index.md"
    if letter.label.startswith("tillegg-"):
        return next((p.path for p in pages if p.slug == letter.label), None)
    return pages[0].path if pages else None


def section_pages(doc: Document, total_lines: int) -> list[SectionPage]:
    """Split the document into pages at its top-level sections.

    Text before the first section (a letterhead, a preface) gets its own page
    so that nothing is dropped. Numbers printed twice get -2, -3 suffixes. A
    section longer than MAX_PAGE_LINES is split at its programme categories.
    """
    folder = text_folder(doc)
    if doc.supplement is not None:  # a supplementary letter is short: one page, named by its number
        slug = supplement_slug(doc.supplement)
        return [SectionPage(slug, "", doc.title, 1, total_lines, f"{folder}/{slug}/index.md")]
    tops = top_sections(doc)
    pages: list[SectionPage] = []
    first_line = tops[0].line if tops else total_lines + 1
    if first_line > 1:
        pages.append(SectionPage("innledende-tekst", "", "Innledende tekst", 1, first_line - 1,
                                 f"{folder}/innledende-tekst/index.md"))
    used: dict[str, int] = {}
    for i, sec in enumerate(tops):
        end = tops[i + 1].line - 1 if i + 1 < len(tops) else total_lines
        slug = _slug(sec.number) if sec.number else _title_slug(sec.title)
        used[slug] = used.get(slug, 0) + 1
        if used[slug] > 1:
            slug = f"{slug}-{used[slug]}"
        pages += _split_long(SectionPage(slug, sec.number, sec.title, sec.line, end, f"{folder}/{slug}/index.md"),
                             doc, folder)
    return pages


# --- the source view: whole for a letter, in parts for a long document ---------------------

def _split_source(doc: Document) -> bool:
    return any(s.line > MAX_PAGE_LINES for s in doc.sections)


def source_parts(doc: Document, total_lines: int) -> list[SectionPage]:
    """The pages of a long document's source view: the same cuts as its full text."""
    if not _split_source(doc):
        return []
    return [SectionPage(p.slug, p.number, p.title, p.line, p.end_line,
                        f"{source_page(doc)[:-len('index.md')]}{p.slug}/index.md")
            for p in section_pages(doc, total_lines)]


def source_page_for(doc: Document, line: int) -> str:
    """The source-view page that shows `line` (pages need only their first lines to answer)."""
    if not _split_source(doc):
        return source_page(doc)
    parts = source_parts(doc, max(line, max(s.line for s in doc.sections)))
    part = next((p for p in reversed(parts) if p.line <= line), parts[0] if parts else None)
    return part.path if part else source_page(doc)


def source_anchor(line: int, end_line: int = 0) -> str:
    """#L12 for a line, #L12-L30 for a range (the source view highlights all of it)."""
    return f"L{line}-L{end_line}" if end_line and end_line > line else f"L{line}"


def section_label(number: str, title: str) -> str:
    """"3.1 Folkehelse"; a part's or unnumbered section's own title when the
    number only repeats it ("I" + "Del I", "forslag" + "Forslag til vedtak")."""
    if not number or title.lower().startswith(number.lower()) or \
            (number.upper() in _ROMAN and title.startswith("Del ")):
        return title
    return f"{number} {title}"
