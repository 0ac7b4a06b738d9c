#!/usr/bin/env bash
# Stripped binary size of faaskit's `hello` against the raw lambda_runtime hellos, under the
# release profile and the size-minded variants users deploy with (LTO, one codegen unit,
# opt-level s or z). Each package is built on its own, as `cargo lambda build` builds one
# function, and both sides of a ratio always share a profile. About 12 minutes on 2 cores.
#
#   bash bench/size.sh                  # every profile below
#   bash bench/size.sh "fat 1 z"        # one profile: lto, codegen-units, opt-level
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$#" -gt 0 ]; then
    profiles=("$@")
else
    profiles=("false 16 3" "false 1 3" "thin 16 3" "fat 1 3" "fat 1 s" "fat 1 z")
fi

# faaskit's size over a reference's, to three decimals.
ratio() { awk "BEGIN {printf \"%.3f\", $1 / $2}"; }

echo "$(nproc) cores, $(rustc --version)"
printf '%-32s %12s %12s %18s %10s %10s\n' "profile (panic = abort)" "hello B" "raw-hello B" "raw-hello-logged B" "vs raw" "vs logged"
for profile in "${profiles[@]}"; do
    read -r lto units opt <<< "$profile"
    target="target/size/lto-$lto-cu-$units-opt-$opt"
    export CARGO_PROFILE_RELEASE_LTO="$lto" CARGO_PROFILE_RELEASE_CODEGEN_UNITS="$units" \
        CARGO_PROFILE_RELEASE_OPT_LEVEL="$opt"
    cargo build --release -q --target-dir "$target" -p faaskit-examples --bin hello
    cargo build --release -q --target-dir "$target" -p faaskit-bench --bin raw-hello
    cargo build --release -q --target-dir "$target" -p faaskit-bench-logged-reference
    declare -A size=()
    for name in hello raw-hello raw-hello-logged; do
        strip -o "$target/$name.stripped" "$target/release/$name"
        size[$name]=$(stat -c %s "$target/$name.stripped")
    done
    printf '%-32s %12s %12s %18s %10s %10s\n' "lto $lto, codegen-units $units, opt $opt" \
        "${size[hello]}" "${size[raw-hello]}" "${size[raw-hello-logged]}" \
        "$(ratio "${size[hello]}" "${size[raw-hello]}")" "$(ratio "${size[hello]}" "${size[raw-hello-logged]}")"
done
