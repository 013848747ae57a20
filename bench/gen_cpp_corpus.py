#!/usr/bin/env python3
"""Deterministic generator of C++ translation units that use libpq, hiredis and sqlite3.

    python3 bench/gen_cpp_corpus.py --tus 50 --out /tmp/connlint-bench/cpp-50 [--check]

Writes src/*.cpp (about 300 lines each), include/common.h, a compile_commands.json (absolute paths, as CMake
writes it) and connlint-bench-manifest.json (the planted patterns, like the TypeScript generator's).
The code uses the Debian headers (libpq-dev: /usr/include/postgresql/libpq-fe.h, libhiredis-dev:
/usr/include/hiredis/hiredis.h, libsqlite3-dev: /usr/include/sqlite3.h).

Patterns: a query per loop iteration (PQexec/PQexecParams, redisCommand, sqlite3_exec / prepare in the loop),
a connection leaked on an early return (PGconn, redisContext, sqlite3), a PGresult never cleared, a connection
opened per call, and the correct counterparts (RAII wrappers, a batched `= ANY($1)` query, pipelining with
redisAppendCommand, one transaction around the loop).

--check runs `clang++-14 -fsyntax-only` (or $CXX, else g++) on every generated TU through the compile database.
"""
import argparse
import json
import os
import random
import shutil
import subprocess
import sys

TABLES = ["users", "orders", "invoices", "sessions", "events", "products", "accounts", "devices", "jobs",
          "metrics", "tickets", "payments", "shipments", "audit_log", "api_keys", "documents"]
MODULES = ["billing", "inventory", "auth", "telemetry", "scheduler", "ingest", "reporting", "search", "sync",
           "notifier", "gateway", "ledger", "catalog", "exporter", "cleanup", "quota"]

COMMON_H = r'''// Shared declarations for the generated services.
#pragma once

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <libpq-fe.h>
#include <hiredis/hiredis.h>
#include <sqlite3.h>

namespace svc {

struct Config {
  std::string pg_dsn = "postgresql://app@localhost/app";
  std::string redis_host = "127.0.0.1";
  int redis_port = 6379;
  std::string sqlite_path = "/var/lib/app/cache.db";
};

struct PgConnDeleter {
  void operator()(PGconn* c) const noexcept { if (c) PQfinish(c); }
};
struct PgResultDeleter {
  void operator()(PGresult* r) const noexcept { if (r) PQclear(r); }
};
using PgConnPtr = std::unique_ptr<PGconn, PgConnDeleter>;
using PgResultPtr = std::unique_ptr<PGresult, PgResultDeleter>;

struct RedisDeleter {
  void operator()(redisContext* c) const noexcept { if (c) redisFree(c); }
};
using RedisPtr = std::unique_ptr<redisContext, RedisDeleter>;

class DbError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

inline std::string pg_error(PGconn* c) { return c ? PQerrorMessage(c) : "no connection"; }

inline std::string join_ids(const std::vector<std::int64_t>& ids) {
  std::string out = "{";
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (i) out += ',';
    out += std::to_string(ids[i]);
  }
  out += '}';
  return out;
}

}  // namespace svc
'''


class W:
    def __init__(self, path):
        self.path = path
        self.lines = []
        self.ind = 0
        self.marks = []
        self.names = set()

    def l(self, s=""):
        self.lines.append(("  " * self.ind + s) if s else "")

    def open(self, s):
        self.l(s)
        self.ind += 1

    def close(self, s="}"):
        self.ind -= 1
        self.l(s)

    def mark(self, kind, rule, expect, offset=0):
        self.marks.append({"path": self.path, "line": len(self.lines) + 1 + offset, "kind": kind, "rule": rule,
                           "expect": expect})

    def uniq(self, base):
        n, i = base, 2
        while n in self.names:
            n = "%s_%d" % (base, i)
            i += 1
        self.names.add(n)
        return n


class Gen:
    def __init__(self, seed):
        self.rng = random.Random(seed)

    def tu(self, idx):
        r = self.rng
        mod = MODULES[idx % len(MODULES)]
        rnd = idx // len(MODULES)
        name = "%s%s" % (mod, "" if rnd == 0 else "_%d" % (rnd + 1))
        w = W("src/%s.cpp" % name)
        w.l("// %s service: generated for connlint benchmarks (libpq, hiredis, sqlite3)." % name)
        w.l('#include "common.h"')
        w.l("")
        w.l("#include <algorithm>")
        w.l("#include <chrono>")
        w.l("#include <cstdio>")
        w.l("#include <cstdlib>")
        w.l("#include <cstring>")
        w.l("#include <map>")
        w.l("#include <optional>")
        w.l("#include <string>")
        w.l("#include <unordered_map>")
        w.l("#include <vector>")
        w.l("")
        w.l("namespace svc::%s {" % name)
        w.l("")
        w.l("namespace {")
        w.l("[[maybe_unused]] constexpr int kBatch = %d;" % r.choice([100, 250, 500, 1000]))
        w.l("}  // namespace")
        w.l("")
        target = int(max(120, min(900, r.lognormvariate(5.55, 0.45))))
        blocks = [(self.pq_loop, 3), (self.pq_loop_params, 3), (self.pq_batched, 2), (self.pq_leak_early, 2),
                  (self.pq_raii, 2), (self.pq_result_leak, 1), (self.pq_conn_per_call, 1), (self.redis_loop, 2),
                  (self.redis_pipeline, 1), (self.redis_leak, 1), (self.sqlite_loop, 2), (self.sqlite_tx, 1),
                  (self.sqlite_leak, 1), (self.pq_class, 1), (self.plain_logic, 3)]
        while len(w.lines) < target:
            b = r.choices([b for b, _ in blocks], [x for _, x in blocks])[0]
            b(w, r.choice(TABLES))
            w.l("")
        w.l("}  // namespace svc::%s" % name)
        return w

    # ---- libpq
    def pq_loop(self, w, t):
        n = w.uniq("touch_%s" % t)
        w.l("// Marks every row as seen; called from the nightly job.")
        w.open("int %s(PGconn* conn, const std::vector<std::int64_t>& ids) {" % n)
        w.l("int touched = 0;")
        w.open("for (std::int64_t id : ids) {")
        w.l("const std::string sql = \"UPDATE %s SET seen_at = now() WHERE id = \" + std::to_string(id);" % t)
        w.mark("pq-exec-in-loop", "query-in-loop", True)
        w.l("PGresult* res = PQexec(conn, sql.c_str());")
        w.open("if (PQresultStatus(res) != PGRES_COMMAND_OK) {")
        w.l("std::fprintf(stderr, \"%s: %%s\", PQerrorMessage(conn));" % n)
        w.l("PQclear(res);")
        w.l("continue;")
        w.close()
        w.l("touched += std::atoi(PQcmdTuples(res));")
        w.l("PQclear(res);")
        w.close()
        w.l("return touched;")
        w.close()

    def pq_loop_params(self, w, t):
        n = w.uniq("load_%s_names" % t)
        w.open("std::map<std::string, std::string> %s(PGconn* conn, const std::vector<std::string>& keys) {" % n)
        w.l("std::map<std::string, std::string> out;")
        loop = self.rng.choice(["range", "index", "while"])
        if loop == "range":
            w.open("for (const auto& key : keys) {")
        elif loop == "index":
            w.open("for (std::size_t i = 0; i < keys.size(); ++i) {")
            w.l("const std::string& key = keys[i];")
        else:
            w.l("auto it = keys.begin();")
            w.open("while (it != keys.end()) {")
            w.l("const std::string& key = *it++;")
        w.l("const char* params[1] = {key.c_str()};")
        w.mark("pq-execparams-in-loop", "query-in-loop", True)
        w.l("PGresult* res = PQexecParams(conn, \"SELECT name FROM %s WHERE key = $1\", 1, nullptr, params, nullptr, nullptr, 0);" % t)
        w.open("if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) > 0) {")
        w.l("out[key] = PQgetvalue(res, 0, 0);")
        w.close()
        w.l("PQclear(res);")
        w.close()
        w.l("return out;")
        w.close()

    def pq_batched(self, w, t):
        n = w.uniq("load_%s_batched" % t)
        w.l("// One round trip: the ids go as a single array parameter.")
        w.open("std::vector<std::string> %s(PGconn* conn, const std::vector<std::int64_t>& ids) {" % n)
        w.l("std::vector<std::string> names;")
        w.l("const std::string arr = join_ids(ids);")
        w.l("const char* params[1] = {arr.c_str()};")
        w.mark("pq-batched", "query-in-loop", False)
        w.l("PgResultPtr res(PQexecParams(conn, \"SELECT name FROM %s WHERE id = ANY($1::bigint[])\", 1, nullptr, params, nullptr, nullptr, 0));" % t)
        w.l("if (PQresultStatus(res.get()) != PGRES_TUPLES_OK) throw DbError(pg_error(conn));")
        w.l("const int rows = PQntuples(res.get());")
        w.l("names.reserve(static_cast<std::size_t>(rows));")
        w.open("for (int i = 0; i < rows; ++i) {")
        w.l("names.emplace_back(PQgetvalue(res.get(), i, 0));")
        w.close()
        w.l("return names;")
        w.close()

    def pq_leak_early(self, w, t):
        n = w.uniq("count_%s" % t)
        w.open("std::optional<long> %s(const Config& cfg) {" % n)
        w.mark("pgconn-leak-early-return", "missing-disconnect", True)
        w.l("PGconn* conn = PQconnectdb(cfg.pg_dsn.c_str());")
        w.open("if (PQstatus(conn) != CONNECTION_OK) {")
        w.l("std::fprintf(stderr, \"connect failed: %s\", PQerrorMessage(conn));")
        w.l("return std::nullopt;  // conn is leaked: PQfinish is needed even when the connection failed")
        w.close()
        w.l("PGresult* res = PQexec(conn, \"SELECT count(*) FROM %s\");" % t)
        w.open("if (PQresultStatus(res) != PGRES_TUPLES_OK) {")
        w.l("PQclear(res);")
        w.l("return std::nullopt;  // leaked again")
        w.close()
        w.l("const long n = std::strtol(PQgetvalue(res, 0, 0), nullptr, 10);")
        w.l("PQclear(res);")
        w.l("PQfinish(conn);")
        w.l("return n;")
        w.close()

    def pq_raii(self, w, t):
        n = w.uniq("purge_%s" % t)
        w.open("bool %s(const Config& cfg, int days) {" % n)
        w.mark("pgconn-raii", "missing-disconnect", False)
        w.l("PgConnPtr conn(PQconnectdb(cfg.pg_dsn.c_str()));")
        w.l("if (PQstatus(conn.get()) != CONNECTION_OK) return false;")
        w.l("const std::string d = std::to_string(days);")
        w.l("const char* params[1] = {d.c_str()};")
        w.l("PgResultPtr res(PQexecParams(conn.get(), \"DELETE FROM %s WHERE created_at < now() - ($1 || ' days')::interval\", 1, nullptr, params, nullptr, nullptr, 0));" % t)
        w.l("return PQresultStatus(res.get()) == PGRES_COMMAND_OK;")
        w.close()

    def pq_result_leak(self, w, t):
        n = w.uniq("first_%s_id" % t)
        w.open("std::int64_t %s(PGconn* conn) {" % n)
        w.mark("pgresult-leak", "missing-disconnect", True)
        w.l("PGresult* res = PQexec(conn, \"SELECT id FROM %s ORDER BY id LIMIT 1\");" % t)
        w.l("if (PQresultStatus(res) != PGRES_TUPLES_OK || PQntuples(res) == 0) return -1;  // res never cleared")
        w.l("const std::int64_t id = std::strtoll(PQgetvalue(res, 0, 0), nullptr, 10);")
        w.l("PQclear(res);")
        w.l("return id;")
        w.close()

    def pq_conn_per_call(self, w, t):
        n = w.uniq("lookup_%s_owner" % t)
        w.l("// Called once per request: opens a new server connection each time (no pool).")
        w.open("std::string %s(const Config& cfg, std::int64_t id) {" % n)
        w.mark("pgconn-per-call", "per-module-client", True)
        w.l("PgConnPtr conn(PQconnectdb(cfg.pg_dsn.c_str()));")
        w.l("if (PQstatus(conn.get()) != CONNECTION_OK) throw DbError(pg_error(conn.get()));")
        w.l("const std::string s = std::to_string(id);")
        w.l("const char* params[1] = {s.c_str()};")
        w.l("PgResultPtr res(PQexecParams(conn.get(), \"SELECT owner FROM %s WHERE id = $1\", 1, nullptr, params, nullptr, nullptr, 0));" % t)
        w.l("if (PQntuples(res.get()) == 0) return {};")
        w.l("return PQgetvalue(res.get(), 0, 0);")
        w.close()

    def pq_class(self, w, t):
        cls = w.uniq("%sRepository" % "".join(p.capitalize() for p in t.split("_")))
        w.open("class %s {" % cls)
        w.l(" public:")
        w.l("  explicit %s(const Config& cfg) : conn_(PQconnectdb(cfg.pg_dsn.c_str())) {" % cls)
        w.l("    if (PQstatus(conn_) != CONNECTION_OK) throw DbError(pg_error(conn_));")
        w.l("  }")
        w.l("  ~%s() { PQfinish(conn_); }" % cls)
        w.l("  %s(const %s&) = delete;" % (cls, cls))
        w.l("  %s& operator=(const %s&) = delete;" % (cls, cls))
        w.l("")
        w.open("void archive_all(const std::vector<std::int64_t>& ids) {")
        w.open("for (auto id : ids) {")
        w.l("const std::string s = std::to_string(id);")
        w.l("const char* params[1] = {s.c_str()};")
        w.mark("pq-member-in-loop", "query-in-loop", True)
        w.l("PQclear(PQexecParams(conn_, \"UPDATE %s SET archived = true WHERE id = $1\", 1, nullptr, params, nullptr, nullptr, 0));" % t)
        w.close()
        w.close()
        w.l("")
        w.l(" private:")
        w.l("  PGconn* conn_;")
        w.close("};")

    # ---- hiredis
    def redis_loop(self, w, t):
        n = w.uniq("warm_%s_cache" % t)
        w.open("std::size_t %s(redisContext* ctx, const std::vector<std::string>& keys) {" % n)
        w.l("std::size_t hits = 0;")
        w.open("for (const auto& key : keys) {")
        w.mark("redis-command-in-loop", "query-in-loop", True)
        w.l("auto* reply = static_cast<redisReply*>(redisCommand(ctx, \"GET %s:%%s\", key.c_str()));" % t)
        w.l("if (reply == nullptr) break;")
        w.l("if (reply->type == REDIS_REPLY_STRING) ++hits;")
        w.l("freeReplyObject(reply);")
        w.close()
        w.l("return hits;")
        w.close()

    def redis_pipeline(self, w, t):
        n = w.uniq("warm_%s_pipelined" % t)
        w.l("// Pipelined: all commands are written first, then the replies are read.")
        w.open("std::size_t %s(redisContext* ctx, const std::vector<std::string>& keys) {" % n)
        w.open("for (const auto& key : keys) {")
        w.mark("redis-pipelined", "query-in-loop", False)
        w.l("redisAppendCommand(ctx, \"GET %s:%%s\", key.c_str());" % t)
        w.close()
        w.l("std::size_t hits = 0;")
        w.open("for (std::size_t i = 0; i < keys.size(); ++i) {")
        w.l("void* raw = nullptr;")
        w.l("if (redisGetReply(ctx, &raw) != REDIS_OK) break;")
        w.l("auto* reply = static_cast<redisReply*>(raw);")
        w.l("if (reply->type == REDIS_REPLY_STRING) ++hits;")
        w.l("freeReplyObject(reply);")
        w.close()
        w.l("return hits;")
        w.close()

    def redis_leak(self, w, t):
        n = w.uniq("bump_%s_counter" % t)
        w.open("bool %s(const Config& cfg, const std::string& key) {" % n)
        w.mark("redis-leak-early-return", "missing-disconnect", True)
        w.l("redisContext* ctx = redisConnect(cfg.redis_host.c_str(), cfg.redis_port);")
        w.l("if (ctx == nullptr) return false;")
        w.l("if (ctx->err) return false;  // ctx leaked: redisFree is needed")
        w.l("auto* reply = static_cast<redisReply*>(redisCommand(ctx, \"INCR %s:%%s\", key.c_str()));" % t)
        w.l("const bool ok = reply != nullptr && reply->type == REDIS_REPLY_INTEGER;")
        w.l("if (reply) freeReplyObject(reply);")
        w.l("redisFree(ctx);")
        w.l("return ok;")
        w.close()

    # ---- sqlite3
    def sqlite_loop(self, w, t):
        n = w.uniq("record_%s" % t)
        w.open("int %s(sqlite3* db, const std::vector<std::pair<std::string, double>>& samples) {" % n)
        w.l("int failures = 0;")
        w.open("for (const auto& [name, value] : samples) {")
        w.l("sqlite3_stmt* stmt = nullptr;")
        w.mark("sqlite-prepare-in-loop", "query-in-loop", True)
        w.l("if (sqlite3_prepare_v2(db, \"INSERT INTO %s(name, value) VALUES(?, ?)\", -1, &stmt, nullptr) != SQLITE_OK) {" % t)
        w.l("  ++failures;")
        w.l("  continue;")
        w.l("}")
        w.l("sqlite3_bind_text(stmt, 1, name.c_str(), -1, SQLITE_TRANSIENT);")
        w.l("sqlite3_bind_double(stmt, 2, value);")
        w.l("if (sqlite3_step(stmt) != SQLITE_DONE) ++failures;")
        w.l("sqlite3_finalize(stmt);")
        w.close()
        w.l("return failures;")
        w.close()

    def sqlite_tx(self, w, t):
        n = w.uniq("record_%s_in_tx" % t)
        w.l("// One transaction and one prepared statement for the whole batch.")
        w.open("bool %s(sqlite3* db, const std::vector<std::pair<std::string, double>>& samples) {" % n)
        w.l("char* err = nullptr;")
        w.l("if (sqlite3_exec(db, \"BEGIN\", nullptr, nullptr, &err) != SQLITE_OK) { sqlite3_free(err); return false; }")
        w.l("sqlite3_stmt* stmt = nullptr;")
        w.l("sqlite3_prepare_v2(db, \"INSERT INTO %s(name, value) VALUES(?, ?)\", -1, &stmt, nullptr);" % t)
        w.open("for (const auto& [name, value] : samples) {")
        w.l("sqlite3_bind_text(stmt, 1, name.c_str(), -1, SQLITE_TRANSIENT);")
        w.l("sqlite3_bind_double(stmt, 2, value);")
        w.mark("sqlite-step-in-tx", "query-in-loop", False)
        w.l("sqlite3_step(stmt);")
        w.l("sqlite3_reset(stmt);")
        w.close()
        w.l("sqlite3_finalize(stmt);")
        w.l("return sqlite3_exec(db, \"COMMIT\", nullptr, nullptr, nullptr) == SQLITE_OK;")
        w.close()

    def sqlite_leak(self, w, t):
        n = w.uniq("read_%s_setting" % t)
        w.open("std::string %s(const Config& cfg, const std::string& key) {" % n)
        w.l("sqlite3* db = nullptr;")
        w.mark("sqlite-leak-early-return", "missing-disconnect", True)
        w.l("if (sqlite3_open(cfg.sqlite_path.c_str(), &db) != SQLITE_OK) return {};  // db handle leaked")
        w.l("sqlite3_stmt* stmt = nullptr;")
        w.open("if (sqlite3_prepare_v2(db, \"SELECT value FROM %s WHERE key = ?\", -1, &stmt, nullptr) != SQLITE_OK) {" % t)
        w.l("return {};  // leaked")
        w.close()
        w.l("sqlite3_bind_text(stmt, 1, key.c_str(), -1, SQLITE_TRANSIENT);")
        w.l("std::string value;")
        w.l("if (sqlite3_step(stmt) == SQLITE_ROW) value = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));")
        w.l("sqlite3_finalize(stmt);")
        w.l("sqlite3_close(db);")
        w.l("return value;")
        w.close()

    # ---- plain
    def plain_logic(self, w, t):
        n = w.uniq("summarize_%s" % t)
        w.l("struct %sStats {" % "".join(p.capitalize() for p in n.split("_")))
        w.l("  double mean = 0;")
        w.l("  double p95 = 0;")
        w.l("  std::size_t count = 0;")
        w.l("};")
        w.l("")
        w.open("%sStats %s(std::vector<double> values) {" % ("".join(p.capitalize() for p in n.split("_")), n))
        w.l("%sStats s;" % "".join(p.capitalize() for p in n.split("_")))
        w.l("if (values.empty()) return s;")
        w.l("std::sort(values.begin(), values.end());")
        w.l("double sum = 0;")
        w.l("for (double v : values) sum += v;")
        w.l("s.count = values.size();")
        w.l("s.mean = sum / static_cast<double>(values.size());")
        w.l("s.p95 = values[std::min(values.size() - 1, static_cast<std::size_t>(values.size() * 0.95))];")
        w.l("return s;")
        w.close()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--tus", type=int, default=50, help="number of translation units (default 50)")
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=20240601)
    ap.add_argument("--force", action="store_true", help="write even if --out is not empty")
    ap.add_argument("--check", action="store_true", help="syntax-check every TU with clang++-14 (or $CXX, g++)")
    a = ap.parse_args()
    if os.path.isdir(a.out) and os.listdir(a.out) and not a.force:
        sys.exit("%s is not empty (use --force)" % a.out)
    out = os.path.abspath(a.out)
    os.makedirs(os.path.join(out, "src"), exist_ok=True)
    os.makedirs(os.path.join(out, "include"), exist_ok=True)
    with open(os.path.join(out, "include", "common.h"), "w") as fh:
        fh.write(COMMON_H)
    g = Gen(a.seed)
    marks, db, lines = [], [], COMMON_H.count("\n")
    for i in range(a.tus):
        w = g.tu(i)
        text = "\n".join(w.lines) + "\n"
        lines += text.count("\n")
        with open(os.path.join(out, w.path), "w") as fh:
            fh.write(text)
        marks.extend(w.marks)
        f = os.path.join(out, w.path)
        db.append({"directory": out,
                   "arguments": ["/usr/bin/c++", "-std=c++17", "-I" + os.path.join(out, "include"),
                                 "-I/usr/include/postgresql", "-O2", "-c", f, "-o",
                                 os.path.join(out, "build", w.path[4:] + ".o")],
                   "file": f})
    with open(os.path.join(out, "compile_commands.json"), "w") as fh:
        json.dump(db, fh, indent=2)
        fh.write("\n")
    with open(os.path.join(out, "connlint-bench-manifest.json"), "w") as fh:
        json.dump({"seed": a.seed, "tus": a.tus, "lines": lines, "marks": marks}, fh, indent=1)
        fh.write("\n")
    print("wrote %d translation units (+ include/common.h), %d lines, compile_commands.json to %s" % (a.tus, lines, out))
    if a.check:
        cxx = os.environ.get("CXX") or shutil.which("clang++-14") or shutil.which("clang++") or "g++"
        bad = 0
        for entry in db:
            args = [cxx, "-fsyntax-only"] + [x for x in entry["arguments"][1:] if x not in ("-c", "-o", "-O2")
                                             and not x.endswith(".o")]
            p = subprocess.run(args, cwd=entry["directory"], capture_output=True, text=True)
            if p.returncode != 0:
                bad += 1
                sys.stderr.write(p.stderr[:2000])
        print("%s -fsyntax-only: %d/%d translation units OK" % (os.path.basename(cxx), len(db) - bad, len(db)))
        sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
