"""The documents' tokens, one grammar each: the one place a token's shape is
written down, as a pattern (or pattern fragments to compose) and a finder.

- `assignment_id`: TB2025-12, TTB2022-3, RTB2020-17, misprinted (TB 2022 – O1),
  synthesized (TB2022-U2.2.3-1) and reprinted (TB2021-43-2);
- `kap_post`: kap. 740, post 21 / 740.21, and a chapter's kind;
- `vedtak_refs`: vedtak nr. 831 (2021–2022), anmodningsvedtak, Storting sessions;
- `amounts`: 30 576, several amounts in one run of digits, and their units;
- `dates`: 31.12.2025, 1. mars 2025, 15.3 in a calendar table;
- `periods`: a quarter, a half-year, a month, a year's end: start and end.

A leaf package: it imports nothing of the generator but the lexicon, so that
reading (a row's key), parsing and the later stages share one grammar.
"""
