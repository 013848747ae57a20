#!/usr/bin/env bash
# connlint set-up: system packages, build, demo and tests (Debian bookworm).
#
#   ./setup.sh deps [--tests]    install the missing Debian packages (apt-get, idempotent)
#   ./setup.sh build [--tests]   configure and build into build/ (Ninja, Release, all cores)
#   ./setup.sh demo              deps + build + `connlint check fixtures/demo`
#   ./setup.sh test              deps --tests + build --tests + ctest, then the sanitize stage
#   ./setup.sh sanitize          ASan+UBSan build (clang-14) in build-asan/: full ctest, then fuzz smoke runs
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BUILD_DIR="build"
SANITIZE_BUILD_DIR="build-asan"
JOBS="$(nproc 2>/dev/null || echo 2)"

log() { printf 'setup.sh: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 2; }

# --- Packages: "name|why". Every one comes from Debian bookworm's own archive. ---
BUILD_PACKAGES=(
  "g++|C++20 compiler (and the C compiler for the tree-sitter grammars)"
  "make|build tool for the Unix Makefiles generator"
  "cmake|build system (3.20 or newer)"
  "ninja-build|build backend used by ./setup.sh build"
  "ccache|compiler cache, picked up by CMakeLists.txt when present"
  "pkg-config|locates libtree-sitter"
  "git|version control"
  "ca-certificates|TLS for npm and apt"
  "nodejs|runs npm (grammar download) and the SARIF schema check"
  "npm|fetches the pinned tree-sitter grammar tarballs at configure time"
  "libtree-sitter-dev|tree-sitter runtime (TypeScript/JavaScript parsing)"
  "nlohmann-json3-dev|JSON library"
  "clang-14|Clang 14 compiler and its resource headers for LibTooling"
  "libclang-14-dev|Clang 14 libraries and CMake package (find_package(Clang))"
  "libclang-cpp14-dev|libclang-cpp shared library (C++ analysis with LibTooling)"
  "libclang-common-14-dev|Clang 14 builtin headers"
  "llvm-14-dev|LLVM 14 libraries and CMake package (find_package(LLVM))"
  "zlib1g-dev|LLVM 14's CMake package links LLVMSupport to ZLIB::ZLIB"
)
TEST_PACKAGES=(
  "libgtest-dev|GoogleTest, for the unit tests"
  "libgmock-dev|GoogleMock matchers, for the unit tests"
  "googletest|GoogleTest sources and CMake package"
  "libpq-dev|libpq headers, for the C++ database-client fixtures"
  "libpqxx-dev|libpqxx headers, for the C++ database-client fixtures"
  "libhiredis-dev|hiredis headers, for the C++ database-client fixtures"
  "libsqlite3-dev|SQLite headers, for the C++ database-client fixtures"
  "libmariadb-dev|MariaDB/MySQL client headers, for the C++ database-client fixtures"
  "libmongoc-dev|MongoDB C driver headers, for the C++ database-client fixtures"
  "neovim|Neovim, to test connlint's language server with a real editor client"
  "emacs-nox|Emacs, to test the eglot, flymake and M-x compile set-ups in docs/editors.md"
  "elpa-eglot|eglot for Emacs 28, the language server client of that test"
  "vim|Vim, to test the quickfix and ALE set-ups in docs/editors.md"
  "vim-ale|ALE, the Vim linter plugin of that test"
  "libclang-rt-14-dev|ASan/UBSan and libFuzzer runtimes, for the sanitizer build and the fuzz targets"
)

# Names of every installed package and of everything the installed packages provide
# (e.g. a nodejs build that bundles npm provides "npm": installing Debian's npm would conflict).
installed_names() {
  dpkg-query -W -f='${db:Status-Abbrev}|${Package}|${Provides}\n' 2>/dev/null |
    awk -F'|' '$1 ~ /^ii/ {
      print $2
      n = split($3, p, ",")
      for (i = 1; i <= n; i++) { name = p[i]; sub(/\(.*/, "", name); gsub(/[ \t]/, "", name); if (name != "") print name }
    }' | sed 's/:.*//' | sort -u
}

as_root() {
  if [[ "$(id -u)" -eq 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    die "need root to run: $* (and sudo is not installed)"
  fi
}

cmd_deps() {
  local with_tests=0
  for arg in "$@"; do
    case "$arg" in
      --tests) with_tests=1 ;;
      *) die "deps: unknown option '$arg'" ;;
    esac
  done
  command -v dpkg-query >/dev/null 2>&1 || die "deps: dpkg-query not found; this script supports Debian bookworm"
  local wanted=("${BUILD_PACKAGES[@]}")
  if [[ $with_tests -eq 1 ]]; then
    wanted+=("${TEST_PACKAGES[@]}")
  fi

  local have
  have="$(installed_names)"
  local missing=() entry name why
  for entry in "${wanted[@]}"; do
    name="${entry%%|*}"
    why="${entry#*|}"
    if ! grep -qxF -- "$name" <<<"$have"; then
      missing+=("$name")
      log "will install ${name}: ${why}"
    fi
  done
  if [[ ${#missing[@]} -eq 0 ]]; then
    log "deps: all ${#wanted[@]} required packages are already installed"
    return 0
  fi
  log "deps: installing ${#missing[@]} missing package(s): ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
  log "deps: done"
}

cmd_build() {
  local testing=OFF
  for arg in "$@"; do
    case "$arg" in
      --tests) testing=ON ;;
      *) die "build: unknown option '$arg'" ;;
    esac
  done
  cd "$ROOT"
  # Paths relative to the checkout let ccache reuse objects across clones in other directories (CI clones anew).
  export CCACHE_BASEDIR="$ROOT" CCACHE_NOHASHDIR=true
  log "build: configuring ${BUILD_DIR}/ (Release, BUILD_TESTING=${testing})"
  cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release "-DBUILD_TESTING=${testing}"
  log "build: building with ${JOBS} jobs"
  cmake --build "$BUILD_DIR" --parallel "$JOBS"
}

cmd_demo() {
  [[ $# -eq 0 ]] || die "demo takes no options"
  cmd_deps
  cmd_build
  cd "$ROOT"
  log "demo: running ${BUILD_DIR}/connlint check fixtures/demo"
  local rc=0
  "./${BUILD_DIR}/connlint" check fixtures/demo || rc=$?
  case "$rc" in
    0) log "demo: connlint exited 0 (no findings)"; return 0 ;;
    1) log "demo: connlint exited 1 (findings reported, as expected for the demo)"; return 0 ;;
    *) log "demo: connlint exited ${rc} (error)"; exit "$rc" ;;
  esac
}

cmd_test() {
  [[ $# -eq 0 ]] || die "test takes no options"
  cmd_deps --tests
  cmd_build --tests
  cd "$ROOT"
  local rc=0
  ctest --test-dir "$BUILD_DIR" --output-on-failure -j"$JOBS" || rc=$?
  [[ $rc -eq 0 ]] || exit "$rc"
  cmd_sanitize
}

# The whole test suite again under AddressSanitizer + UndefinedBehaviorSanitizer, in a Clang build that also has
# the libFuzzer targets (tests/fuzz); then each fuzzer runs briefly from its seed corpus (docs/fuzzing.md).
cmd_sanitize() {
  cd "$ROOT"
  export CCACHE_BASEDIR="$ROOT" CCACHE_NOHASHDIR=true
  export UBSAN_OPTIONS="print_stacktrace=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
  # Symbolised stack traces: llvm-14 ships llvm-symbolizer only under this name unless Debian's `llvm` is installed.
  [[ -x /usr/lib/llvm-14/bin/llvm-symbolizer ]] && export ASAN_SYMBOLIZER_PATH=/usr/lib/llvm-14/bin/llvm-symbolizer
  local start=$SECONDS rc=0
  log "sanitize: configuring ${SANITIZE_BUILD_DIR}/ (clang-14, ASan+UBSan, libFuzzer targets)"
  CC=clang-14 CXX=clang++-14 cmake -S . -B "$SANITIZE_BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DBUILD_TESTING=ON -DCONNLINT_FUZZ=ON
  cmake --build "$SANITIZE_BUILD_DIR" --parallel "$JOBS"
  local built=$SECONDS
  ctest --test-dir "$SANITIZE_BUILD_DIR" --output-on-failure -j"$JOBS" -LE fuzz || rc=$?
  local tested=$SECONDS
  [[ $rc -eq 0 ]] || { log "sanitize: the test suite failed under ASan/UBSan"; exit "$rc"; }
  ctest --test-dir "$SANITIZE_BUILD_DIR" --output-on-failure -j"$JOBS" -L fuzz || rc=$?
  # One line per fuzzer (runs, coverage, corpus); their full output is in build-asan/fuzz/smoke-*/fuzz.log.
  cat "$SANITIZE_BUILD_DIR"/fuzz/smoke-*/summary.txt >&2 2>/dev/null || true
  log "sanitize: build $((built - start))s, ctest $((tested - built))s, fuzz smoke $((SECONDS - tested))s"
  exit "$rc"
}

usage() {
  sed -n '2,7p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

main() {
  local sub="${1:-}"
  [[ $# -gt 0 ]] && shift
  case "$sub" in
    deps) cmd_deps "$@" ;;
    build) cmd_build "$@" ;;
    demo) cmd_demo "$@" ;;
    test) cmd_test "$@" ;;
    sanitize) [[ $# -eq 0 ]] || die "sanitize takes no options"; cmd_sanitize ;;
    -h|--help|help) usage ;;
    *) usage >&2; exit 2 ;;
  esac
}

main "$@"
