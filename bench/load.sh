#!/usr/bin/env bash
# Load test of the local server with good and bad requests mixed: zero unexpected answers, zero
# lost requests, RSS at start and end. Loopback only, bounded in time.
#
#   bash bench/load.sh [seconds] [connections]     # default 20 s, 16 connections
#
# Runs the `faults` example (dev profile, so that its panics unwind and the server survives them;
# a release build aborts on panic, as on Lambda, where the process is replaced).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build -q -p faaskit-examples --bin faults
cargo build -q --release -p faaskit-bench --bin load-check
target/release/load-check --binary target/debug/faults --seconds "${1:-20}" --connections "${2:-16}"
