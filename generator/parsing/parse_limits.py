"""Thresholds more than one parser shares, each with the reason for its
value. A threshold one rule alone uses stands named beside that rule."""
from __future__ import annotations

# A subsection's number has two parts or more ("2.1"): a lone "2." may be a
# list item, and only a subsection's number is checked against the numbering.
SUBSECTION_DEPTH = 2
