#!/usr/bin/env python3
"""Times connlint against the tree-sitter parse floor and the linters a user would pick instead.

    bench/run_peers.py --corpus /tmp/real/documenso            # any folder, 5 runs
    bench/run_peers.py --files 2000                            # generated corpus (bench/gen_ts_corpus.py)
    bench/run_peers.py --files 8000 --runs 3 --tools "floor connlint oxlint biome ast-grep"
    CONNLINT=/work/main/build/connlint bench/run_peers.py --corpus /tmp/real/dub

Measured, each one-threaded and default-threaded:
  floor      build/bench/connlint_parse_floor: read + tree-sitter parse + one cursor walk per file, nothing else
  connlint   `check --format json`: cold (--no-cache) and warm (facts cache filled by an untimed run)
  eslint     9, only no-await-in-loop, @typescript-eslint/parser (default: one thread; also --concurrency=auto)
  oxlint     only no-await-in-loop (--threads=1 / default)
  biome      `lint`, only lint/performance/noAwaitInLoops (RAYON_NUM_THREADS=1 / default)
  ast-grep   `scan` with an equivalent structural rule (-j 1 / default)

The peers are installed with `npm install` from bench/peers/package-lock.json into $BENCH_DIR/peers (once; offline after
that) and run with the configurations committed in bench/peers/. Every run of every configuration goes through
GNU time (`/usr/bin/time -f '%e %U %S %M'`). The order of the configurations rotates from one run to the next, and
each ratio is taken between a tool and the floor with the same thread setting within the same run, then the
median of those per-run ratios is reported: on a shared machine the absolute times drift, the ratios much less.
The files each tool linted and its findings are read from its own output, so a tool that skipped files shows it.
"""
import argparse
import collections
import hashlib
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
PEERS_SRC = os.path.join(HERE, "peers")
ALL_TOOLS = ["floor", "connlint", "eslint", "oxlint", "biome", "ast-grep"]
# The folders connlint skips outside git (src/core/discover.h) and the extensions it reads.
SKIP_DIRS = {"node_modules", "dist", "build", ".next", "coverage", "vendor", ".git", ".connlint-cache"}
EXTS = (".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs")


def log(*args):
    print(*args, file=sys.stderr, flush=True)


# ------------------------------------------------------------------------------------------------ set-up
def prepare_corpus(args, bench_dir):
    if args.corpus:
        return os.path.realpath(args.corpus)
    gen = os.path.join(HERE, "gen_ts_corpus.py")
    corpus = os.path.join(bench_dir, "ts-%d%s" % (args.files, "-s%s" % args.seed if args.seed else ""))
    # Same stamp as run_ts_bench.sh, so the two scripts share generated corpora.
    with open(gen, "rb") as f:
        stamp = "%s files=%d seed=%s" % (hashlib.sha256(f.read()).hexdigest()[:16], args.files, args.seed or "default")
    stamp_path = os.path.join(corpus, ".bench-stamp")
    if os.path.exists(stamp_path) and open(stamp_path).read().strip() == stamp:
        log("reusing corpus", corpus)
    else:
        shutil.rmtree(corpus, ignore_errors=True)
        cmd = [sys.executable, gen, "--files", str(args.files), "--out", corpus]
        if args.seed:
            cmd += ["--seed", str(args.seed)]
        subprocess.run(cmd, check=True, stdout=sys.stderr)
        with open(stamp_path, "w") as f:
            f.write(stamp + "\n")
    return corpus


def count_sources(corpus):
    files = lines = 0
    for dp, dn, fn in os.walk(corpus):
        dn[:] = [d for d in dn if d not in SKIP_DIRS]
        for name in fn:
            if name.endswith(EXTS):
                files += 1
                with open(os.path.join(dp, name), "rb") as fh:
                    lines += fh.read().count(b"\n")
    present = sorted({d for dp, dn, fn in os.walk(corpus) for d in dn if d in SKIP_DIRS - {".connlint-cache"}})
    return files, lines, present


def install_peers(peers_dir, skip_install):
    """npm ci into peers_dir when the committed lock file changed; copies the committed configurations."""
    os.makedirs(peers_dir, exist_ok=True)
    lock_src = os.path.join(PEERS_SRC, "package-lock.json")
    stamp = hashlib.sha256(open(lock_src, "rb").read()).hexdigest()
    stamp_path = os.path.join(peers_dir, ".installed-lock")
    installed = os.path.exists(stamp_path) and open(stamp_path).read().strip() == stamp
    if not installed:
        if skip_install:
            sys.exit("peers are not installed in %s (run without --no-install once)" % peers_dir)
        for name in ("package.json", "package-lock.json"):
            shutil.copy(os.path.join(PEERS_SRC, name), peers_dir)
        # `npm install` from the committed lock rather than `npm ci`: the lock was written where the registry only
        # had the Linux builds of the native packages, and `npm ci` rejects a lock without the other platforms'
        # optional packages. The top-level versions are exact and the lock pins the rest, so nothing floats.
        # --ignore-scripts: no tool needs its install script (the native binaries come as dependencies).
        log("installing the pinned peers into", peers_dir)
        subprocess.run(["npm", "install", "--ignore-scripts", "--no-audit", "--no-fund"], cwd=peers_dir, check=True,
                       stdout=sys.stderr)
        with open(stamp_path, "w") as f:
            f.write(stamp + "\n")
    for name in ("eslint.config.mjs", "oxlintrc.json"):
        shutil.copy(os.path.join(PEERS_SRC, name), peers_dir)
    for name in ("biome", "ast-grep"):
        shutil.rmtree(os.path.join(peers_dir, name), ignore_errors=True)
        shutil.copytree(os.path.join(PEERS_SRC, name), os.path.join(peers_dir, name))


def tool_version(argv):
    try:
        out = subprocess.run(argv, capture_output=True, text=True, timeout=60).stdout
    except OSError as e:
        return "unavailable (%s)" % e
    m = re.search(r"\d+\.\d+\.\d+\S*", out)
    return m.group(0) if m else "?"


# ------------------------------------------------------------------------------------------------ parsers
# Each parser gets (stdout, stderr) of one run and returns (files linted, findings, note).
def parse_floor(out, err):
    m = dict(re.findall(r"(\w+) ([\d.]+)", out))
    return int(m["files"]), None, "%s nodes, %s files with syntax errors" % (m["nodes"], m["syntax_error_files"])


def parse_connlint(out, err):
    s = json.loads(out)["summary"]
    return s["filesChecked"], s["findings"], ""


def parse_eslint(out, err):
    results = json.loads(out)
    hits = sum(1 for r in results for m in r["messages"] if m.get("ruleId") == "no-await-in-loop")
    fatal = sum(1 for r in results for m in r["messages"] if m.get("fatal"))
    return len(results), hits, ("%d files with parse errors" % fatal) if fatal else ""


def parse_oxlint(out, err):
    d = json.loads(out)
    hits = sum(1 for x in d["diagnostics"] if "no-await-in-loop" in x.get("code", ""))
    other = len(d["diagnostics"]) - hits
    return d["number_of_files"], hits, ("%d other diagnostics" % other) if other else ""


def parse_biome(out, err):
    d = json.loads(out)
    hits = sum(1 for x in d["diagnostics"] if x.get("category") == "lint/performance/noAwaitInLoops")
    parse_errors = sum(1 for x in d["diagnostics"] if x.get("category") == "parse")
    s = d["summary"]
    return s["changed"] + s["unchanged"], hits, ("%d parse diagnostics" % parse_errors) if parse_errors else ""


def parse_ast_grep(out, err):
    m = re.search(r"scannedFileCount=(\d+)", err)
    hits = sum(1 for line in out.splitlines() if line.strip())
    return (int(m.group(1)) if m else None), hits, ""


# ------------------------------------------------------------------------------------------------ configs
class Config:
    def __init__(self, tool, threads, argv, cwd, parse, env=None, floor_pair="1", prime=None):
        self.tool, self.threads, self.argv, self.cwd, self.parse = tool, threads, argv, cwd, parse
        self.env = env or {}
        self.floor_pair = floor_pair  # which floor row ("1" or "default") this row's ratio is taken against
        self.prime = prime            # an untimed command run once before the first timed run (warm cache)
        self.samples = []             # (wall, cpu, rss_kb)
        self.counts = []              # (files, findings, note) per run

    @property
    def label(self):
        return (self.tool, self.threads)


def build_configs(args, corpus, peers_dir, tmp):
    bin_ = os.path.join(peers_dir, "node_modules", ".bin")
    nm = os.path.join(peers_dir, "node_modules")
    parent, name = os.path.dirname(corpus), os.path.basename(corpus)
    cache_dir = os.path.join(tmp, "connlint-cache")
    tools = args.tools.split()
    configs = []
    if "floor" in tools:
        configs += [Config("floor", "1", [args.floor, corpus, "-j", "1"], corpus, parse_floor),
                    Config("floor", "default", [args.floor, corpus, "-j", "0"], corpus, parse_floor,
                           floor_pair="default")]
    if "connlint" in tools:
        # From the corpus's parent folder: connlint 0.1.0 loses import resolution when the checked folder is
        # outside the working directory (see bench/README.md), which would make it do less work.
        base = [args.binary, "check", name, "--format", "json"]
        warm = base + ["--cache-dir", cache_dir]
        configs += [Config("connlint cold", "1", base + ["--no-cache", "-j", "1"], parent, parse_connlint),
                    Config("connlint cold", "default", base + ["--no-cache"], parent, parse_connlint,
                           floor_pair="default"),
                    Config("connlint warm", "1", warm + ["-j", "1"], parent, parse_connlint, prime=warm),
                    Config("connlint warm", "default", warm, parent, parse_connlint, floor_pair="default",
                           prime=warm)]
    if "eslint" in tools:
        # ESLint lints on one thread unless --concurrency is given (9.34+); -c makes the cwd the base path.
        eslint = [os.path.join(bin_, "eslint"), "-c", os.path.join(peers_dir, "eslint.config.mjs"), "--format",
                  "json", "."]
        configs += [Config("eslint", "1", eslint, corpus, parse_eslint),
                    Config("eslint", "auto", eslint + ["--concurrency=auto"], corpus, parse_eslint,
                           floor_pair="default")]
    if "oxlint" in tools:
        oxlint = [os.path.join(bin_, "oxlint"), "-c", os.path.join(peers_dir, "oxlintrc.json"), "--format=json", "."]
        configs += [Config("oxlint", "1", oxlint + ["--threads=1"], corpus, parse_oxlint),
                    Config("oxlint", "default", oxlint, corpus, parse_oxlint, floor_pair="default")]
    if "biome" in tools:
        # The native binary (what the npm package's node launcher starts); rayon's pool size is Biome's only thread
        # control for `lint`.
        biome = [os.path.join(nm, "@biomejs", "cli-linux-x64", "biome"), "lint",
                 "--config-path=" + os.path.join(peers_dir, "biome"), "--reporter=json", "--max-diagnostics=none",
                 "--colors=off", "."]
        configs += [Config("biome", "1", biome, corpus, parse_biome, env={"RAYON_NUM_THREADS": "1"}),
                    Config("biome", "default", biome, corpus, parse_biome, floor_pair="default")]
    if "ast-grep" in tools:
        sg = [os.path.join(bin_, "ast-grep"), "scan", "-c", os.path.join(peers_dir, "ast-grep", "sgconfig.yml"),
              "--json=stream", "--inspect", "summary", "."]
        configs += [Config("ast-grep", "1", sg + ["-j", "1"], corpus, parse_ast_grep),
                    Config("ast-grep", "default", sg, corpus, parse_ast_grep, floor_pair="default")]
    return configs


# ------------------------------------------------------------------------------------------------ running
def run_timed(cfg, tmp):
    """One timed run: returns (wall, cpu, rss_kb), and records files/findings from the tool's output."""
    time_file = os.path.join(tmp, "time")
    out_path, err_path = os.path.join(tmp, "stdout"), os.path.join(tmp, "stderr")
    env = dict(os.environ, NO_COLOR="1", **cfg.env)
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        rc = subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M", "-o", time_file] + cfg.argv, cwd=cfg.cwd, env=env,
                            stdout=out, stderr=err).returncode
    stdout = open(out_path, encoding="utf-8", errors="replace").read()
    stderr = open(err_path, encoding="utf-8", errors="replace").read()
    if rc not in (0, 1):  # linters exit 1 when they report something
        sys.exit("%s (-j %s) failed with exit %d:\n%s" % (cfg.tool, cfg.threads, rc, stderr[-2000:]))
    wall, user, sys_, rss = open(time_file).read().strip().splitlines()[-1].split()
    try:
        cfg.counts.append(cfg.parse(stdout, stderr))
    except (ValueError, KeyError) as e:
        sys.exit("%s (-j %s): could not read its output (%s):\n%s" % (cfg.tool, cfg.threads, e, stdout[:500]))
    return float(wall), float(user) + float(sys_), int(rss)


def median(xs):
    return statistics.median(xs) if xs else float("nan")


def fmt_ratio(values):
    if not values:
        return "-"
    med = median(values)
    if len(values) == 1:
        return "%.2fx" % med
    return "%.2fx (%.2f–%.2f)" % (med, min(values), max(values))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", help="benchmark this folder")
    ap.add_argument("--files", type=int, default=2000, help="generated corpus size (default 2000)")
    ap.add_argument("--seed", help="generator seed")
    ap.add_argument("--runs", type=int, default=5, help="timed runs per configuration (default 5)")
    ap.add_argument("--tools", default=" ".join(ALL_TOOLS), help="subset of: " + " ".join(ALL_TOOLS))
    ap.add_argument("--binary", default=os.environ.get("CONNLINT", os.path.join(REPO, "build", "connlint")),
                    help="connlint binary (default $CONNLINT, else build/connlint)")
    ap.add_argument("--floor", default=os.environ.get("PARSE_FLOOR",
                                                      os.path.join(REPO, "build", "bench", "connlint_parse_floor")),
                    help="parse floor binary (default $PARSE_FLOOR, else build/bench/connlint_parse_floor)")
    ap.add_argument("--bench-dir", default=os.environ.get("BENCH_DIR", "/tmp/connlint-bench"))
    ap.add_argument("--no-install", action="store_true", help="never run npm (fail if the peers are missing)")
    args = ap.parse_args()

    unknown = set(args.tools.split()) - set(ALL_TOOLS)
    if unknown:
        sys.exit("unknown tools: %s" % " ".join(sorted(unknown)))
    if "floor" not in args.tools.split():
        sys.exit("the floor is needed for the ratios: keep it in --tools")
    if not os.access("/usr/bin/time", os.X_OK):
        sys.exit("GNU time is missing: install the Debian package 'time'")
    args.binary, args.floor = os.path.realpath(args.binary), os.path.realpath(args.floor)
    for path, what in ((args.floor, "parse floor (build the project)"),
                       (args.binary, "connlint binary (set CONNLINT or --binary)")):
        if not os.access(path, os.X_OK) and ("connlint" in args.tools or what.startswith("parse")):
            sys.exit("%s not found: %s" % (what, path))

    binary_given = args.binary
    bench_dir = os.path.realpath(args.bench_dir)
    os.makedirs(bench_dir, exist_ok=True)
    corpus = prepare_corpus(args, bench_dir)
    nfiles, nlines, present = count_sources(corpus)
    peers_dir = os.path.join(bench_dir, "peers")
    if set(args.tools.split()) & {"eslint", "oxlint", "biome", "ast-grep"}:
        install_peers(peers_dir, args.no_install)

    tmp = tempfile.mkdtemp(prefix="peers.", dir=bench_dir)
    try:
        # Time a private copy of each binary: the ones given may be rebuilt while the runs are going on.
        for attr in ("binary", "floor"):
            path = getattr(args, attr)
            if os.access(path, os.X_OK):
                copy = os.path.join(tmp, "%s-%s" % (attr, os.path.basename(path)))
                shutil.copy2(path, copy)
                setattr(args, attr + "_sha", hashlib.sha256(open(copy, "rb").read()).hexdigest()[:12])
                setattr(args, attr, copy)
        configs = build_configs(args, corpus, peers_dir, tmp)
        versions = collections.OrderedDict()
        if "connlint" in args.tools:
            versions["connlint"] = "%s (%s, sha256 %s)" % (tool_version([args.binary, "--version"]), binary_given,
                                                           args.binary_sha)
        nm = os.path.join(peers_dir, "node_modules")
        for tool, argv in (("eslint", [os.path.join(nm, ".bin", "eslint"), "--version"]),
                           ("@typescript-eslint/parser", None), ("oxlint", [os.path.join(nm, ".bin", "oxlint"), "-V"]),
                           ("biome", [os.path.join(nm, "@biomejs", "cli-linux-x64", "biome"), "--version"]),
                           ("ast-grep", [os.path.join(nm, ".bin", "ast-grep"), "--version"])):
            if argv is None:
                if "eslint" in args.tools:
                    pkg = os.path.join(nm, "@typescript-eslint", "parser", "package.json")
                    versions[tool] = json.load(open(pkg))["version"]
            elif tool in args.tools:
                versions[tool] = tool_version(argv)
        cores = os.cpu_count()
        log("corpus %s: %d files, %d lines; %d runs; %d cores; load %s" % (
            corpus, nfiles, nlines, args.runs, cores, " ".join(open("/proc/loadavg").read().split()[:3])))
        if present:
            log("note: the corpus holds folders every tool is told to skip: %s" % ", ".join(present))

        # Warm-up, untimed: the page cache (one floor run reads every file) and connlint's facts cache.
        subprocess.run([args.floor, corpus, "-j", "1"], stdout=subprocess.DEVNULL, check=True)
        for cfg in configs:
            if cfg.prime:
                subprocess.run(cfg.prime, cwd=cfg.cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for run in range(args.runs):
            # Rotate the order so that no tool always runs right after the same one (or always first).
            shift = run % len(configs)
            for cfg in configs[shift:] + configs[:shift]:
                cfg.samples.append(run_timed(cfg, tmp))
                w, c, r = cfg.samples[-1]
                log("  run %d %-14s -j %-7s wall %6.2f s  cpu %6.2f s  rss %5.0f MiB  files %s findings %s" % (
                    run + 1, cfg.tool, cfg.threads, w, c, r / 1024, cfg.counts[-1][0], cfg.counts[-1][1]))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    floors = {cfg.floor_pair: cfg for cfg in configs if cfg.tool == "floor"}
    print()
    print("`%s`: %d files, %d lines (TS/JS, connlint's file selection); %d runs, %d cores, load at start %s." % (
        corpus, nfiles, nlines, args.runs, cores, " ".join(open("/proc/loadavg").read().split()[:3])))
    print()
    print("| tool | threads | wall s | CPU s | peak RSS MiB | wall / floor | CPU / floor | files | findings |")
    print("|---|---|---|---|---|---|---|---|---|")
    for cfg in configs:
        floor = floors[cfg.floor_pair]
        wall_ratios = [s[0] / f[0] for s, f in zip(cfg.samples, floor.samples) if f[0] > 0]
        cpu_ratios = [s[1] / f[1] for s, f in zip(cfg.samples, floor.samples) if f[1] > 0]
        files = sorted({c[0] for c in cfg.counts}, key=str)
        findings = sorted({c[1] for c in cfg.counts}, key=str)
        threads = cfg.threads if cfg.threads != "default" else "default (%d)" % cores
        print("| %s | %s | %.2f | %.2f | %.0f | %s | %s | %s | %s |" % (
            cfg.tool, threads, median([s[0] for s in cfg.samples]), median([s[1] for s in cfg.samples]),
            max(s[2] for s in cfg.samples) / 1024, "1.00x" if cfg.tool == "floor" else fmt_ratio(wall_ratios),
            "1.00x" if cfg.tool == "floor" else fmt_ratio(cpu_ratios), "/".join(map(str, files)),
            "/".join("-" if f is None else str(f) for f in findings)))
    print()
    notes = []
    for cfg in configs:
        note = "%s: %s" % (cfg.tool, cfg.counts[-1][2])
        if cfg.counts[-1][2] and note not in notes:
            notes.append(note)
    if notes:
        print("Notes: " + "; ".join(notes) + ".")
        print()
    print("Versions: " + "; ".join("%s %s" % kv for kv in versions.items()) + ".")


if __name__ == "__main__":
    main()
