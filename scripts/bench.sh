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
# a timing of a small shared machine varies from run to run: run it three times and keep the line with the median figure
median() {
  local a b c
  a=$(run "$@"); b=$(run "$@"); c=$(run "$@")
  printf '%s\n%s\n%s\n' "$a" "$b" "$c" | python3 -c '
import re, sys
lines = [l.rstrip("\n") for l in sys.stdin if l.strip()]
lines.sort(key=lambda l: float(re.findall(r"[0-9]+\.[0-9]+", l)[0]))
print(lines[len(lines) // 2])'
}

# the native settings the adder launcher exports (its defaults), for the reference run under the same settings
mapfile -t native < <(sed -nE 's/^export ([A-Z_]+)="\$\{[A-Z_]+:-([^}]+)\}"$/\1=\2/p' "$root/adder")
[[ ${#native[@]} -gt 0 ]] || { echo "bench.sh: no native settings found in $root/adder" >&2; exit 1; }
same() { env "${native[@]}" "$@"; }

eval_java=$(run ./adder bench eval --preset split-57 --weights "$shared/fixtures/published-57p.json" --repeat 3)
eval_full=$(run ./adder bench eval --preset split-57 --weights "$shared/fixtures/published-57p.json" --repeat 3 --no-cache)
eval_torch=$(THREADS=$threads run "$py" "$shared/bench/torch_reference.py" eval p57 "$shared/fixtures/published-57p.json")
train57_java=$(median ./adder bench train --preset split-57 --batch 256 --steps 100 --threads "$threads")
train57_torch=$(THREADS=$threads median "$py" "$shared/bench/torch_reference.py" train p57 256 100)
train311_java=$(median ./adder bench train --preset lowrank-311 --batch 512 --steps 50 --threads "$threads")
train311_torch=$(THREADS=$threads median "$py" "$shared/bench/torch_reference.py" train p311 512 50)
train777_java=$(median ./adder bench train --preset classic-777 --batch 512 --steps 50 --threads "$threads")
train777_torch=$(THREADS=$threads median "$py" "$shared/bench/torch_reference.py" train p777 512 50)
train57_same=$(THREADS=$threads median same "$py" "$shared/bench/torch_reference.py" train p57 256 100)
train311_same=$(THREADS=$threads median same "$py" "$shared/bench/torch_reference.py" train p311 512 50)
train777_same=$(THREADS=$threads median same "$py" "$shared/bench/torch_reference.py" train p777 512 50)
# one thread on both sides, as each seed of a sweep runs
train57_java1=$(median ./adder bench train --preset split-57 --batch 256 --steps 100 --threads 1)
train57_torch1=$(THREADS=1 median "$py" "$shared/bench/torch_reference.py" train p57 256 100)
train311_java1=$(median ./adder bench train --preset lowrank-311 --batch 512 --steps 50 --threads 1)
train311_torch1=$(THREADS=1 median "$py" "$shared/bench/torch_reference.py" train p311 512 50)
train777_java1=$(median ./adder bench train --preset classic-777 --batch 512 --steps 50 --threads 1)
train777_torch1=$(THREADS=1 median "$py" "$shared/bench/torch_reference.py" train p777 512 50)
# seeds per hour: one seed at a time versus a population, both at 1 thread (a sweep runs one JVM per core at 1 thread)
sweep36=$(run ./adder bench sweep --preset rope-36 --seeds 8 --steps 200)
sweep57=$(run ./adder bench sweep --preset split-57 --seeds 4 --steps 100)

# the number in a line: the first decimal in it ("train: 15.39 ms/step" -> 15.39)
num() { grep -oE '[0-9]+\.[0-9]+' <<<"$1" | head -n 1; }
ratio() { python3 -c "import sys; print(f'{float(sys.argv[1]) / float(sys.argv[2]):.2f}')" "$(num "$1")" "$(num "$2")"; }
# "eval p57 10010/10010 correct in 1.988 s" -> 1.988
torch_eval=$(grep -oE 'in [0-9]+\.[0-9]+ s' <<<"$eval_torch" | grep -oE '[0-9]+\.[0-9]+')
java_eval=$(grep -oE 'in [0-9]+\.[0-9]+ s' <<<"$eval_java" | grep -oE '[0-9]+\.[0-9]+')
java_full=$(grep -oE 'in [0-9]+\.[0-9]+ s' <<<"$eval_full" | grep -oE '[0-9]+\.[0-9]+')

# the three training-step rows of a table: (adder4j, reference) lines for split-57, lowrank-311 and classic-777
steps() {
  local labels=("split-57 training step, batch 256" "lowrank-311 training step, batch 512" "classic-777 training step, batch 512")
  local i
  for i in 0 1 2; do
    local java="${@:$((2 * i + 1)):1}" torch="${@:$((2 * i + 2)):1}"
    echo "| ${labels[$i]} | \`$java\` | \`$torch\` | $(ratio "$java" "$torch") |"
  done
}

{
  echo "Measured by \`scripts/bench.sh $threads\` on $(nproc) cores ($(date -u +%Y-%m-%d)), $threads threads on both sides, adder4j first, then PyTorch $("$py" -c 'import torch; print(torch.__version__)'); each training step is the median of three runs:"
  echo
  echo "| what | adder4j | PyTorch reference | ratio adder4j / PyTorch |"
  echo "| --- | --- | --- | ---: |"
  echo "| split-57 greedy decoding of all 10,010 AdderBoard cases (cached keys and values) | \`$eval_java\` | \`$eval_torch\` | $(python3 -c "print(f'{$java_eval / $torch_eval:.2f}')") |"
  echo "| the same, recomputing every prefix (the reference's method) | \`$eval_full\` | \`$eval_torch\` | $(python3 -c "print(f'{$java_full / $torch_eval:.2f}')") |"
  steps "$train57_java" "$train57_torch" "$train311_java" "$train311_torch" "$train777_java" "$train777_torch"
  echo
  echo "The same training steps with the reference run under the native settings the \`adder\` launcher sets for adder4j"
  echo "(\`${native[*]}\`), which speed PyTorch up as well:"
  echo
  echo "| what | adder4j | PyTorch reference, same settings | ratio adder4j / PyTorch |"
  echo "| --- | --- | --- | ---: |"
  steps "$train57_java" "$train57_same" "$train311_java" "$train311_same" "$train777_java" "$train777_same"
  echo
  echo "At 1 thread on both sides (each seed of a sweep runs so), each side with its own defaults:"
  echo
  echo "| what | adder4j | PyTorch reference | ratio adder4j / PyTorch |"
  echo "| --- | --- | --- | ---: |"
  steps "$train57_java1" "$train57_torch1" "$train311_java1" "$train311_torch1" "$train777_java1" "$train777_torch1"
  echo
  echo "Seeds per hour, one seed at a time versus one population (\`adder bench sweep\`, 1 thread each):"
  echo
  echo "| preset | result |"
  echo "| --- | --- |"
  echo "| rope-36, 8 seeds, batch 128 | \`$sweep36\` |"
  echo "| split-57, 4 seeds, batch 256 | \`$sweep57\` |"
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
