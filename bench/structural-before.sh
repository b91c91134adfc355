#!/usr/bin/env bash
# The structural corpus against the code before issue 21 (default commit 6a2471f): exports that commit to a
# scratch folder (git archive, no worktree), adds this tree's StructuralCase/StructuralCorpus/StructuralFuzzTest,
# replaces FilePlan by the check the commands made then (Formats.refuseOverwrite per input/output pair) and drops
# ReadOptions.allowOutsideData, then runs COUNT variants per class (LOOP_COUNT for loops: each hang keeps a
# thread spinning until the JVM ends). Usage: bench/structural-before.sh [COMMIT] [COUNT] [LOOP_COUNT] [SEED]
set -euo pipefail
cd "$(dirname "$0")/.."
commit=${1:-6a2471f}
count=${2:-100}
loops=${3:-10}
seed=${4:-20261123}
old=$(mktemp -d /tmp/interslice-before.XXXXXX)
git archive "$commit" | tar -x -C "$old"
fuzz=interslice-io/src/test/java/org/interslice/io/fuzz
cp $fuzz/StructuralCase.java $fuzz/StructuralCorpus.java $fuzz/StructuralFuzzTest.java "$old/$fuzz/"
python3 - "$old/$fuzz/StructuralFuzzTest.java" <<'PY'
import sys
p = sys.argv[1]
s = open(p).read()
s = s.replace('import org.interslice.io.FilePlan;\n', '')
s = s.replace('if (cls.equals("aliases")) plan(c, dir).check();', 'if (cls.equals("aliases")) oldCheck(c, dir);')
s = s.replace('        o.allowOutsideData = cls.equals("skips");\n', '')
a = s.index("    /** The variant's planned reads and writes. */")
b = s.index('    /** Null when a refusal is right')
s = s[:a] + '''    /** What the commands checked before issue 21: each output against each input, one pair at a time. */
    static void oldCheck(StructuralCase c, Path dir) {
        for (String w : c.writes()) for (String r : c.reads()) Formats.refuseOverwrite(dir.resolve(r), dir.resolve(w));
    }

''' + s[b:]
s = s.replace('Integer.getInteger("interslice.structural.count", 100)',
              'Integer.getInteger("interslice.structural.count." + cls.replace(\' \', \'_\'), Integer.getInteger("interslice.structural.count", 100))')
open(p, 'w').write(s)
PY
(cd "$old" && ./mvnw -B -q -o test -pl interslice-io -am -Dtest='StructuralFuzzTest' -Dsurefire.failIfNoSpecifiedTests=false \
  -Dmaven.test.failure.ignore=true -Dinterslice.structural.count="$count" -Dinterslice.structural.count.loops="$loops" \
  -Dinterslice.fuzz.seed="$seed" > "$old/run.log" 2>&1) || true
echo "## Before issue 21 (commit $commit): first $count variants per class ($loops for loops), seed $seed"
echo
echo "| class | variants | accepted (read, or plan passed) | refused cleanly | bad outcomes | slowest variant | most allocated by one variant |"
echo "|---|---|---|---|---|---|---|"
cat "$old/interslice-io/target/structural-report.md"
echo
echo "Bad outcomes by kind (first 20 per class, from surefire):"
grep -o '[a-z ]* #[0-9]* [^]]*\]: [^,\[]*' "$old/interslice-io/target/surefire-reports/TEST-org.interslice.io.fuzz.StructuralFuzzTest.xml" \
  | sed -E 's/ \[[^]]*\]//' | sort -u | sed 's/^/- /' | head -60
rm -rf "$old"
