#!/usr/bin/env bash
# Runs the adder4j benchmarks and the PyTorch reference one after the other (same machine, same session, same thread
# count) and writes the figures into the generated section `bench-results` of docs/benchmarks.md.
# Needs PyTorch for the reference (Debian: apt-get install python3-torch). Usage: scripts/bench.sh [THREADS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
threads="${1:-2}"
shared="${ADDER_SHARED:-$root/../shared}"
py="${PYTHON:-/usr/bin/python3}"
out="$(mktemp)"
last() { tail -n 1; }
run() { echo "\$ $*" >&2; "$@" 2>/dev/null | last; }
# the native settings the adder launcher exports (its defaults), for the reference run under the same settings
mapfile -t native < <(sed -nE 's/^export ([A-Z_]+)="\$\{[A-Z_]+:-([^}]+)\}"$/\1=\2/p' "$root/adder")
[[ ${#native[@]} -gt 0 ]] || { echo "bench.sh: no native settings found in $root/adder" >&2; exit 1; }
same() { env "${native[@]}" "$@"; }

# a ratio's two sides measured next to each other: the speed of a small shared machine drifts over minutes (by a third
# or more), so three (adder4j, reference) pairs run one after the other and the pair with the median ratio is kept.
# pair PRESET REFERENCE BATCH STEPS THREADS [same]: prints "adder4j line<TAB>reference line"; "same" runs the reference
# under the launcher's native settings
pair() {
  local preset=$1 ref=$2 batch=$3 steps=$4 th=$5 rows=() j t
  local wrap=(env)
  [[ ${6:-} == same ]] && wrap=(env "${native[@]}")
  for _ in 1 2 3; do
    j=$(run ./adder bench train --preset "$preset" --batch "$batch" --steps "$steps" --threads "$th")
    t=$(THREADS=$th run "${wrap[@]}" "$py" "$shared/bench/torch_reference.py" train "$ref" "$batch" "$steps")
    rows+=("$j"$'\t'"$t")
  done
  printf '%s\n' "${rows[@]}" | python3 -c '
import re, sys
num = lambda l: float(re.findall(r"[0-9]+\.[0-9]+", l)[0])
rows = [l.rstrip("\n").split("\t") for l in sys.stdin if l.strip()]
rows.sort(key=lambda r: num(r[0]) / num(r[1]))
print("\t".join(rows[len(rows) // 2]))'
}

eval_java=$(run ./adder bench eval --preset split-57 --weights "$shared/fixtures/published-57p.json" --repeat 3)
eval_full=$(run ./adder bench eval --preset split-57 --weights "$shared/fixtures/published-57p.json" --repeat 3 --no-cache)
eval_torch=$(THREADS=$threads run "$py" "$shared/bench/torch_reference.py" eval p57 "$shared/fixtures/published-57p.json")
p57=$(pair split-57 p57 256 100 "$threads")
p311=$(pair lowrank-311 p311 512 50 "$threads")
p777=$(pair classic-777 p777 512 50 "$threads")
p57_same=$(pair split-57 p57 256 100 "$threads" same)
p311_same=$(pair lowrank-311 p311 512 50 "$threads" same)
p777_same=$(pair classic-777 p777 512 50 "$threads" same)
# one thread on both sides, as each seed of a sweep runs
p57_1=$(pair split-57 p57 256 100 1)
p311_1=$(pair lowrank-311 p311 512 50 1)
p777_1=$(pair classic-777 p777 512 50 1)
# seeds per hour: one seed at a time versus a population, both at 1 thread (a sweep runs one JVM per core at 1 thread)
# (the median of three alternating pairs; each field is one printed line: one at a time, population, where a seed-step
# goes alone, where it goes in the population, speedup)
sweep() { echo "\$ ./adder bench sweep $*" >&2; ./adder bench sweep "$@" --repeat 3 2>/dev/null | tail -n 5 | paste -sd '\t'; }
sweep36=$(sweep --preset rope-36 --seeds 8 --steps 200)
sweep36_32=$(sweep --preset rope-36 --seeds 32 --steps 60)
sweep36_64=$(sweep --preset rope-36 --seeds 64 --steps 60)
sweep36_128=$(sweep --preset rope-36 --seeds 128 --steps 40)
sweep57=$(sweep --preset split-57 --seeds 4 --steps 100)
sweep57_16=$(sweep --preset split-57 --seeds 16 --steps 60)

# the number in a line: the first decimal in it ("train: 15.39 ms/step" -> 15.39)
num() { grep -oE '[0-9]+\.[0-9]+' <<<"$1" | head -n 1; }
ratio() { python3 -c "import sys; print(f'{float(sys.argv[1]) / float(sys.argv[2]):.2f}')" "$(num "$1")" "$(num "$2")"; }
# "eval p57 10010/10010 correct in 1.988 s" -> 1.988
torch_eval=$(grep -oE 'in [0-9]+\.[0-9]+ s' <<<"$eval_torch" | grep -oE '[0-9]+\.[0-9]+')
java_eval=$(grep -oE 'in [0-9]+\.[0-9]+ s' <<<"$eval_java" | grep -oE '[0-9]+\.[0-9]+')
java_full=$(grep -oE 'in [0-9]+\.[0-9]+ s' <<<"$eval_full" | grep -oE '[0-9]+\.[0-9]+')

# the three training-step rows of a table from the pairs of split-57, lowrank-311 and classic-777
steps() {
  local labels=("split-57 training step, batch 256" "lowrank-311 training step, batch 512" "classic-777 training step, batch 512")
  local i java torch
  for i in 0 1 2; do
    java="${@:$((i + 1)):1}"
    torch="${java#*$'\t'}"
    java="${java%%$'\t'*}"
    echo "| ${labels[$i]} | \`$java\` | \`$torch\` | $(ratio "$java" "$torch") |"
  done
}

{
  echo "Measured by \`scripts/bench.sh $threads\` on $(nproc) cores ($(date -u +%Y-%m-%d)), $threads threads on both sides, the reference on PyTorch $("$py" -c 'import torch; print(torch.__version__)'); each training ratio is the median of three pairs of runs, adder4j then the reference next to each other (the pair shown):"
  echo
  echo "| what | adder4j | PyTorch reference | ratio adder4j / PyTorch |"
  echo "| --- | --- | --- | ---: |"
  echo "| split-57 greedy decoding of all 10,010 AdderBoard cases (cached keys and values) | \`$eval_java\` | \`$eval_torch\` | $(python3 -c "print(f'{$java_eval / $torch_eval:.2f}')") |"
  echo "| the same, recomputing every prefix (the reference's method) | \`$eval_full\` | \`$eval_torch\` | $(python3 -c "print(f'{$java_full / $torch_eval:.2f}')") |"
  steps "$p57" "$p311" "$p777"
  echo
  echo "The same training steps with the reference run under the native settings the \`adder\` launcher sets for adder4j"
  echo "(\`${native[*]}\`), which speed PyTorch up as well:"
  echo
  echo "| what | adder4j | PyTorch reference, same settings | ratio adder4j / PyTorch |"
  echo "| --- | --- | --- | ---: |"
  steps "$p57_same" "$p311_same" "$p777_same"
  echo
  echo "At 1 thread on both sides (each seed of a sweep runs so), each side with its own defaults:"
  echo
  echo "| what | adder4j | PyTorch reference | ratio adder4j / PyTorch |"
  echo "| --- | --- | --- | ---: |"
  steps "$p57_1" "$p311_1" "$p777_1"
  echo
  echo "Seeds per hour, each seed alone versus all as one population, in turns (\`adder bench sweep ... --repeat 3\`, 1 thread"
  echo "each; the measurement with the median ratio of three):"
  echo
  echo "| preset | one at a time | population | result |"
  echo "| --- | --- | --- | --- |"
  row() { local IFS=$'\t'; local f=($2); echo "| $1 | \`${f[0]}\` | \`${f[1]}\` | \`${f[4]}\` |"; }
  # where one seed-step's time goes on each side (the same measurements)
  parts() { local IFS=$'\t'; local f=($2); echo "| $1 | \`${f[2]#*: }\` | \`${f[3]#*: }\` |"; }
  row "rope-36, 8 seeds, batch 128" "$sweep36"
  row "rope-36, 32 seeds, batch 128" "$sweep36_32"
  row "rope-36, 64 seeds, batch 128" "$sweep36_64"
  row "rope-36, 128 seeds, batch 128" "$sweep36_128"
  row "split-57, 4 seeds, batch 256" "$sweep57"
  row "split-57, 16 seeds, batch 256" "$sweep57_16"
  echo
  echo "Where one seed-step's time goes in those measurements (\`bench sweep\` times each step's parts: making the batch, the"
  echo "forward pass with the loss, the backward pass, and the update with freeing the step's arrays; a population's parts"
  echo "are shared out over its seeds):"
  echo
  echo "| preset | alone | in the population |"
  echo "| --- | --- | --- |"
  parts "rope-36, 8 seeds" "$sweep36"
  parts "rope-36, 32 seeds" "$sweep36_32"
  parts "rope-36, 64 seeds" "$sweep36_64"
  parts "rope-36, 128 seeds" "$sweep36_128"
  parts "split-57, 4 seeds" "$sweep57"
  parts "split-57, 16 seeds" "$sweep57_16"
} > "$out"

python3 - "$root/docs/benchmarks.md" "$out" <<'PY'
import sys, re
doc, body = sys.argv[1], open(sys.argv[2]).read()
text = open(doc).read()
start, end = "<!-- generated:bench-results -->", "<!-- /generated:bench-results -->"
i, j = text.index(start) + len(start), text.index(end)
open(doc, "w").write(text[:i] + "\n" + body + text[j:])
PY
cat "$out"
rm -f "$out"
