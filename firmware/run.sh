#!/usr/bin/env bash
# Builds every firmware image for a Cortex-M3 (thumbv7m-none-eabi), runs each under QEMU's
# lm3s6965evb, and checks its checks, its flash, static RAM, peak stack and instruction count
# against the budgets below. Prints the table; exits non-zero on any failed check or budget.
#
#   firmware/run.sh            # everything (about a minute once dependencies are built)
#
# Flash and RAM are the image's minus the harness-only baseline image's (llvm-size), without the
# test tokens' own `.testdata` section (reported in the last column); stack and instructions
# are what the images measure themselves (see src/measure.rs). KiB = 1024 bytes.
set -euo pipefail
shopt -s inherit_errexit
cd "$(dirname "$0")"

size_tool=$(find "$(rustc --print sysroot)" -name llvm-size -type f | head -n 1)
nm_tool=$(find "$(rustc --print sysroot)" -name llvm-nm -type f | head -n 1)
if [[ -z $size_tool || -z $nm_tool ]]; then
    echo "firmware: llvm-size/llvm-nm not found (rustup component add llvm-tools)" >&2
    exit 1
fi
qemu=(qemu-system-arm -cpu cortex-m3 -machine lm3s6965evb -nographic
    -semihosting-config enable=on,target=native -icount shift=7)
target=thumbv7m-none-eabi
compact_flags='-C link-arg=-Tlink.x --cfg sha2_backend_soft="compact"'

# image | features | variant (default or compact) | flash KiB | stack KiB | instructions
# The compact HS256 verify budget was 12.8 KiB until HMAC keys learned to refuse a secret
# shaped like a PEM, JWK or DER key (RFC 8725 §3.2, `key-as-secret`): that check is 0.5 KiB.
# Rows with `-` are measured and reported without a budget. The `fast` feature trades flash for
# speed; signing is budgeted with it, because constant-time base64 encoding of the public token
# costs 17k instructions on this core, verifying without it, because verification fits.
budgets=(
    "hs256-verify||default|20.8|1.6|75000"
    "hs256-verify||compact|13.5|1.6|75000"
    "hs256-sign|fast|default|14.8|2.1|62000"
    "hs256-verify|fast|default|-|-|-"
    "hs256-verify|fast|compact|-|-|-"
    "hs256-sign||default|-|-|-"
    "hs256-sign-checked||default|-|-|-"
    "es256-verify|es256|default|40|8.4|13000000"
    "eddsa-verify|eddsa|default|59|10.2|2500000"
    "es256-sign|es256|default|-|-|-"
    "eddsa-sign|eddsa|default|-|-|-"
)

build() { # image features variant -> path of the ELF
    local image=$1 features=$2 variant=$3 dir=target
    local args=(build --quiet --release --locked --bin "$image")
    [[ -n $features ]] && args+=(--features "$features")
    if [[ $variant == compact ]]; then
        dir=target/compact
        RUSTFLAGS=$compact_flags cargo "${args[@]}" --target-dir "$dir" >&2 || return 1
    else
        cargo "${args[@]}" >&2 || return 1
    fi
    echo "$dir/$target/release/$image"
}

sections() { # elf -> "flash ram testdata"; the test tokens' own section is not code
    "$size_tool" -A "$1" | awk '
        /^\.(vector_table|text|rodata|data) / { flash += $2 }
        /^\.(data|bss|uninit) / { ram += $2 }
        /^\.testdata / { testdata += $2 }
        END { print flash, ram, testdata + 0 }'
}

run() { # elf -> RESULT line; fails when the image exits non-zero
    local out status=0
    out=$(timeout 300 "${qemu[@]}" -kernel "$1" 2>&1) || status=$?
    echo "$out" | grep -E '^(FAIL|PANIC)' >&2 || true
    if ((status != 0)); then
        echo "$out" >&2
        echo "firmware: $(basename "$1") exited with status $status" >&2
        return 1
    fi
    echo "$out" | grep '^RESULT'
}

field() { sed -n "s/.* $2=\([0-9]*\).*/\1/p" <<<"$1"; }
kib() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1024 }'; }
over() { # value budget_kib_or_count unit(kib|count) -> 0 if over
    [[ $2 == - ]] && return 1
    local budget=$2
    if [[ $3 == kib ]]; then
        awk -v v="$1" -v b="$budget" 'BEGIN { exit !(v > b * 1024) }'
    else
        (($1 > budget))
    fi
}

failed=0
declare -A base_flash=() base_ram=()
for variant in default compact; do
    if [[ $variant == compact ]]; then elf=$(build baseline "" compact); else elf=$(build baseline "" default); fi
    read -r f r _ < <(sections "$elf")
    base_flash[$variant]=$f
    base_ram[$variant]=$r
    run "$elf" >/dev/null
done

echo
echo "| image | features | sha2 backend | flash | static RAM | stack | instructions | budget (flash / stack / instructions) | test tokens |"
echo "|---|---|---|---:|---:|---:|---:|---|---:|"
for entry in "${budgets[@]}"; do
    IFS='|' read -r image features variant flash_budget stack_budget instr_budget <<<"$entry"
    elf=$(build "$image" "$features" "$variant")
    read -r f r testdata < <(sections "$elf")
    flash=$((f - base_flash[$variant]))
    ram=$((r - base_ram[$variant]))
    result=$(run "$elf") || { failed=1; continue; }
    stack=$(field "$result" stack)
    instructions=$(field "$result" instructions)
    verdict=""
    over "$flash" "$flash_budget" kib && verdict+=" FLASH-OVER"
    over "$stack" "$stack_budget" kib && verdict+=" STACK-OVER"
    over "$instructions" "$instr_budget" count && verdict+=" INSTRUCTIONS-OVER"
    ((ram != 0)) && verdict+=" STATIC-RAM"
    if "$nm_tool" -C "$elf" | grep -q ' core::fmt::'; then verdict+=" LINKS-CORE-FMT"; fi
    [[ -n $verdict ]] && failed=1
    budget="$flash_budget KiB / $stack_budget KiB / $instr_budget"
    [[ $flash_budget == - ]] && budget="(reported only)"
    printf '| %s | %s | %s | %s KiB | %s B | %s B | %s | %s%s | %s B |\n' "$image" "${features:--}" "$variant" \
        "$(kib "$flash")" "$ram" "$stack" "$instructions" "$budget" "${verdict:+ **$verdict**}" "$testdata"
done

echo
# A deliberately wrong image must fail: proof that a failed check reaches the exit status.
wrong=$(build wrong "" default)
if run "$wrong" >/dev/null 2>&1; then
    echo "firmware: the deliberately wrong image exited 0" >&2
    failed=1
else
    echo "the deliberately wrong image exits non-zero, as it must"
fi

# Portability: the same images for a Cortex-M0 (no atomic read-modify-write) ...
cargo build --quiet --release --locked --target thumbv6m-none-eabi --bins --features es256,eddsa
echo "built every image for thumbv6m-none-eabi"
# ... and the library for RISC-V, where the target is installed.
if rustup target list --installed | grep -q '^riscv32imc-unknown-none-elf$'; then
    (cd .. && cargo build --quiet --locked -p jwt-core --lib --target riscv32imc-unknown-none-elf \
        --no-default-features --features es256,eddsa)
    echo "built jwt-core for riscv32imc-unknown-none-elf"
else
    echo "SKIP: riscv32imc-unknown-none-elf is not installed (rustup target add riscv32imc-unknown-none-elf)"
fi

exit "$failed"
