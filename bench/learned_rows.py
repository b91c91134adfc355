#!/usr/bin/python3
"""Quick held-out check of learned models against morph on the six rows of ../shared/BASELINES.md section 1
(head CT, phantom 1 mm, brain MR ch2-1mm at K = 2 and 4), with the protocol of bench/morph_postfilter.py
(foreground PSNR over truth > T, data range = truth max - min, mean over held-out slices), reusing its
thick volumes and morph outputs in OUTDIR when present. For checkpoints during training; the README's
tables come from `interslice evaluate` (bench/learned-quality.sh).
Usage: learned_rows.py DATA OUTDIR PHANTOM_1MM_NII SPEC[,SPEC...] JAVA...
SPEC: a method spec, e.g. learned:model=/tmp/m.zip. Prints per row morph's PSNR and each spec's difference.
"""
import os, subprocess, sys
import numpy as np
import nibabel as nib
from drop_reconstruct import psnr, thick_stack

data, out, phantom, specs, java = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4].split(','), sys.argv[5:]
os.makedirs(out, exist_ok=True)
VOLS = [('head CT', data + '/ct-head/head.nii.gz', -500), ('phantom 1 mm', phantom, -500),
        ('brain MR', data + '/mr-brain/ch2-1mm.nii.gz', 20)]
rows = os.environ.get('ROWS')   # e.g. "head CT-2,brain MR-2"


def run(method, thick, k, name, tag):
    o = out + '/' + name + '-' + tag + '.nii.gz'
    if not os.path.exists(o):
        subprocess.run(java + ['interpolate', thick, o, '--factor', str(k), '--method', method, '-q', '--no-sidecar'], check=True,
                       stdout=subprocess.DEVNULL)
    return np.asanyarray(nib.load(o).dataobj).astype(np.float64)


print('| data | K | morph | ' + ' | '.join(s + ' - morph' for s in specs) + ' |', flush=True)
sums = [0.0] * len(specs)
for label, f, T in VOLS:
    im = nib.load(f)
    v = np.asanyarray(im.dataobj).astype(np.float64)
    for k in (2, 4):
        if rows and ('%s-%d' % (label, k)) not in rows.split(','):
            continue
        truth, name, thick, scored = thick_stack(label, im, v, k, out)
        rng = truth.max() - truth.min()
        pm = psnr(run('morph', thick, k, name, 'morph'), truth, T, rng, scored)
        diffs = []
        for i, s in enumerate(specs):
            tag = s.replace('/', '_').replace(':', '_').replace('=', '_')
            d = psnr(run(s, thick, k, name, tag), truth, T, rng, scored) - pm
            sums[i] += d
            diffs.append('%+.4f' % d)
        print('| %s | %d | %.3f | %s |' % (label, k, pm, ' | '.join(diffs)), flush=True)
print('| sum of differences | | | %s |' % ' | '.join('%+.4f' % x for x in sums))
