#!/usr/bin/env bash
# The label-map table of ../shared/BASELINES.md section 4 with our `interslice evaluate` (nearest, linear =
# label-linear, shape) beside the Python peers of that section (bench/peers/label_peers.py, single-threaded
# scipy): AAL atlas, torso labels, head CT brain and bone masks, K = 2 and 4. Every case runs RUNS times
# (default 3); quality is deterministic, seconds are medians: per method the synthesis wall time inside
# evaluate (2 threads, first call in the process), "peer" = the peer's shape synthesis time, "evaluate wall" =
# the whole evaluate process (3 methods, scoring, report). Writes the table to stdout and $OUT/<case>/ reports.
# Usage: bench/evaluate-labels.sh [RUNS] [OUT]   (needs the built jar: ./interslice --help builds it)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
D="$here/../shared/data"
RUNS="${1:-3}"
OUT="${2:-/tmp/interslice-evaluate-labels}"
J=(java -XX:MaxRAMPercentage=75 -XX:+UseSerialGC -jar "$here/interslice-cli/target/interslice.jar")
mkdir -p "$OUT"
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
cell() { awk -F, -v m="$2" '$1=="cohort" && $2==m {printf "%.4f / %.4f / %.3f", $3, $4, $5}' "$1"; }
secs() { awk -F, -v m="$2" '$1=="cohort" && $2==m {print $8}' "$1"; }
echo "| data | K | nearest | linear (label-linear) | shape | peer shape (SDT) | seconds nearest / linear / shape | peer shape s | evaluate wall s |"
echo "|---|---|---|---|---|---|---|---|---|"
for f in mr-brain/aal.nii.gz niivue-samples/torsoLabel.nii.gz ct-head/brain-mask.nii.gz ct-head/bone-mask.nii.gz; do
  for k in 2 4; do
    name="$(basename "$f" .nii.gz)-k$k"
    ours=() near=() lin=() peer=() wall=()
    for r in $(seq "$RUNS"); do
      t0=$(date +%s.%N)
      "${J[@]}" evaluate --truth "$D/$f" --factor "$k" --methods nearest,linear,shape --out "$OUT/$name" -q > /dev/null
      t1=$(date +%s.%N)
      wall+=("$(echo "$t1 - $t0" | bc)")
      ours+=("$(secs "$OUT/$name/summary.csv" shape)")
      near+=("$(secs "$OUT/$name/summary.csv" nearest)")
      lin+=("$(secs "$OUT/$name/summary.csv" linear)")
      peer+=("$(/usr/bin/python3 "$here/bench/peers/label_peers.py" "$D/$f" "$k" | tee "$OUT/$name/peer.txt" | awk '$1=="shape" {print $5}')")
    done
    ps=$(awk '$1=="shape" {printf "%.4f / %.4f / %.3f", $2, $3, $4}' "$OUT/$name/peer.txt")
    echo "| $f | $k | $(cell "$OUT/$name/summary.csv" nearest) | $(cell "$OUT/$name/summary.csv" linear) | $(cell "$OUT/$name/summary.csv" shape) | $ps |" \
         "$(printf '%s\n' "${near[@]}" | median | xargs printf '%.2f') / $(printf '%s\n' "${lin[@]}" | median | xargs printf '%.2f') /" \
         "$(printf '%s\n' "${ours[@]}" | median | xargs printf '%.2f') | $(printf '%s\n' "${peer[@]}" | median | xargs printf '%.2f') |" \
         "$(printf '%s\n' "${wall[@]}" | median | xargs printf '%.1f') |"
  done
done
