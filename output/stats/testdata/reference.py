#!/usr/bin/env python3
"""Reference statistics for stats_test.go, computed without gonum.

Mean and sample standard deviation come from Python's statistics module
(exact rational arithmetic on the inputs). The Student's t quantile comes
from bisection on the t CDF, itself computed by Simpson's rule on the
density with 200,000 intervals. Run: python3 reference.py
"""
import math
import statistics


def t_pdf(x, nu):
    c = math.exp(math.lgamma((nu + 1) / 2) - math.lgamma(nu / 2)) / math.sqrt(nu * math.pi)
    return c * (1 + x * x / nu) ** (-(nu + 1) / 2)


def t_cdf_upper_half(q, nu, n=200000):
    # P(0 <= T <= q) by Simpson's rule.
    h = q / n
    s = t_pdf(0, nu) + t_pdf(q, nu)
    for i in range(1, n):
        s += (4 if i % 2 else 2) * t_pdf(i * h, nu)
    return s * h / 3


def t_quantile_975(nu):
    lo, hi = 0.0, 100.0
    for _ in range(60):
        mid = (lo + hi) / 2
        if 0.5 + t_cdf_upper_half(mid, nu) < 0.975:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


CASES = {
    "one to five": [1, 2, 3, 4, 5],
    "two values": [10, 20],
    "vaccinated": [1298, 1281, 1315, 1302, 1290, 1311, 1276, 1309, 1288, 1301],
    "waits": [12.4, 11.9, 13.1, 12.7],
}

for name, xs in CASES.items():
    n = len(xs)
    mean = statistics.mean(xs)
    sd = statistics.stdev(xs)
    t = t_quantile_975(n - 1)
    half = t * sd / math.sqrt(n)
    print(f"{name}: n={n} t={t:.12g} mean={mean:.15g} sd={sd:.15g} ci=[{mean - half:.12g}, {mean + half:.12g}]")
