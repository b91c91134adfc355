#!/usr/bin/python3
"""Expected values of the `lanczos` synthesis method (Lanczos-3 along the slice axis), written once to
interslice-core/src/test/resources/synth/lanczos.txt and read by LanczosSynthesizerTest.

Independent of the Java code: numpy's np.sinc, weights sinc(d) * sinc(d / 3) over the six slices around
the target (|d| < 3), normalised to sum 1; indices past either end of the stack repeat the edge slice.
Run from the repository root:  /usr/bin/python3 tools/reference/lanczos_expected.py
"""
import numpy as np

rng = np.random.default_rng(20261203)
nx, ny, m = 5, 4, 7
stack = rng.integers(-1000, 1500, size=(m, ny, nx)).astype(np.float64)   # k slowest, x fastest
positions = np.arange(m) * 2.5                                          # kept positions, mm
targets = np.array([0.4, 1.25, 3.0, 6.1, 7.5, 9.99, 13.2, 15.0, 14.0])   # mm; 15.0 = last slice

out = []
for z in targets:
    c = z / 2.5
    c = min(max(c, 0.0), m - 1.0)
    j0 = int(np.floor(c)) - 2
    taps = np.arange(j0, j0 + 6)
    d = c - taps
    w = np.where(np.abs(d) < 3, np.sinc(d) * np.sinc(d / 3), 0.0)
    w /= w.sum()
    idx = np.clip(taps, 0, m - 1)
    out.append(np.tensordot(w, stack[idx], axes=1))

with open("interslice-core/src/test/resources/synth/lanczos.txt", "w") as f:
    f.write("# made by tools/reference/lanczos_expected.py (numpy %s)\n" % np.__version__)
    f.write("dims %d %d %d\n" % (nx, ny, m))
    f.write("positions " + " ".join(repr(float(p)) for p in positions) + "\n")
    f.write("targets " + " ".join(repr(float(t)) for t in targets) + "\n")
    f.write("stack " + " ".join("%d" % v for v in stack.ravel()) + "\n")
    for t, o in zip(targets, out):
        f.write("expected " + " ".join(repr(float(v)) for v in o.ravel()) + "\n")
