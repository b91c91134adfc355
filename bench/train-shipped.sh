#!/usr/bin/env bash
# Re-makes the shipped model of `--method learned` (default-model.zip) with the code and script it was
# trained by: commit 721963d, checked out in a temporary worktree beside a link to ../shared, running that
# commit's bench/train-default.sh (four phases, loss l1, 6400 steps; README "The shipped model").
# bench/train-default.sh at HEAD holds the newer recipe (whole-stack pairs, blend head), which did not beat it.
# Usage: bench/train-shipped.sh [OUT]   (default /tmp/interslice-shipped-model.zip; log OUT.log)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$(realpath -m "${1:-/tmp/interslice-shipped-model.zip}")"
tmp="$(mktemp -d)"
trap 'git -C "$here" worktree remove --force "$tmp/interslice" >/dev/null 2>&1 || true; rm -rf "$tmp"' EXIT
git -C "$here" worktree add -q --detach "$tmp/interslice" 721963d
ln -s "$(realpath "$here/../shared")" "$tmp/shared"
(cd "$tmp/interslice" && bash bench/train-default.sh "$OUT" 6400)
echo "model: $OUT (compare with interslice-learn/src/main/resources/org/interslice/learn/default-model.zip by bench/learned-quality.sh)"
