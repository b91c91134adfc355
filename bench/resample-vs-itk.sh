#!/usr/bin/env bash
# Whole process against whole process: `interslice resample` vs ITK 5.2's ResampleImageFilter
# (../shared/tools/itk-resample), in the same run, interleaved run by run so machine drift hits both.
# Uncompressed NIfTI in and out, 2 threads each, median wall time of N runs, peak resident memory
# (GNU time -v). Prints a Markdown table and writes it to bench/results/resample-vs-itk.md.
#
# usage: bench/resample-vs-itk.sh [--itk-only | --ours-only] [--runs N] [--slow-runs M] [--cases LIST]
#   --runs N        runs per fast case (nearest, linear), default 3
#   --slow-runs M   runs per slow case (bspline, label-gaussian), default 2
#   --cases LIST    comma list of phantom,ch2,torso,aal (default: all)
#   --outputs LIST  fresh,existing (default both): outputs deleted before each run, or replaced
#   --ext E         nii (default) or nii.gz: the output (and floor) format
#   --itk-interps L interpolators ITK is run for (default all; ITK B-spline and label-gaussian take 10-60 s a run)
#   --results NAME  file under bench/results (default resample-vs-itk.md)
# env: SHARED_DATA (default ../shared/data beside the repo), ITK_RESAMPLE (the binary; default: built
#      into $TMPDIR/itk-resample-build by the shared build script), BENCH_WORK (temp folder),
#      INTERSLICE_JAVA_OPTS (passed to the JVM by the launcher; -XX:ActiveProcessorCount=2 is always
#      added), INTERSLICE_CMD (how to run ours, default: the repo's ./interslice launcher).
# Ratio = ITK median / ours median (above 1: ours faster). Issue 3 asks >= 1.5 (nearest, linear) and
# >= 5 (bspline) on the phantom and ch2 cases.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED_DATA:-$repo/../shared/data}
[ -d "$shared" ] || shared=/work/shared/data
runs=3 slow_runs=2 mode=both cases=phantom,ch2,torso,aal states=fresh,existing ext=nii
itk_interps=nearest,linear,bspline,label-gaussian results_name=
while [ $# -gt 0 ]; do
  case $1 in
    --itk-only) mode=itk ;;
    --ours-only) mode=ours ;;
    --runs) runs=$2; shift ;;
    --slow-runs) slow_runs=$2; shift ;;
    --cases) cases=$2; shift ;;
    --outputs) states=$2; shift ;;
    --ext) ext=$2; shift ;;
    --itk-interps) itk_interps=$2; shift ;;
    --results) results_name=$2; shift ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done

# GNU time for peak memory (the shell keyword has no -v)
if [ ! -x /usr/bin/time ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -q time >&2
fi
if [ "$mode" != ours ]; then
  itk=${ITK_RESAMPLE:-${TMPDIR:-/tmp}/itk-resample-build/itk-resample}
  [ -x "$itk" ] || itk=$(bash "$shared/../tools/itk-resample/build.sh" "$(dirname "$itk")")
fi
read -r -a ours <<<"${INTERSLICE_CMD:-$repo/interslice}"
if [ "$mode" != itk ]; then
  # build once, outside the timed runs; the launcher only checks timestamps afterwards
  "${ours[@]}" --version >/dev/null
  if ! "${ours[@]}" resample --help >/dev/null 2>&1; then
    echo "interslice has no resample command yet: use --itk-only" >&2; exit 1
  fi
  export INTERSLICE_JAVA_OPTS="-XX:ActiveProcessorCount=2 ${INTERSLICE_JAVA_OPTS:-}"
fi

work=${BENCH_WORK:-$(mktemp -d "${TMPDIR:-/tmp}/resample-bench.XXXXXX")}
mkdir -p "$work"
trap 'rm -f "$work"/out-*.nii "$work"/out-*.nii.gz "$work"/floor-*' EXIT

# inputs, made once: uncompressed NIfTI
prepare() {
  case $1 in
    phantom)
      [ -f "$work/phantom5mm.nii" ] && return
      # our converter when the CLI has one (never built just for this in --itk-only mode)
      if [ "$mode" != itk ] && "${ours[@]}" convert --help >/dev/null 2>&1; then
        "${ours[@]}" convert "$shared/ct-phantom/5mm" "$work/phantom5mm.nii" >&2
        echo "interslice convert" >"$work/phantom5mm.by"
      else
        dcm2niix -z n -f phantom5mm -o "$work" "$shared/ct-phantom/5mm" >/dev/null
        echo "dcm2niix" >"$work/phantom5mm.by"
      fi ;;
    ch2) [ -f "$work/ch2.nii" ] || gunzip -c "$shared/mr-brain/ch2.nii.gz" >"$work/ch2.nii" ;;
    torso) [ -f "$work/torso.nii" ] || gunzip -c "$shared/niivue-samples/torsoLabel.nii.gz" >"$work/torso.nii" ;;
    aal) [ -f "$work/aal.nii" ] || gunzip -c "$shared/mr-brain/aal.nii.gz" >"$work/aal.nii" ;;
  esac
}

# case -> input, spacing, default value (the input's minimum), interpolators, label
declare -A in=([phantom]=phantom5mm.nii [ch2]=ch2.nii [torso]=torso.nii [aal]=aal.nii)
declare -A sp=([phantom]=0.451171875 [ch2]=0.3 [torso]=0.782,0.782,1 [aal]=0.5)
declare -A dv=([phantom]=-1024 [ch2]=0 [torso]=0 [aal]=0)
declare -A interps=([phantom]="nearest linear bspline" [ch2]="nearest linear bspline"
                    [torso]="nearest label-gaussian" [aal]="nearest label-gaussian")
declare -A label=([phantom]="phantom 5 mm to 0.451171875 mm iso"
                  [ch2]="brain MR ch2.nii to 0.3 mm iso" [torso]="torso labels to 0.782x0.782x1 mm"
                  [aal]="AAL atlas to 0.5 mm")

# ours: say what the input is, so label recognition never switches the interpolator (a recognised label
# map given `nearest` would get --label-interp, label-linear by default), and use the label names
declare -A kind=([phantom]=--image [ch2]=--image [torso]=--labels [aal]=--labels)
ours_interp() {
  if [ "${kind[$1]}" = --labels ] && [ "$2" = nearest ]; then echo label-nearest; else echo "$2"; fi
}

# ITK writes the pixel type its NIfTI reader gave the input: float32 for a file with scl_slope/scl_inter
# (dcm2niix's phantom: int16 raw with scl_inter -1024), else the stored type. Ours is asked for the
# same type (--type) so both write the same bytes.
nifti_type() {
  case $(od -An -t d2 -j 70 -N 2 "$1" | tr -d ' ') in
    2) echo uint8 ;; 4) echo int16 ;; 8) echo int32 ;; 16) echo float32 ;; 64) echo float64 ;;
    256) echo int8 ;; 512) echo uint16 ;; 768) echo uint32 ;; *) echo "unknown NIfTI datatype in $1" >&2; exit 1 ;;
  esac
}

declare -A otype=()
# the datatype of a NIfTI file, gzipped or not
nifti_type_any() {
  local f=$1
  case $f in *.gz) gunzip -c "$f" | head -c 352 >"$work/head.nii"; f=$work/head.nii ;; esac
  nifti_type "$f"
}

# one timed run: prints "seconds peakMB"
timed() {
  local log=$work/time.log t0 t1
  t0=$(date +%s%N)
  if ! /usr/bin/time -v -o "$log" "$@" >"$work/run.out" 2>&1; then
    echo "failed: $*" >&2; cat "$work/run.out" >&2; exit 1
  fi
  t1=$(date +%s%N)
  awk -v ns=$((t1 - t0)) '/Maximum resident set size/ {printf "%.3f %.0f\n", ns / 1e9, $NF / 1024}' "$log"
}

median() { sort -g | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
maxof() { sort -g | tail -1; }
mb() { du -m --apparent-size "$1" | cut -f1; }

# Outputs: "fresh" deletes every output before each timed run; "existing" leaves the previous run's
# output in place (a re-run: the write replaces it). Each cell is measured in two passes of --runs runs
# (pass A, then pass B; within a pass the output states alternate run by run), reported as the median of all runs and, as the noise, the
# two passes' medians' difference relative to the median.
#
# The floor of a row: JVM start-up plus reading the input plus writing the output, estimated from our own
# CLI as (t(convert IN) + t(convert OUTSIZED)) / 2, where convert X writes X's size and type again as
# uncompressed NIfTI (or .nii.gz with --ext nii.gz) and OUTSIZED is a copy of the row's output: with
# convert X = start + read X + write X and read ~ write per file, this is start + read IN + write OUT.
# `--version` is timed too, for the start-up alone.
pass_noise() {   # "a b med" -> percent
  awk -v a="$1" -v b="$2" -v m="$3" 'BEGIN {d = a - b; if (d < 0) d = -d; printf "%.0f%%", (m > 0 ? 100 * d / m : 0)}'
}
# time one command for a given output state; $1 = output path, rest = command
timed_out() {
  local out=$1 state=$2; shift 2
  if [ "$state" = fresh ]; then rm -f "$out"; elif [ ! -f "$out" ] && [ -f "${seed:-}" ]; then cp "$seed" "$out"; fi
  timed "$@"
}
rows=()
declare -A fl=()
for c in ${cases//,/ }; do
  [ -n "${in[$c]:-}" ] || { echo "unknown case $c" >&2; exit 2; }
  prepare "$c"
  input=$work/${in[$c]}
  for interp in ${interps[$c]}; do
    # ok: which output the floor (and the seed of existing outputs) copies; fk: the floor's key
    if [ "$ext" = nii ]; then ok=$c fk=$c; else ok=$c-$interp fk=$c.$interp; fi
    n=$runs
    case $interp in bspline | label-gaussian) n=$slow_runs ;; esac
    want_itk=0
    if [ "$mode" != ours ] && [[ ",$itk_interps," == *",$interp,"* ]]; then want_itk=1; fi
    type_args=()
    [ -n "${otype[$c]:-}" ] && type_args=(--type "${otype[$c]}")
    # the output states interleave run by run (fresh, existing, fresh, ...), so what the machine does meanwhile
    # (the kernel writing back the GBs of earlier runs, other load) hits both alike
    declare -A t=() om=() im=()   # t key: state.what.pass -> list of seconds; om, im: peak MB per state
    for pass in A B; do
      for r in $(seq "$n"); do
        for state in ${states//,/ }; do
          om[$state]=${om[$state]:-0} im[$state]=${im[$state]:-0}
          if [ "$want_itk" = 1 ]; then
            seed=$work/outsize-$ok.$ext
            res=$(timed_out "$work/out-itk.$ext" "$state" "$itk" "$input" "$work/out-itk.$ext" --spacing "${sp[$c]}" --interp "$interp" \
              --default "${dv[$c]}" --threads 2)
            read -r tt m <<<"$res"; t[$state.itk.$pass]+="$tt "; im[$state]=$(( m > im[$state] ? m : im[$state] ))
            if [ ${#type_args[@]} = 0 ]; then otype[$c]=$(nifti_type_any "$work/out-itk.$ext"); type_args=(--type "${otype[$c]}"); fi
            echo "$c $interp $state $pass$r: ITK $tt s, $m MB" >&2
          fi
          if [ "$mode" != itk ]; then
            seed=$work/outsize-$ok.$ext
            res=$(timed_out "$work/out-ours.$ext" "$state" "${ours[@]}" resample -q "$input" "$work/out-ours.$ext" --keep-origin \
              --spacing "${sp[$c]}" --interp "$(ours_interp "$c" "$interp")" $( [ "$interp" = label-gaussian ] && echo --label-sigma 1 ) \
              --default-value "${dv[$c]}" ${kind[$c]} "${type_args[@]}")
            read -r tt m <<<"$res"; t[$state.ours.$pass]+="$tt "; om[$state]=$(( m > om[$state] ? m : om[$state] ))
            [ -f "$work/outsize-$ok.$ext" ] || cp "$work/out-ours.$ext" "$work/outsize-$ok.$ext"
            echo "$c $interp $state $pass$r: ours $tt s, $m MB" >&2
            # the floor, once per case, output state and pass (uncompressed: the output's size and type do not
            # depend on the interpolator); .nii.gz: once per interpolator too, since what deflate costs depends on
            # the bytes (ch2 at 0.3 mm: linear's output deflates to 32.5 MB in about 0.27 s more than nearest's 20.3 MB)
            if [ -z "${fl[$fk.$state.$pass.done$r]:-}" ]; then
              seed=$work/floor-in-seed.$ext
              [ -f "$seed" ] || "${ours[@]}" convert -q "$input" "$seed" "${type_args[@]}"
              res=$(timed_out "$work/floor-in.$ext" "$state" "${ours[@]}" convert -q "$input" "$work/floor-in.$ext" "${type_args[@]}")
              read -r a _ <<<"$res"
              seed=$work/floor-out-seed-$ok.$ext
              [ -f "$seed" ] || cp "$work/outsize-$ok.$ext" "$seed"
              res=$(timed_out "$work/floor-out.$ext" "$state" "${ours[@]}" convert -q "$work/outsize-$ok.$ext" "$work/floor-out.$ext")
              read -r b _ <<<"$res"
              res=$(timed "${ours[@]}" --version); read -r v _ <<<"$res"
              fl[$fk.$state.$pass]+="$(awk -v a="$a" -v b="$b" 'BEGIN {printf "%.3f", (a + b) / 2}') "
              fl[$fk.$state.$pass.version]+="$v "
              fl[$fk.$state.$pass.done$r]=1
              echo "$c $state $pass$r: floor $(awk -v a="$a" -v b="$b" 'BEGIN {printf "%.3f", (a + b) / 2}') s (convert in $a, out $b, --version $v)" >&2
            fi
          fi
        done
      done
    done
    for state in ${states//,/ }; do
      med() { printf '%s\n' $1 | median; }
      cell() {   # key -> "median (noise)"
        local a b all; a=$(med "${t[$state.$1.A]:-}"); b=$(med "${t[$state.$1.B]:-}"); all=$(med "${t[$state.$1.A]:-} ${t[$state.$1.B]:-}")
        echo "$all $(pass_noise "$a" "$b" "$all")"
      }
      ot=- on=- it=- in_=- fm=- fn=- vm=- r_of=- r_io=-
      if [ -n "${t[$state.ours.A]:-}" ]; then read -r ot on <<<"$(cell ours)"; fi
      if [ -n "${t[$state.itk.A]:-}" ]; then read -r it in_ <<<"$(cell itk)"; fi
      if [ -n "${fl[$fk.$state.A]:-}" ]; then
        fa=$(med "${fl[$fk.$state.A]}"); fb=$(med "${fl[$fk.$state.B]}"); fm=$(med "${fl[$fk.$state.A]} ${fl[$fk.$state.B]}")
        fn=$(pass_noise "$fa" "$fb" "$fm"); vm=$(med "${fl[$fk.$state.A.version]} ${fl[$fk.$state.B.version]}")
      fi
      [ "$ot" != - ] && [ "$fm" != - ] && r_of=$(awk -v a="$ot" -v b="$fm" 'BEGIN {printf "%.2f", a / b}')
      [ "$ot" != - ] && [ "$it" != - ] && r_io=$(awk -v a="$it" -v b="$ot" 'BEGIN {printf "%.2f", a / b}')
      name=${label[$c]}
      o_mb=${om[$state]} i_mb=${im[$state]}; [ "$i_mb" = 0 ] && i_mb=-
      [ "$it" = - ] && in_=-
      rows+=("| $name | $interp | $state | 2x$n | $vm | $fm ($fn) | $ot ($on) | $r_of | $it ($in_) | $r_io | $o_mb | $i_mb |")
    done
    unset t om im
  done
done

{
  echo "# resample vs its floor and ITK ResampleImageFilter ($(date -u '+%Y-%m-%d %H:%M') UTC, $(nproc) cores, $(uname -m), load $(cut -d' ' -f1-3 /proc/loadavg))"
  echo
  echo "Whole process, NIfTI (.$ext) in and out, 2 threads each, --keep-origin (ITK's convention). Each cell:"
  echo "median wall seconds of two passes of runs (runs column), in brackets the noise: the two passes'"
  echo "medians' difference / the median. floor = (t(convert IN) + t(convert OUT-sized)) / 2 = start-up +"
  echo "read IN + write OUT; version = \`interslice --version\`. fresh: outputs deleted before each run;"
  echo "existing: each run replaces the previous output. OUT-sized is a copy of the row's own output (.nii.gz: of that"
  echo "interpolator's output, as deflating costs more the less the bytes repeat). ITK: $(dpkg-query -W -f '${Version}' libinsighttoolkit5-dev 2>/dev/null || echo '?')."
  echo
  echo "| input -> output | interp | outputs | runs | version s | floor s (noise) | ours s (noise) | ours/floor | ITK s (noise) | ITK/ours | ours peak MB | ITK peak MB |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
} | tee "$work/table.md"
mkdir -p "$repo/bench/results"
case ${results_name:-resample-vs-itk.md} in /*) dest=$results_name ;; *) dest=$repo/bench/results/${results_name:-resample-vs-itk.md} ;; esac
cp "$work/table.md" "$dest"
