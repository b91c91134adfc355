"""The drop-and-reconstruct input of ../shared/BASELINES.md section 1, shared by the bench scripts that score it."""
import os
import numpy as np
import nibabel as nib


def thick_stack(label, im, v, k, out):
    """The first (n-1)//k*k+1 slices along z as the truth, every k-th of them saved once as OUT/NAME-thick.nii.gz
    (float32, z spacing times k); returns (truth, name, thick path, the scored slice indices: those not kept)."""
    n = (v.shape[2] - 1) // k * k + 1
    truth = v[:, :, :n]
    a = im.affine.copy()
    a[:3, 2] *= k
    name = label.replace(' ', '_') + '-k%d' % k
    thick = out + '/' + name + '-thick.nii.gz'
    if not os.path.exists(thick):
        nib.save(nib.Nifti1Image(truth[:, :, ::k].astype(np.float32), a), thick)
    return truth, name, thick, [z for z in range(n) if z % k]
