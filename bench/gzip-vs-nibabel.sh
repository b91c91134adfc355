#!/usr/bin/env bash
# Whole process against whole process: writing a ~113 MB int16 volume as .nii.gz with `interslice convert`
# (IN.nii -> OUT.nii.gz) against nibabel 5.0 (load IN.nii, save OUT.nii.gz, its default compresslevel 1),
# interleaved run by run. Also ours to uncompressed .nii (the floor) and at --compression-level 6.
# Median wall time of N runs (GNU time), peak resident memory, output size. Writes
# bench/results/gzip-vs-nibabel.md.
#
# usage: bench/gzip-vs-nibabel.sh [RUNS]   (default 5)
# env: SHARED_DATA (default ../shared/data), BENCH_WORK (temp folder), INTERSLICE_JAVA_OPTS
#      (-XX:ActiveProcessorCount=2 is always added, as the issue's 2-core machine).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED_DATA:-$repo/../shared/data}
runs=${1:-5}
work=${BENCH_WORK:-$(mktemp -d)}
export INTERSLICE_JAVA_OPTS="${INTERSLICE_JAVA_OPTS:-} -XX:ActiveProcessorCount=2"
py=/usr/bin/python3
big=$work/big.nii
# the 5 mm phantom on a 0.451 x 0.451 x 0.35 mm grid: 328 x 432 x 400 int16, 113 MB
[ -f "$big" ] || "$repo/interslice" resample -q "$shared/ct-phantom/5mm" "$big" --spacing 0.451171875,0.451171875,0.35 >/dev/null

measure() {  # name, command...: appends "name seconds kb user sys" to $work/times
  local name=$1; shift
  /usr/bin/time -f "%e %M %U %S" -o "$work/t" "$@" >/dev/null 2>&1
  echo "$name $(cat "$work/t")" >> "$work/times"
}
rm -f "$work/times"
for r in $(seq "$runs"); do
  rm -f "$work"/o*.nii* "$work"/nib.nii.gz
  measure nibabel $py -c "import nibabel as nib; nib.save(nib.load('$big'), '$work/nib.nii.gz')"
  measure ours-gz "$repo/interslice" convert -q "$big" "$work/o1.nii.gz"
  measure ours-gz-level6 "$repo/interslice" convert -q "$big" "$work/o6.nii.gz" --compression-level 6
  measure ours-nii "$repo/interslice" convert -q "$big" "$work/o.nii"
done
size() { stat -c %s "$1"; }
$py - "$work/times" "$runs" "$(size "$big")" "$(size "$work/nib.nii.gz")" "$(size "$work/o1.nii.gz")" "$(size "$work/o6.nii.gz")" "$(size "$work/o.nii")" <<'PY' | tee "$repo/bench/results/gzip-vs-nibabel.md"
import statistics, sys, datetime, os
times, runs, insize, nib, o1, o6, onii = sys.argv[1], sys.argv[2], *map(int, sys.argv[3:])
rows = {}
for line in open(times):
    name, sec, kb, user, sys_ = line.split()
    rows.setdefault(name, []).append((float(sec), int(kb), float(user) + float(sys_)))
med = {k: statistics.median(r[0] for r in v) for k, v in rows.items()}
cpu = {k: statistics.median(r[2] for r in v) for k, v in rows.items()}
peak = {k: max(r[1] for r in v) / 1024 for k, v in rows.items()}
size = {'nibabel': nib, 'ours-gz': o1, 'ours-gz-level6': o6, 'ours-nii': onii}
what = {'nibabel': 'nibabel 5.0 `nib.save` .nii.gz (level 1)', 'ours-gz': '`interslice convert` .nii.gz (default level 1)',
        'ours-gz-level6': '`interslice convert --compression-level 6` .nii.gz', 'ours-nii': '`interslice convert` .nii (no compression)'}
print('# .nii.gz writing: interslice vs nibabel\n')
print('`bench/gzip-vs-nibabel.sh %s`, %s UTC, load average %s (shared 2-core machine; other agents were building).' % (
    runs, datetime.datetime.utcnow().strftime('%Y-%m-%d %H:%M'), os.getloadavg()[0].__round__(1)))
print('Input: %.1f MB int16 .nii (328 x 432 x 400). Whole process, median of %s runs; ratio = nibabel median / this median.' % (insize / 1e6, runs))
print('CPU s = user + system time of the process (less sensitive to the load than wall time).\n')
print('| writer | median wall s | wall ratio | median CPU s | CPU ratio | peak MB | output MB |')
print('|---|---|---|---|---|---|---|')
for k in ['nibabel', 'ours-gz', 'ours-gz-level6', 'ours-nii']:
    print('| %s | %.2f | %.2f | %.2f | %.2f | %.0f | %.1f |' % (what[k], med[k], med['nibabel'] / med[k], cpu[k], cpu['nibabel'] / cpu[k], peak[k], size[k] / 1e6))
PY
