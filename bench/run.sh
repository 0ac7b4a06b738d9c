#!/usr/bin/env bash
# faaskit against the raw crates, side by side in one run: Runtime API overhead, instructions per
# invocation (with valgrind), start-up, peak RSS, binary size and local server throughput.
# Loopback only; about 7 minutes after the build.
#
#   bash bench/run.sh            # everything
#   QUICK=1 bash bench/run.sh    # fewer rounds, for a smoke run
#
# The decode benchmarks are criterion benches: cargo bench -p faaskit-adapters --all-features
set -euo pipefail
cd "$(dirname "$0")/.."

quick=${QUICK:-0}
invocations=$([ "$quick" = 1 ] && echo 300 || echo 2000)
rounds=$([ "$quick" = 1 ] && echo 4 || echo 8)
seconds=$([ "$quick" = 1 ] && echo 1 || echo 3)
# The local server's rounds are short and many: a ratio is the median over pairs of rounds, and
# on a shared machine 15 pairs of 1 s hold still where 4 pairs of 3 s did not (A/A runs).
local_rounds=$([ "$quick" = 1 ] && echo 4 || echo 30)
local_seconds=1

echo "== machine"
echo "$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(rustc --version)"

echo "== build (release profile: opt-level 3, panic = abort, as cargo lambda builds)"
cargo build --release -q -p faaskit-examples -p faaskit-bench
# A build of its own: its logging features must not be unified into the examples' build.
cargo build --release -q -p faaskit-bench-logged-reference
bin=target/release

have() { [ -x "$bin/$1" ]; }

echo "== runtime overhead: invocations per second through a Runtime API peer (ratio = faaskit / raw)"
echo "-- noise floor: raw-hello against itself (any ratio but 1.000 is this machine's noise)"
"$bin/runtime-overhead" --raw "$bin/raw-hello" --faaskit "$bin/raw-hello" \
    --payload bench/payloads/hello.json --invocations "$invocations" --rounds "$rounds"
"$bin/runtime-overhead" --raw "$bin/raw-hello" --faaskit "$bin/hello" \
    --payload bench/payloads/hello.json --invocations "$invocations" --rounds "$rounds"
for pair in "s3-inventory s3-10" "sqs-orders sqs-10" "dynamodb-audit dynamodb-10"; do
    set -- $pair
    if have "$1"; then
        "$bin/runtime-overhead" --raw "$bin/raw-$1" --faaskit "$bin/$1" \
            --payload "bench/payloads/$2.json" --invocations "$invocations" --rounds "$rounds"
    else
        echo "runtime-overhead $1: example not built, skipped"
    fi
done

echo "== instructions per invocation (valgrind's callgrind; the same work counted, not timed: ratio = faaskit / reference)"
if command -v valgrind > /dev/null && command -v callgrind_control > /dev/null; then
    counted=$([ "$quick" = 1 ] && echo 300 || echo 2000)
    echo "-- floor: raw-hello against itself"
    "$bin/instructions" --raw "$bin/raw-hello" --faaskit "$bin/raw-hello" --invocations "$counted"
    "$bin/instructions" --raw "$bin/raw-hello" --faaskit "$bin/hello" --invocations "$counted"
    for pair in "s3-inventory s3-10" "sqs-orders sqs-10" "dynamodb-audit dynamodb-10"; do
        set -- $pair
        if have "$1"; then
            "$bin/instructions" --raw "$bin/raw-$1" --faaskit "$bin/$1" \
                --payload "bench/payloads/$2.json" --invocations "$counted"
        fi
    done
    if have http-api; then
        "$bin/instructions" --local --raw "$bin/axum-hello" --faaskit "$bin/http-api" \
            --method GET --path /hello/Ana --invocations "$counted"
    fi
    "$bin/instructions" --local --raw "$bin/axum-hello" --faaskit "$bin/hello" --method POST \
        --path /2015-03-31/functions/function/invocations --body '{"name":"Ana"}' --invocations "$counted"
else
    echo "instructions: valgrind not installed (apt-get install valgrind), skipped"
fi

echo "== start-up and peak RSS (Lambda mode against the peer; local mode against bare axum)"
"$bin/startup" --raw "$bin/raw-hello" --faaskit "$bin/hello" --axum "$bin/axum-hello" \
    --runs "$([ "$quick" = 1 ] && echo 5 || echo 20)" --invocations 1000
echo "-- against raw-hello-logged: lambda_runtime with its logs set up as \`cargo lambda new\` writes it"
"$bin/startup" --raw "$bin/raw-hello-logged" --faaskit "$bin/hello" \
    --runs "$([ "$quick" = 1 ] && echo 4 || echo 10)" --invocations 1000

echo "== stripped binary size (release profile)"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for name in hello raw-hello raw-hello-logged; do
    cp "$bin/$name" "$tmp/$name" && strip "$tmp/$name"
done
faaskit_size=$(stat -c %s "$tmp/hello")
for reference in raw-hello raw-hello-logged; do
    raw_size=$(stat -c %s "$tmp/$reference")
    echo "binary-size stripped: $reference $raw_size B, hello $faaskit_size B, ratio $(awk "BEGIN {printf \"%.3f\", $faaskit_size / $raw_size}")"
done

echo "== local server: requests per second (ratio = faaskit / bare axum)"
echo "-- noise floor: bare axum against itself"
"$bin/local-load" --faaskit "$bin/axum-hello" --axum "$bin/axum-hello" --method GET --path /hello/Ana \
    --connections 1,32 --seconds "$local_seconds" --rounds "$local_rounds"
if have http-api; then
    "$bin/local-load" --faaskit "$bin/http-api" --axum "$bin/axum-hello" --method GET --path /hello/Ana \
        --connections 1,32 --seconds "$local_seconds" --rounds "$local_rounds"
else
    echo "local-load http-api: example not built, skipped"
fi
"$bin/local-load" --faaskit "$bin/hello" --axum "$bin/axum-hello" --method POST \
    --path /2015-03-31/functions/function/invocations --body '{"name":"Ana"}' \
    --connections 1,32 --seconds "$local_seconds" --rounds "$local_rounds"
