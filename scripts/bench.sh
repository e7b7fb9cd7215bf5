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

eval_java=$(run ./adder bench eval --preset split-57 --weights "$shared/fixtures/published-57p.json" --repeat 3)
eval_torch=$(THREADS=$threads run "$py" "$shared/bench/torch_reference.py" eval p57 "$shared/fixtures/published-57p.json")
train57_java=$(run ./adder bench train --preset split-57 --batch 256 --steps 100 --threads "$threads")
train57_torch=$(THREADS=$threads run "$py" "$shared/bench/torch_reference.py" train p57 256 100)
train777_java=$(run ./adder bench train --preset classic-777 --batch 512 --steps 50 --threads "$threads")
train777_torch=$(THREADS=$threads run "$py" "$shared/bench/torch_reference.py" train p777 512 50)

{
  echo "Measured by \`scripts/bench.sh $threads\` on $(nproc) cores ($(date -u +%Y-%m-%d)), $threads threads on both sides, adder4j first, then PyTorch $("$py" -c 'import torch; print(torch.__version__)'):"
  echo
  echo "| what | adder4j | PyTorch reference |"
  echo "| --- | --- | --- |"
  echo "| split-57 greedy decoding of all 10,010 AdderBoard cases | \`$eval_java\` | \`$eval_torch\` |"
  echo "| split-57 training step, batch 256 | \`$train57_java\` | \`$train57_torch\` |"
  echo "| classic-777 training step, batch 512 | \`$train777_java\` | \`$train777_torch\` |"
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
