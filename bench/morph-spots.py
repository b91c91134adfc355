"""Counts morph's border spots and interior specks, and crops them into a PNG montage.

Usage: /usr/bin/python3 bench/morph-spots.py [OUT] [CASE ...]   (default OUT /tmp/interslice-morph-spots, all cases)
       /usr/bin/python3 bench/morph-spots.py OUT --flow CASE Z   (after a run of CASE: OUT/flow-CASE-zZ.png, the
       slice's neighbours, morph, truth, morph - linear and the size of both flows, estimated by scikit-image's
       optical_flow_tvl1, which TvL1Flow follows to 1e-6 px on its fixtures, on the pair put on [0, 1] as morph does)
JAR=path overrides the jar (default interslice-cli/target/interslice.jar); outputs of a case are re-made only
when missing, so give a new OUT for another build.

Definitions (per synthesized slice, in-plane 2D, 8-connected; slices copied from the input are skipped):
  range    R = 99.5th minus 0.5th percentile of the thick input (CT about 1800 HU, so T below is about 300 HU)
  excess   e = how far morph lies outside the envelope of linear and cubic at the voxel:
           max(morph - max(linear, cubic), min(linear, cubic) - morph, 0)
  spot     a connected component of e > T = R / 6 with at most N = 25 pixels (larger components are moved
           structure, which is morph's purpose); its peak is its largest e
  border   a spot with a pixel within 3 px of the slice's edge; interior: every other spot
  false    a spot where morph is farther from the truth than morph clamped into the envelope, averaged
           over the spot's pixels (clamping it would have helped)
The montage (OUT/spots-CASE.png) shows the worst false spots by peak excess, a 33 x 33 px crop each, rows:
the two measured neighbours, linear, cubic, morph, truth, one window for the row.
"""
import os
import subprocess
import sys

import numpy as np
import nibabel as nib
from scipy import ndimage

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from drop_reconstruct import thick_stack  # noqa: E402

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
D = os.path.join(HERE, '..', 'shared', 'data')
JAR = os.environ.get('JAR', os.path.join(HERE, 'interslice-cli', 'target', 'interslice.jar'))
N_MAX = 25
BORDER = 3
CROP = 16


def run(*args):
    subprocess.run(['java', '-XX:MaxRAMPercentage=75', '-jar', JAR] + list(args) + ['-q'], check=True,
                   stdout=subprocess.DEVNULL)


def outputs(thick, factor, out, name):
    vols = {}
    for method in ('linear', 'cubic', 'morph'):
        path = '%s/%s-%s.nii.gz' % (out, name, method)
        if not os.path.exists(path):
            run('interpolate', thick, path, '--factor', str(factor), '--method', method)
        vols[method] = nib.load(path)
    return vols


def load_truth(path):
    im = nib.load(path)
    return im, np.asanyarray(im.dataobj).astype(np.float32)


def cases(out):
    """name -> (thick input path, factor, truth array on the output grid (None = align by affine), truth image)."""
    c = {}
    c['demo'] = (HERE + '/samples/ct-phantom/phantom-5mm.nii.gz', 5, HERE + '/samples/ct-phantom/phantom-1mm.nii.gz')
    phantom1 = out + '/phantom-1mm.nii.gz'
    if not os.path.exists(phantom1):
        run('convert', D + '/ct-phantom/1mm', phantom1)
    c['compare'] = (D + '/ct-phantom/5mm', 5, phantom1)
    for label, path in (('head', D + '/ct-head/head.nii.gz'), ('phantom', phantom1), ('mr', D + '/mr-brain/ch2-1mm.nii.gz')):
        for k in (2, 4):
            c['%s%d' % (label, k)] = (path, k, None)
    return c


def truth_on_grid(out_im, truth_im, truth):
    """The truth slice at each output slice's position (matched by the affines' z, within 0.01 mm), or None."""
    res = []
    inv = np.linalg.inv(truth_im.affine)
    for z in range(out_im.shape[2]):
        p = inv @ (out_im.affine @ np.array([0, 0, z, 1.0]))
        k = int(round(p[2]))
        ok = abs(p[2] - k) < 0.01 and abs(p[0]) < 0.01 and abs(p[1]) < 0.01 and 0 <= k < truth.shape[2]
        res.append(truth[:, :, k] if ok else None)
    return res


def measure(name, spec, out):
    src, factor, truth_path = spec
    if truth_path is None:
        im = nib.load(src)
        v = np.asanyarray(im.dataobj).astype(np.float32)
        truth, tname, thick, _ = thick_stack(name[:-1], im, v, factor, out)
        vols = outputs(thick, factor, out, name)
        thick_arr = truth[:, :, ::factor]
        truth_slices = [truth[:, :, z] for z in range(truth.shape[2])]
    else:
        vols = outputs(src, factor, out, name)
        timg, tarr = load_truth(truth_path)
        truth_slices = truth_on_grid(vols['morph'], timg, tarr)
        thick_arr = None
    lin = np.asanyarray(vols['linear'].dataobj).astype(np.float32)
    cub = np.asanyarray(vols['cubic'].dataobj).astype(np.float32)
    mor = np.asanyarray(vols['morph'].dataobj).astype(np.float32)
    kept = lin[:, :, ::factor] if thick_arr is None else thick_arr
    lo_p, hi_p = np.percentile(kept, [0.5, 99.5])
    R = float(hi_p - lo_p)
    T = R / 6
    lo, hi = np.minimum(lin, cub), np.maximum(lin, cub)
    exc = np.maximum(np.maximum(mor - hi, lo - mor), 0)
    nx, ny, nz = mor.shape
    edge = np.zeros((nx, ny), bool)
    edge[:BORDER, :] = edge[-BORDER:, :] = edge[:, :BORDER] = edge[:, -BORDER:] = True
    st = np.ones((3, 3), bool)
    counts = dict(border=0, interior=0, border_false=0, interior_false=0, large=0)
    spots = []
    sse_gain = 0.0
    for z in range(nz):
        if z % factor == 0:
            continue
        labels, n = ndimage.label(exc[:, :, z] > T, structure=st)
        if n == 0:
            continue
        sizes = ndimage.sum_labels(np.ones_like(labels), labels, index=np.arange(1, n + 1))
        objs = ndimage.find_objects(labels)
        tz = truth_slices[z]
        for j, sl in enumerate(objs):
            if sizes[j] > N_MAX:
                counts['large'] += 1
                continue
            m = labels[sl] == j + 1
            where = 'border' if edge[sl][m].any() else 'interior'
            counts[where] += 1
            e = exc[:, :, z][sl][m]
            false = False
            if tz is not None:
                mz = mor[:, :, z][sl][m]
                cz = np.clip(mz, lo[:, :, z][sl][m], hi[:, :, z][sl][m])
                t = tz[sl][m]
                false = np.abs(mz - t).mean() > np.abs(cz - t).mean()
                sse_gain += float(((mz - t) ** 2).sum() - ((cz - t) ** 2).sum())
                if false:
                    counts[where + '_false'] += 1
            pk = np.argmax(e)
            idx = np.argwhere(m)[pk]
            spots.append((float(e[pk]), z, sl[0].start + idx[0], sl[1].start + idx[1], where, false))
    # PSNR of morph on the scored slices (BASELINES section 1: inside truth > -500 HU for CT, > 20 for MR, peak =
    # the truth's range), a check that a change against spots costs nothing
    tv = [tz for tz in truth_slices if tz is not None]
    T_fg = 20 if name.startswith('mr') else -500
    peak = float(max(t.max() for t in tv) - min(t.min() for t in tv))
    vals = []
    for z in range(nz):
        tz = truth_slices[z]
        if z % factor == 0 or tz is None:
            continue
        m = tz > T_fg
        if m.sum() >= 100:
            vals.append(10 * np.log10(peak * peak / np.mean((mor[:, :, z][m] - tz[m]) ** 2)))
    spots.sort(reverse=True)
    montage(name, [s for s in spots if s[5]][:12], lin, cub, mor, truth_slices, factor, out)
    return dict(name=name, R=R, T=T, psnr=float(np.mean(vals)), slices=sum(1 for z in range(nz) if z % factor), sse_gain=sse_gain, **counts)


def montage(name, spots, lin, cub, mor, truth_slices, factor, out):
    if not spots:
        return
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt
    rows = ['a (kept)', 'b (kept)', 'linear', 'cubic', 'morph', 'truth']
    fig, axes = plt.subplots(len(rows), len(spots), figsize=(1.3 * len(spots) + 0.8, 1.35 * len(rows)), squeeze=False)
    nx, ny, _ = mor.shape
    for c, (peak, z, x, y, where, false) in enumerate(spots):
        x0, y0 = min(max(x - CROP, 0), nx - 2 * CROP - 1), min(max(y - CROP, 0), ny - 2 * CROP - 1)
        sl = (slice(x0, x0 + 2 * CROP + 1), slice(y0, y0 + 2 * CROP + 1))
        za = z - z % factor
        t = truth_slices[z]
        imgs = [lin[:, :, za][sl], lin[:, :, za + factor][sl], lin[:, :, z][sl], cub[:, :, z][sl], mor[:, :, z][sl],
                t[sl] if t is not None else np.zeros_like(mor[:, :, z][sl])]
        vmin = min(float(i.min()) for i in imgs)
        vmax = max(float(i.max()) for i in imgs)
        for r, img in enumerate(imgs):
            ax = axes[r][c]
            ax.imshow(img.T, cmap='gray', vmin=vmin, vmax=vmax, interpolation='nearest')
            ax.plot([x - x0], [y - y0], marker='+', color='red', markersize=5, mew=0.6)
            ax.set_xticks([]), ax.set_yticks([])
            if c == 0:
                ax.set_ylabel(rows[r], fontsize=7)
        axes[0][c].set_title('z%d (%d,%d)\n%s %+.0f%s' % (z, x, y, where[:3], peak, ' F' if false else ''), fontsize=6)
    fig.suptitle('%s: worst false spots by excess over the linear/cubic envelope (clamping into it would help)' % name, fontsize=8)
    fig.tight_layout()
    fig.savefig('%s/spots-%s.png' % (out, name), dpi=110)
    plt.close(fig)


def flow_figure(name, z, spec, out):
    from skimage.registration import optical_flow_tvl1
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt
    src, factor, truth_path = spec
    vol = {m: np.asanyarray(nib.load('%s/%s-%s.nii.gz' % (out, name, m)).dataobj).astype(np.float32) for m in ('linear', 'morph')}
    if truth_path is None:
        im = nib.load(src)
        t = np.asanyarray(im.dataobj).astype(np.float32)[:, :, z]
    else:
        timg, tarr = load_truth(truth_path)
        t = truth_on_grid(nib.load('%s/%s-morph.nii.gz' % (out, name)), timg, tarr)[z]
    za = z - z % factor
    a, b = vol['linear'][:, :, za].T, vol['linear'][:, :, za + factor].T
    lo, hi = np.percentile(np.concatenate([a.ravel(), b.ravel()]), [0.5, 99.5])
    a01, b01 = np.clip((a - lo) / (hi - lo), 0, 1), np.clip((b - lo) / (hi - lo), 0, 1)
    fab, fba = optical_flow_tvl1(a01, b01), optical_flow_tvl1(b01, a01)
    panels = [(a, 'a (kept, slice %d)' % za, 'gray'), (b, 'b (kept, slice %d)' % (za + factor), 'gray'),
              (vol['morph'][:, :, z].T, 'morph, slice %d' % z, 'gray'), (t.T, 'truth', 'gray'),
              ((vol['morph'][:, :, z] - vol['linear'][:, :, z]).T, 'morph - linear', 'RdBu_r'),
              (np.hypot(fab[0], fab[1]), '|f_ab|, px', 'viridis'), (np.hypot(fba[0], fba[1]), '|f_ba|, px', 'viridis')]
    fig, axes = plt.subplots(2, 4, figsize=(16, 8.5))
    for ax, (img, title, cmap) in zip(axes.ravel(), panels):
        kw = dict(vmin=-800, vmax=800) if cmap == 'RdBu_r' else {}
        h = ax.imshow(img, cmap=cmap, interpolation='nearest', **kw)
        ax.set_title(title, fontsize=9)
        ax.set_xticks([]), ax.set_yticks([])
        fig.colorbar(h, ax=ax, fraction=0.045)
    axes[1][3].axis('off')
    fig.suptitle('%s, slice %d: the flows (scikit-image TV-L1) and what morph makes of them' % (name, z), fontsize=10)
    fig.tight_layout()
    fig.savefig('%s/flow-%s-z%d.png' % (out, name, z), dpi=70)
    plt.close(fig)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else '/tmp/interslice-morph-spots'
    os.makedirs(out, exist_ok=True)
    all_cases = cases(out)
    if len(sys.argv) > 2 and sys.argv[2] == '--flow':
        flow_figure(sys.argv[3], int(sys.argv[4]), all_cases[sys.argv[3]], out)
        return
    names = sys.argv[2:] or list(all_cases)
    print('| case | K | range R | T = R/6 | synthesized slices | border spots (false) | interior specks (false) '
          '| larger components | truth SSE saved by clamping the spots | morph PSNR dB |')
    print('|---|---|---|---|---|---|---|---|---|---|')
    for name in names:
        r = measure(name, all_cases[name], out)
        print('| %s | %d | %.0f | %.0f | %d | %d (%d) | %d (%d) | %d | %.3g | %.3f |' % (
            name, all_cases[name][1], r['R'], r['T'], r['slices'], r['border'], r['border_false'], r['interior'],
            r['interior_false'], r['large'], r['sse_gain'], r['psnr']), flush=True)


if __name__ == '__main__':
    main()
