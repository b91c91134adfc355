#!/usr/bin/python3
"""Expected values for the label-map tests (DistanceTransformTest, LabelMetricsTest, ShapeBasedLabelsTest,
LabelEvaluatorTest), computed with scipy/numpy independently of the Java code.

Run once from the repository root:
    /usr/bin/python3 tools/reference/labels_expected.py > interslice-core/src/test/resources/labels/labels.txt

Arrays are written row-major with x fastest (numpy shape (nz, ny, nx) or (ny, nx)), values separated by spaces.
- edt NAME: scipy.ndimage.distance_transform_edt(mask, sampling=(sy, sx)) (distance of each pixel to the
  nearest zero pixel) and the signed map edt(mask) - edt(~mask).
- scores: a truth and a predicted label volume, scored on the given slices with the definitions of
  BASELINES.md section 4 (per-label Dice pooled over the slices, mean and min over labels without 0,
  vanished (label, slice) pairs).
- drop K: drop-and-reconstruct scores of the nearest (ties to the lower slice) and label-linear (indicator
  blend, argmax, ties to the lower label) peers on the scores truth volume.
- shape: the shape peer of BASELINES section 4 (per-label signed distance maps blended linearly, largest
  positive wins, background if none) on a two-label stack, K = 2.
"""
import numpy as np
import scipy
from scipy import ndimage as ndi

rng = np.random.default_rng(20261203)


def arr(a):
    return " ".join(repr(float(x)) if a.dtype.kind == 'f' else str(int(x)) for x in a.ravel())


print("# scipy %s numpy %s; command: /usr/bin/python3 tools/reference/labels_expected.py" % (scipy.__version__, np.__version__))

# distance transforms
cases = []
m = ndi.gaussian_filter(rng.normal(size=(17, 23)), 2.0) > 0.05
cases.append(("blobs", m, 1.3, 0.7))
m = np.ones((16, 16), bool)
m[5, 9] = False
cases.append(("point", m, 1.0, 1.0))
m = ndi.gaussian_filter(rng.normal(size=(31, 12)), 1.5) > -0.1
cases.append(("tall", m, 0.5, 2.25))
for name, m, sy, sx in cases:
    h, w = m.shape
    d = ndi.distance_transform_edt(m, sampling=(sy, sx))
    sd = ndi.distance_transform_edt(m, sampling=(sy, sx)) - ndi.distance_transform_edt(~m, sampling=(sy, sx))
    print("edt %s %d %d %r %r" % (name, w, h, sx, sy))
    print("mask " + arr(m.astype(np.int32)))
    print("dist " + arr(d))
    print("signed " + arr(sd))

# label scores
nz, ny, nx = 7, 10, 12
truth = np.zeros((nz, ny, nx), np.int32)
truth[:, 2:8, 1:6] = 1
truth[:, 4:9, 6:11] = 2
truth[1:4, 0:2, 0:3] = 5
truth[2, 7:9, 1:3] = 3            # label 3 only on slice 2
truth[:, 5, 3] = 0
pred = truth.copy()
flip = rng.random(truth.shape) < 0.15
pred[flip] = rng.choice([0, 1, 2, 5, 7], size=flip.sum())
pred[2][pred[2] == 3] = 1          # label 3 vanishes on slice 2
pred[3][pred[3] == 5] = 0          # label 5 vanishes on slice 3
slices = [1, 2, 3, 5]


def scores(t, p):
    labels = [int(l) for l in np.unique(t) if l != 0]
    dice, present, vanished = [], 0, 0
    for l in labels:
        a, b = t == l, p == l
        dice.append(2 * np.sum(a & b) / (a.sum() + b.sum()))
        for s in range(t.shape[0]):
            if a[s].any():
                present += 1
                vanished += not b[s].any()
    return labels, dice, present, vanished


print("scores %d %d %d" % (nx, ny, nz))
print("truth " + arr(truth))
print("pred " + arr(pred))
print("slices " + " ".join(map(str, slices)))
labels, dice, present, vanished = scores(truth[slices], pred[slices])
print("labels " + " ".join(map(str, labels)))
print("dice " + " ".join(repr(float(x)) for x in dice))
print("mean %r min %r present %d vanished %d" % (float(np.mean(dice)), float(np.min(dice)), present, vanished))

# drop-and-reconstruct peers on the scores truth
for K in (2, 3):
    cut = (nz - 1) // K * K + 1
    held = [s for s in range(cut) if s % K]
    near, lin = [], []
    for s in held:
        a, b, t = s // K * K, s // K * K + K, (s % K) / K
        near.append(truth[a] if t <= 0.5 else truth[b])
        lin.append(np.where(truth[a] == truth[b], truth[a], truth[a] if t < 0.5 else (truth[b] if t > 0.5 else np.minimum(truth[a], truth[b]))))
    for name, p in (("nearest", near), ("linear", lin)):
        labels, dice, present, vanished = scores(truth[held], np.stack(p))
        print("drop %d %s mean %r min %r present %d vanished %d" % (K, name, float(np.mean(dice)), float(np.min(dice)), present, vanished))

# shape peer, two labels, K = 2, isotropic 0.5 mm pixels
nz, ny, nx = 5, 20, 24
yy, xx = np.mgrid[0:ny, 0:nx]
stack = np.zeros((nz, ny, nx), np.int32)
for z, (cx, cy, r) in enumerate([(8, 9, 5.5), (10, 10, 4.2), (13, 9, 6.8), (12, 11, 3.1), (15, 10, 5.0)]):
    stack[z][((xx - cx) / 1.3) ** 2 + (yy - cy) ** 2 <= r * r] = 4
stack[2, 2:5, 18:22] = 4           # a second blob on one slice only
sp = (0.5, 0.5)
print("shape %d %d %d %r %r" % (nx, ny, nz, sp[1], sp[0]))
print("stack " + arr(stack))
out = []
for s in (1, 3):
    a, b = stack[s - 1] == 4, stack[s + 1] == 4
    da = ndi.distance_transform_edt(a, sampling=sp) - ndi.distance_transform_edt(~a, sampling=sp)
    db = ndi.distance_transform_edt(b, sampling=sp) - ndi.distance_transform_edt(~b, sampling=sp)
    out.append(np.where(0.5 * da + 0.5 * db > 0, 4, 0).astype(np.int32))
print("peer " + arr(np.stack(out)))
