#!/usr/bin/python3
"""The Python label peers of ../shared/BASELINES.md section 4, rewritten from its description (not our code):
nearest (nearer kept slice, ties to the lower one), label-linear (indicator blend, argmax, ties to the lower
label) and shape (Raya & Udupa 1990: per label sd = edt(inside) - edt(outside) in mm on each kept slice,
blended linearly, the label with the largest positive sd wins, background if none; a label absent from a kept
neighbour has sd = -inf there). Single-threaded, scipy.ndimage. Same cut and scores as BASELINES section 4.

Usage: label_peers.py LABELS.nii.gz K  -> one line per method: method mean_dice min_dice vanished_fraction seconds
"""
import sys
import time
import nibabel as nib
import numpy as np
from scipy import ndimage as ndi


def scores(truth, pred):
    labels = [l for l in np.unique(truth) if l != 0]
    dice, present, vanished = [], 0, 0
    for l in labels:
        t, p = truth == l, pred == l
        dice.append(2 * np.sum(t & p) / (t.sum() + p.sum()))
        tz, pz = t.any(axis=(0, 1)), p.any(axis=(0, 1))
        present += int(tz.sum())
        vanished += int((tz & ~pz).sum())
    return float(np.mean(dice)), float(np.min(dice)), vanished / present


def main():
    img = nib.load(sys.argv[1])
    K = int(sys.argv[2])
    v = np.asarray(img.dataobj).astype(np.int32)
    sp = tuple(float(s) for s in img.header.get_zooms()[:2])
    n = v.shape[2]
    cut = (n - 1) // K * K + 1
    v = v[:, :, :cut]
    held = [s for s in range(cut) if s % K]
    labels = [int(l) for l in np.unique(v) if l != 0]

    def nearest():
        return np.stack([v[:, :, s // K * K + (K if s % K > K / 2 else 0)] for s in held], axis=2)

    def linear():
        out = []
        for s in held:
            a, b, t = v[:, :, s // K * K], v[:, :, s // K * K + K], (s % K) / K
            out.append(np.where(a == b, a, a if t < 0.5 else (b if t > 0.5 else np.minimum(a, b))))
        return np.stack(out, axis=2)

    def shape():
        cache = {}

        def sd(k, l):
            if (k, l) not in cache:
                m = v[:, :, k] == l
                cache[(k, l)] = None if not m.any() else ndi.distance_transform_edt(m, sampling=sp) - ndi.distance_transform_edt(~m, sampling=sp)
            return cache[(k, l)]
        out = []
        for s in held:
            a, t = s // K * K, (s % K) / K
            best = np.zeros(v.shape[:2])
            lab = np.zeros(v.shape[:2], np.int32)
            for l in labels:
                da, db = sd(a, l), sd(a + K, l)
                if da is None or db is None:
                    continue
                x = (1 - t) * da + t * db
                win = x > best
                best[win] = x[win]
                lab[win] = l
            out.append(lab)
        return np.stack(out, axis=2)

    truth = v[:, :, held]
    for name, f in (("nearest", nearest), ("label-linear", linear), ("shape", shape)):
        t0 = time.perf_counter()
        p = f()
        sec = time.perf_counter() - t0
        print("%s %.6f %.6f %.6f %.3f" % ((name,) + scores(truth, p) + (sec,)))


if __name__ == "__main__":
    main()
