"""Every recogniser runs in linear time on any line (tests/_regex_growth.py):
each compiled pattern of generator/read/, parsing/, link/, derive/ and render/ on lines of
1 000 and 10 000 characters of the shapes that make backtracking blow up,
then each pattern's two slowest shapes at 10 000 and 100 000 characters (the
time at 100 000 against 10 000). An exponential or cubic pattern does not
finish (the children's timeout); a quadratic one grows by 100 or more for ten
times the characters. Every shape at 10 000 -> 100 000 characters:
bench/regex_linear.py."""
from __future__ import annotations

from _regex_growth import growth


def test_every_recogniser_is_linear_on_long_lines():
    times, superlinear = growth("1000,10000,100000")
    print("slowest on 100 000 characters (seconds, shape):",
          [(k, round(v["seconds"], 3), v["shape"]) for k, v in sorted(times.items(), key=lambda kv: -kv[1]["seconds"])[:3]])
    assert superlinear == []
