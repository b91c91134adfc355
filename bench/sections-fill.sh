#!/usr/bin/env bash
# Whole-process times of the OME-Zarr and serial-section additions of issue 16 (items 1 and 3), on Colin27:
#  - convert ch2.nii.gz (301 x 370 x 316 uint8, 0.5 mm) to .ome.zarr with --pyramid 0 and 3, at the default
#    zlib level 1 and uncompressed (--compression-level 0): wall time and size on disk;
#  - gaps fill --sections on five drifted sections (tools/examples/make_sections.py) of 8 planes and the same
#    made 40 planes thick (planes 130-329 of the 0.5 mm volume in 5 sections): the fill reads 6 planes of
#    each neighbour either way (region reads), so its time should not grow with the sections' thickness.
# Median of RUNS runs (GNU time). Writes bench/results/sections-fill.md.
#
# usage: bench/sections-fill.sh [RUNS]   (default 3)
# env: SHARED_DATA (default ../shared/data), BENCH_WORK (temp folder)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED_DATA:-$repo/../shared/data}
runs=${1:-3}
work=${BENCH_WORK:-$(mktemp -d)}
export INTERSLICE_JAVA_OPTS="${INTERSLICE_JAVA_OPTS:-} -XX:ActiveProcessorCount=2"
py=/usr/bin/python3
cli="$repo/interslice"
"$cli" --version >/dev/null 2>&1

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
time_of() {  # command...: prints wall seconds
  /usr/bin/time -f "%e" -o "$work/t" "$@" >/dev/null 2>&1
  cat "$work/t"
}

# sections: 8 planes (the README example) and 40 planes
for thick in 8 40; do
  d=$work/s$thick
  rm -rf "$d"; mkdir -p "$d/sections"
  "$py" - "$shared/mr-brain/ch2.nii.gz" "$d" "$thick" <<'PY'
import math, os, sys
import nibabel as nib, numpy as np
from scipy import ndimage
src, out, t = sys.argv[1], sys.argv[2], int(sys.argv[3])
img = nib.load(src)
for s in range(5):
    if s == 2: continue
    part = img.slicer[:, :, 130 + t * s: 130 + t * (s + 1)]
    a = np.asarray(part.dataobj).astype(np.float64)
    nx, ny = a.shape[:2]
    th = math.radians(s)
    rot = np.array([[math.cos(th), -math.sin(th)], [math.sin(th), math.cos(th)]])
    c = np.array([(nx - 1) / 2, (ny - 1) / 2]); inv = np.linalg.inv(rot)
    off = c - inv @ (c + np.array([1.5 * s, -s]))
    m = np.stack([ndimage.affine_transform(a[:, :, k], inv, offset=off, order=1) for k in range(a.shape[2])], axis=2)
    nib.save(nib.Nifti1Image(np.clip(np.rint(m), 0, 255).astype(np.uint8), part.affine), os.path.join(out, f"slice_z{s:02d}.nii.gz"))
open(os.path.join(out, "slice_config.csv"), "w").write("slice_id,use\n" + "".join(f"{s:02d},{'false' if s == 2 else 'true'}\n" for s in range(5)))
PY
  for f in "$d"/slice_z*.nii.gz; do "$cli" convert -q "$f" "$d/sections/$(basename "$f" .nii.gz).ome.zarr"; done
done

{
echo "# OME-Zarr pyramid writing and section fill (bench/sections-fill.sh $runs)"
echo
echo "Run $(date -u '+%Y-%m-%d %H:%M') UTC; load average at start: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores (shared machine: other agents were building)."
echo
echo "| case | runs | median wall s | output MB |"
echo "|---|---|---|---|"
for lvl in 1 0; do for p in 0 3; do
  ts=""
  for r in $(seq "$runs"); do
    rm -rf "$work/ch2.ome.zarr"
    ts="$ts $(time_of "$cli" convert -q "$shared/mr-brain/ch2.nii.gz" "$work/ch2.ome.zarr" --pyramid $p --compression-level $lvl)"
  done
  mb=$(du -sm --apparent-size "$work/ch2.ome.zarr" | cut -f1)
  echo "| convert ch2 0.5 mm to .ome.zarr, --pyramid $p, --compression-level $lvl | $runs | $(echo $ts | tr ' ' '\n' | median) | $mb |"
done; done
for thick in 8 40; do
  d=$work/s$thick
  ts=""
  for r in $(seq "$runs"); do
    rm -rf "$d/filled"
    ts="$ts $(time_of "$cli" gaps fill --config "$d/slice_config.csv" --sections "$d/sections" --out "$d/filled")"
  done
  mb=$(du -sm --apparent-size "$d/sections" | cut -f1)
  echo "| gaps fill, 4 sections of $thick planes (301 x 370), 1 single gap | $runs | $(echo $ts | tr ' ' '\n' | median) | sections $mb |"
done
} | tee "$repo/bench/results/sections-fill.md"
