#!/usr/bin/python3
"""The input fixture of interslice-learn's ModelRegressionTest: a 40 x 36 x 4 crop of
../shared/data/niivue-samples/shear.nii.gz (CT in HU, BSD-2-Clause, Copyright (c) 2021 Niivue), float32,
written with a plain diagonal affine (0.4824219 x 0.4824219 x 2.370809 mm). The crop is the 40 x 36 window
(every 4th position searched) with the largest standard deviation over slices 25..28, so it holds
bone, soft tissue and air.
Run: /usr/bin/python3 tools/reference/learn_fixture.py ../shared/data interslice-learn/src/test/resources/org/interslice/learn
The expected output (learned-expected.nii) is NOT from an independent tool: it is what the shipped
model produced once (a regression fixture); the command is in ModelRegressionTest's javadoc.
"""
import sys
import numpy as np
import nibabel as nib

data, out = sys.argv[1], sys.argv[2]
im = nib.load(data + '/niivue-samples/shear.nii.gz')
v = np.asarray(im.get_fdata(dtype=np.float32))[:, :, 25:29]
best, at = -1, None
for x in range(0, v.shape[0] - 40, 4):
    for y in range(0, v.shape[1] - 36, 4):
        s = v[x:x + 40, y:y + 36].std()
        if s > best:
            best, at = s, (x, y)
x, y = at
crop = np.ascontiguousarray(v[x:x + 40, y:y + 36]).astype(np.float32)
img = nib.Nifti1Image(crop, np.diag([0.4824219, 0.4824219, 2.370809, 1.0]))
img.set_qform(img.affine, code=1)
img.set_sform(img.affine, code=1)
nib.save(img, out + '/learned-fixture.nii')
print('crop at', at, 'std', best, 'range', crop.min(), crop.max())
