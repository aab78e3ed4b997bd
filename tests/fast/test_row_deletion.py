"""Deleting one budget-table row's line loses no other row silently
(bench/row_deletion.py; issue 25): the rows after it are kept, or said at
their lines. A sample of the lines the probe deletes, with what it counts."""
from __future__ import annotations

import sys

import _paths

sys.path.insert(0, str(_paths.ROOT / "bench"))
import row_deletion  # noqa: E402


def _counts(name: str, line: int) -> tuple[int, int]:
    (p,) = row_deletion.probe(name, [line])
    return len(p.lost), len(p.silent)


def test_a_row_whose_first_line_is_lost_leaves_a_fragment_and_the_table_goes_on():
    # 2022 l. 722 " 77 Laboratorie- og radiologiske": "undersøkelser" / "3 437 675 3 437 675" remain,
    # said as row-fragment; before, the table ended there and its 21 later rows went unsaid.
    assert _counts("tildelingsbrev-2022", 722) == (0, 0)


def test_a_chapter_whose_first_row_is_lost_is_said_where_its_posts_fall_back():
    # 2024 l. 1185 "762\t21\t...": posts 60-74 of kap. 762 fall under kap. 761 (post 60 after 79):
    # six rows kept under another chapter, each said as row-chapter.
    assert _counts("tildelingsbrev-2024", 1185) == (6, 0)
    # 2018 l. 656 "761 21 ...", the table's first row: its rest is no head line, and the rows read.
    assert _counts("tildelingsbrev-2018", 656) == (0, 0)
    # 2018 l. 1719 "770  21  Spesielle driftsutgifter, kan nyttes under": "post 70" is no head line.
    assert _counts("tildelingsbrev-2018", 1719) == (0, 0)


def test_a_first_row_lost_under_a_head_with_a_comment_column():
    # 2025 l. 3098 "701.21 Spesielle": "driftsutgifter" is no head word, the comment a fragment.
    assert _counts("tildelingsbrev-2025", 3098) == (0, 0)


def test_what_is_still_silent():
    # 2024 l. 1175 "761\t21\t...": kap. 761's posts 60-79 follow 740's post 21 in rising order,
    # so nothing in the letter tells them from kap. 740's: nine rows kept under 740 unsaid.
    assert _counts("tildelingsbrev-2024", 1175) == (0, 9)
