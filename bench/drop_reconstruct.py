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


def psnr(pred, truth, T, rng, scored):
    """Mean over the scored slices of each slice's PSNR (peak = the truth's range) inside truth > T, skipping
    slices with fewer than 100 such voxels: the protocol of BASELINES.md section 1."""
    vals = []
    for z in scored:
        m = truth[:, :, z] > T
        if m.sum() < 100:
            continue
        vals.append(10 * np.log10(rng * rng / np.mean((pred[:, :, z][m] - truth[:, :, z][m]) ** 2)))
    return np.mean(vals)
