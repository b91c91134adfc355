#!/usr/bin/env python3
"""Expected values for Affine2DTest: scipy's matrix logarithm, exponential and fractional power of
3x3 homogeneous 2D affines. Run once; the output is committed as
interslice-core/src/test/resources/org/interslice/core/register/affine_power_expected.txt

    /usr/bin/python3 tools/reference/affine_power_expected.py \
        > interslice-core/src/test/resources/org/interslice/core/register/affine_power_expected.txt

(scipy 1.10.1, numpy 1.24.2 on Debian.) Each case: one line 'case NAME', then 'H' and its 9 values
(row-major), 'logm' (9 values), 'expm' of the case's matrix L (9 values, L given), and 'power ALPHA'
lines with 9 values each.
"""
import numpy as np
from scipy.linalg import expm, fractional_matrix_power, logm


def affine(deg, sx, sy, shear, tx, ty):
    c, s = np.cos(np.radians(deg)), np.sin(np.radians(deg))
    r = np.array([[c, -s], [s, c]])
    m = r @ np.array([[sx, shear], [0.0, sy]])
    h = np.eye(3)
    h[:2, :2] = m
    h[:2, 2] = [tx, ty]
    return h


CASES = {
    "drift": affine(2.5, 1.015, 0.985, 0.0, 3.7, -4.2),
    "shear": affine(-1.0, 1.0, 1.0, 0.08, -2.0, 1.5),
    "translation": affine(0.0, 1.0, 1.0, 0.0, 5.0, -3.0),
    "rotation150": affine(150.0, 1.1, 1.1, 0.0, 20.0, 7.0),
    "anisotropic": affine(10.0, 1.6, 0.7, -0.2, -12.5, 30.0),
    "identity": np.eye(3),
}
ALPHAS = [0.0, 0.25, 0.5, 0.75, 1.0, -0.5, -0.3, 1.7]


def line(label, m):
    m = np.asarray(m)
    if np.iscomplexobj(m):
        assert np.max(np.abs(m.imag)) < 1e-12, label
        m = m.real
    print(label, " ".join(repr(float(v)) for v in m.ravel()))


for name, h in CASES.items():
    print("case", name)
    line("H", h)
    line("logm", logm(h))
    # expm of a generic real matrix (not a log of an affine): checks the exponential on its own
    l = np.array([[0.3, -1.2, 4.0], [0.9, -0.2, -2.5], [0.1, 0.05, 0.4]]) * (1.0 + len(name) / 10.0)
    line("L", l)
    line("expm", expm(l))
    for a in ALPHAS:
        line("power %r" % a, fractional_matrix_power(h, a))
