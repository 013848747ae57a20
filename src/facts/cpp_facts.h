#pragma once
// CppFacts: what the Clang front end (src/cpp/) extracts from one C/C++ translation unit. Only the code of the
// TU's main file is described, never system headers. Like FileFacts these are plain records, no Clang types: the
// path reasoning that needs Clang's CFG (is a handle released on every path, which calls run while a transaction is
// open, is a loop a bounded retry) happens in the front end and lands here as verdicts, and the C++ rules
// (src/rules/*_cpp.cpp) only read these records and the cross-TU summaries (cpp/project.h).
#include <cstdint>
#include <string>
#include <vector>

#include "core/notice.h"
#include "facts/file_facts.h"

namespace connlint::facts {

using CppFunctionId = std::int32_t;  // index into CppFacts::functions
using CppLoopId = std::int32_t;      // index into CppFacts::loops
using CppCallId = std::int32_t;      // index into CppFacts::calls

// A string literal (SQL, mostly) with where it is; adjacent literals ("a" "b") are one.
struct CppString {
  std::string text;
  Span span;
  std::int32_t arg = -1;  // Local calls: the argument it is written in
};

enum class CppCallKind : std::uint8_t {
  Local,     // a call into a function of the project (see usr): what it does comes from its summary
  Query,     // a catalog query: PQexec, txn.exec, mysql_query, redisCommand, sqlite3_exec, ...
  Connect,   // makes a connection: PQconnectdb, redisConnect, mysql_init, sqlite3_open, pqxx::connection(...)
  Slow,      // slow non-database work: sleep, curl_easy_perform, recv, file I/O (rules/libraries/slow-io-cpp.json)
  Callback,  // a call through a std::function or function-pointer parameter of the enclosing function
};

struct CppCall {
  CppCallKind kind = CppCallKind::Local;
  Span span;            // what a finding underlines: the callee (`PQexec`, `txn.exec`, `new pqxx::connection`)
  std::string callee;   // for messages: "PQexec", "txn.exec", "pqxx::connection", "load_user"
  std::string usr;      // Local: the called function's USR (the key across translation units)
  std::string library;  // Query, Connect: catalog library id
  CppFunctionId function = kNone;  // enclosing function (kNone: a global variable's initializer)
  CppLoopId loop = kNone;  // innermost loop whose every iteration runs this call (bounded retries excluded)
  bool once = false;       // runs once per process: a global or static-local initializer
  bool ends_loop = false;  // its result decides when `loop` stops (`if (PQstatus(c) == CONNECTION_OK) return c;`):
                           // trying candidates until one works
  bool memoised = false;   // Connect: the handle is cached in a global/static (`if (!g_conn) g_conn = ...`)
  std::vector<CppString> sql;  // Query: the string literals of the SQL argument; Local: of every argument (see arg)
  // SQL through the project's own wrappers (`db.exec(sql)` around `PQexec(conn_, sql.c_str())`):
  std::int32_t sql_param = -1;  // Query: the SQL is this parameter of the enclosing function
  std::vector<std::pair<std::int32_t, std::int32_t>> forwards;  // Local: (argument, parameter of the enclosing
                                                                  // function passed straight to it)
};

enum class CppLoopKind : std::uint8_t { For, RangeFor, While, DoWhile, Algorithm };

struct CppLoop {
  CppLoopKind kind = CppLoopKind::For;
  Span header;                // `for (...)`, `while (...)`, `do`, or the algorithm call (`std::for_each`)
  std::string algorithm;      // Algorithm: "std::for_each", "std::transform", ...
  CppFunctionId function = kNone;
  CppLoopId parent = kNone;   // enclosing loop in the same function
};

struct CppFunction {
  std::string usr;
  std::string name;  // qualified, for messages ("Repo::load", "lambda in main")
  Span span;         // the name (or the lambda introducer)
  bool handler = false;  // handles a request: a parameter of an HTTP/RPC framework's request type
  std::string handler_type;  // that parameter's type, for messages
};

// An acquired handle (connection, pool checkout, query result) and whether it is released on every path, decided
// on the function's CFG.
enum class CppHandleRole : std::uint8_t { Connection, Checkout, Result };

enum class CppReleaseVerdict : std::uint8_t {
  Released,      // released (or null) on every path, or ownership passed on (returned, stored, moved to RAII)
  LeaksOnPath,   // some path leaves without releasing: `exit` is where it leaves
  Discarded,     // the handle is never kept: `PQexec(conn, "BEGIN");` as a statement
  WrongDeleter,  // owned by a smart pointer whose deleter is `delete`, not the library's release function
};

struct CppAcquire {
  CppHandleRole role = CppHandleRole::Connection;
  CppReleaseVerdict verdict = CppReleaseVerdict::Released;
  Span span;            // the acquisition (callee span)
  std::string callee;   // "PQconnectdb", "sqlite3_open", "new pqxx::connection"
  std::string library;  // catalog library id
  std::string release;  // what releases it: "PQfinish", "delete"
  std::string variable; // the variable holding it ("" when discarded)
  CppFunctionId function = kNone;
  Span exit;              // LeaksOnPath: the return/throw/break/end of function/overwrite that skips the release
  std::string exit_kind;  // "return", "throw", "break", "continue", "goto", "end of function", "reassignment"
  bool released_elsewhere = false;  // LeaksOnPath: other paths do release it
};

enum class CppTransactionKind : std::uint8_t {
  Object,  // a transaction object (pqxx::work, soci::transaction): open until commit/abort or its destruction
  Sql,     // `BEGIN`/`START TRANSACTION` sent as SQL: open until `COMMIT`/`ROLLBACK`/`END`
  Call,    // an API call (`mysql_autocommit(m, 0)`, `setAutoCommit(false)`): open until commit/rollback
};

struct CppTransaction {
  CppTransactionKind kind = CppTransactionKind::Object;
  Span span;            // the declaration's type (`pqxx::work`) or the `BEGIN` call
  std::string what;     // "pqxx::work", "BEGIN", "mysql_autocommit(..., 0)"
  CppCallId opener = kNone;  // Sql: the call sending BEGIN (a Local call into a wrapper must turn out to query)
  std::string library;
  CppFunctionId function = kNone;
  std::vector<CppCallId> calls;  // calls that run while it is open (on some path), in source order
  std::vector<CppLoopId> loops;  // loops entered while it is open
};

struct CppFacts {
  std::string path;  // the main file, relative to the project root
  bool has_main = false;  // defines `main`: the entry point of a program of its own
  std::vector<CppFunction> functions;
  std::vector<CppLoop> loops;
  std::vector<CppCall> calls;
  std::vector<CppAcquire> acquires;
  std::vector<CppTransaction> transactions;
};

}  // namespace connlint::facts
