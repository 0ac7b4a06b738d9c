#!/usr/bin/env bash
# Runs every fuzz target for a bounded time with a seed corpus from the test fixtures, and
# prints each target's executions and findings.
#
#   bash fuzz/run.sh [seconds per target]     # default 60
#
# Needs cargo-fuzz (installed here if missing: `cargo install cargo-fuzz --locked`). Its
# instrumentation flags are nightly-only and this machine has a stable toolchain, so the script
# sets RUSTC_BOOTSTRAP=1 for the fuzz build only. No sanitizer: the code under test forbids
# `unsafe`, and what we look for are panics, hangs and runaway memory.
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-60}
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
export RUSTC_BOOTSTRAP=1

fixtures=../adapters/tests/fixtures
seed() { # target, name patterns...
    local target=$1; shift
    mkdir -p "corpus/$target"
    for pattern in "$@"; do
        find "$fixtures" -name "*.json" -path "*$pattern*" -exec cp {} "corpus/$target/" \; 2>/dev/null || true
    done
}
seed s3 s3
seed sns sns
seed sqs sqs
seed dynamodb dynamodb
seed kinesis kinesis
seed eventbridge eventbridge cloudwatch scheduled
seed envelopes envelopes sns sqs
seed http apigw alb lambda-function-url lambda_function_url http

status=0
for target in $(cargo fuzz list); do
    log="artifacts/$target.log"
    mkdir -p artifacts
    if cargo fuzz run --sanitizer none "$target" "corpus/$target" -- \
        -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -max_len=1048576 >"$log" 2>&1; then
        result="no findings"
    else
        result="FINDING (see fuzz/$log and fuzz/artifacts/$target/)"
        status=1
    fi
    runs=$(grep -Eo 'Done [0-9]+ runs' "$log" | grep -Eo '[0-9]+' || echo "?")
    echo "$target: $runs executions in ${seconds}s, $result, corpus $(ls "corpus/$target" | wc -l) inputs"
done
exit $status
