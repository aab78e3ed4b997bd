"""The mutation suite (tests/fast/test_mutation.py) over the proposition:
33 000 lines, a few seconds a case, so in the slow tier."""
from __future__ import annotations

import pytest

from fast.test_mutation import OPS, _documents, assert_mutations_keep_untouched


@pytest.mark.parametrize("op", OPS)
@pytest.mark.parametrize("file", _documents("prop1s"))
def test_mutations_of_the_proposition_keep_what_they_did_not_touch(source_dir, file, op):
    assert_mutations_keep_untouched(source_dir, file, op)
