#!/usr/bin/env bash
# One-plane region reads of OME-Zarr images written by two builds (chunk shapes of each writer): a generated
# int16 volume (512 x 512 x 256, smooth structures plus noise, tools-free: numpy) is converted to .ome.zarr
# by each jar, then bench/ReadOnePlane.java reads plane 100, then plane 140 (other chunks; the code is warm by
# then), a fresh process per run, so no chunk cache helps. Reports the medians of RUNS in-process read times
# (open excluded) and whole-process wall times.
# usage: bench/zarr-plane-read.sh OLD.jar NEW.jar [RUNS]   (default 7)
# env: BENCH_WORK (scratch, default a temp folder)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
old=$1 new=$2 runs=${3:-7}
work=${BENCH_WORK:-$(mktemp -d "${TMPDIR:-/tmp}/zarr-plane.XXXXXX")}
mkdir -p "$work"
/usr/bin/python3 - "$work/gen.nii" <<'PY'
import sys
import nibabel as nib, numpy as np
rng = np.random.default_rng(3)
x, y, z = np.meshgrid(np.arange(512), np.arange(512), np.arange(256), indexing="ij")
v = 1000 + 600 * np.sin(x / 23.0) * np.cos(y / 31.0) + 3 * z
v += 1500 * (((x % 128) - 64) ** 2 + ((y % 128) - 64) ** 2 + ((z % 96) - 48) ** 2 < 900)
v += rng.integers(-32, 32, v.shape)
nib.save(nib.Nifti1Image(v.astype(np.int16), np.diag([0.5, 0.5, 1.0, 1.0])), sys.argv[1])
PY
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
echo "| build | chunk depth | first read ms | second read ms | process s | MB on disk |"
echo "|---|---|---|---|---|---|"
for b in old new; do
  jar=${!b}
  rm -rf "$work/$b.ome.zarr"
  java -XX:ActiveProcessorCount=2 -jar "$jar" convert -q "$work/gen.nii" "$work/$b.ome.zarr" >/dev/null
  : >"$work/$b.ms"; : >"$work/$b.ms2"; : >"$work/$b.s"
  for i in $(seq "$runs"); do
    /usr/bin/time -f "%e" -o "$work/t" java -XX:ActiveProcessorCount=2 -cp "$jar" "$repo/bench/ReadOnePlane.java" "$work/$b.ome.zarr" 100 >"$work/out"
    read -r ms ms2 depth sum <"$work/out"
    echo "$ms" >>"$work/$b.ms"; echo "$ms2" >>"$work/$b.ms2"; cat "$work/t" >>"$work/$b.s"
  done
  echo "| $b | $depth | $(median <"$work/$b.ms") | $(median <"$work/$b.ms2") | $(median <"$work/$b.s") | $(du -sm "$work/$b.ome.zarr" | cut -f1) |"
done
