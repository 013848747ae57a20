// client-not-closed: a script or test creates a client and does not close it on every path.
//
// A one-off script that exits without `$disconnect()`/`end()` leaves its sessions on the pooler until they time
// out (incident 3: 5-10 minutes during which the web app could not connect). Closing only at the end of the happy
// path leaks on every error; `main().catch(e => { ...; process.exit(1) }).finally(close)` never reaches the
// finally on error. Long-lived server modules keep their clients for the process lifetime and are not reported.
#include <algorithm>

#include "rules/rule_util.h"

namespace connlint::rules {

namespace {

using index::CallInfo;
using Role = index::ProjectIndex::Role;

constexpr std::string_view kTeardownHooks[] = {"afterAll", "afterEach", "after", "teardown", "globalTeardown"};

class ClientNotClosed final : public Rule {
 public:
  std::string_view id() const override { return "client-not-closed"; }

  void check(const RuleContext& ctx, std::vector<Finding>& out) const override {
    const auto& files = ctx.index.files();
    for (index::FileId f = 0; f < static_cast<index::FileId>(files.size()); ++f) {
      const auto& file = files[f];
      if (!file.reported || file.role == Role::App) continue;
      for (facts::CallId c = 0; c < static_cast<facts::CallId>(file.facts.calls.size()); ++c) {
        const auto& info = ctx.index.call(f, c);
        if (info.kind != CallInfo::Kind::Construct || info.wraps_handle) continue;
        const auto& call = file.facts.calls[c];
        if (call.result == facts::kNone || file.facts.symbols[call.result].escapes) continue;
        check_closed(ctx, f, c, info, out);
      }
    }
  }

 private:
  struct Close {
    facts::CallId call;
    bool all_paths;
    bool on_error_path = false;               // in a catch block or a `.catch(...)` callback
    facts::CallId skipped_by = facts::kNone;  // a process.exit that jumps over it
  };

  void check_closed(const RuleContext& ctx, index::FileId f, facts::CallId made, const CallInfo& info,
                    std::vector<Finding>& out) const {
    const auto& facts = ctx.index.files()[f].facts;
    const auto& construction = facts.calls[made];
    std::vector<Close> closes;
    for (facts::CallId c = 0; c < static_cast<facts::CallId>(facts.calls.size()); ++c) {
      const auto& ci = ctx.index.call(f, c);
      if (ci.kind != CallInfo::Kind::Close || ci.receiver != construction.result) continue;
      closes.push_back(classify_close(ctx, f, c));
    }
    bool test = ctx.index.files()[f].role == Role::Test;  // tests close in teardown hooks (all paths)
    bool closed_on_every_path = false, closed_in_catch = false, closed_plainly = false;
    facts::CallId skipped_by = facts::kNone;
    for (const auto& close : closes) {
      if (close.skipped_by != facts::kNone) skipped_by = close.skipped_by;
      else if (close.all_paths) closed_on_every_path = true;
      else if (close.on_error_path) closed_in_catch = true;
      else closed_plainly = true;
    }
    if (closed_on_every_path || (closed_in_catch && closed_plainly)) return;

    Finding finding = finding_at(id(), ctx.index, f, construction.callee_span, construction.function);
    std::string client = library_name(info.library) + " client";
    std::string close_name = close_method(info);
    const std::string& holder = facts.symbols[construction.result].name;
    if (skipped_by != facts::kNone) {
      finding.message = "this " + client + " is closed in `.finally()`, but the `.catch()` before it calls "
                        "`process.exit()`, so on any error the finally never runs and the connection stays open";
      finding.help = "set `process.exitCode = 1` in the catch instead of calling `process.exit()`";
      finding.related.push_back({ctx.index.location(f, facts.calls[skipped_by].callee_span), "exits here"});
      finding.flow = {{finding.location, "the client is created here"},
                      {ctx.index.location(f, facts.calls[skipped_by].callee_span),
                       "on an error the process exits here, before `.finally()` closes the client"}};
    } else if (closes.empty()) {
      finding.message = std::string("this ") + (test ? "test" : "script") + " creates a " + client +
                        " and never closes it: its connections stay open on the pooler until they time out";
      finding.help = test ? "close it in `afterAll(() => " + holder + "." + close_name + "())`"
                          : "wrap the work in `try { ... } finally { await " + holder + "." + close_name + "() }`";
    } else {
      finding.message = "this " + client + " is closed only when nothing throws: an error skips `" + close_name +
                        "()` and leaves its connections open on the pooler";
      finding.help = "move `" + close_name + "()` into a `finally` block (or `.finally(...)`)";
      finding.related.push_back({ctx.index.location(f, facts.calls[closes.front().call].callee_span),
                                 "closed only on the success path"});
      finding.flow = {{finding.location, "the client is created here"},
                      {ctx.index.location(f, facts.calls[closes.front().call].callee_span),
                       "an error thrown before this line skips the close"}};
    }
    out.push_back(std::move(finding));
  }

  static std::string close_method(const CallInfo& info) {
    const auto& kind = info.library->handles.at(info.handle_kind);
    return kind.close.empty() ? "close" : kind.close.front();
  }

  // Is a close on every path: in a `finally` block, in a `.finally(...)` callback, or in a test teardown hook?
  Close classify_close(const RuleContext& ctx, index::FileId f, facts::CallId c) const {
    const auto& facts = ctx.index.files()[f].facts;
    Close close{c, facts.calls[c].in_finally, facts.calls[c].in_catch};
    for (facts::FunctionId fn = facts.calls[c].function; fn != facts::kNone && !close.all_paths;
         fn = facts.functions[fn].parent) {
      const auto& func = facts.functions[fn];
      if (func.argument_of == facts::kNone) continue;
      const auto& outer = facts.calls[func.argument_of];
      if (outer.in_finally) close.all_paths = true;
      if (outer.in_catch || (!outer.callee.steps.empty() && outer.callee.steps.back() == "catch"))
        close.on_error_path = true;
      // Test teardown hooks, global or imported (`import { afterAll } from 'vitest'`).
      std::string hook = outer.callee.symbol != facts::kNone ? facts.symbols[outer.callee.symbol].name
                                                             : outer.callee.global();
      if (outer.callee.steps.empty() &&
          std::find(std::begin(kTeardownHooks), std::end(kTeardownHooks), hook) != std::end(kTeardownHooks))
        close.all_paths = true;
      if (!outer.callee.steps.empty() && outer.callee.steps.back() == "finally") {
        close.all_paths = true;
        close.skipped_by = exit_in_catch_before(facts, func.argument_of);
        if (close.skipped_by != facts::kNone) close.all_paths = false;
      }
    }
    return close;
  }

  // `x.catch(e => { ...; process.exit(1) }).finally(...)`: the process.exit call in that catch, if any.
  static facts::CallId exit_in_catch_before(const facts::FileFacts& facts, facts::CallId finally_call) {
    const auto& steps = facts.calls[finally_call].callee.steps;
    for (facts::CallId c = 0; c < static_cast<facts::CallId>(facts.calls.size()); ++c) {
      const auto& call = facts.calls[c];
      const auto& s = call.callee.steps;
      if (s.empty() || s.back() != "catch" || s.size() >= steps.size()) continue;
      if (call.callee.symbol != facts.calls[finally_call].callee.symbol ||
          call.callee.global() != facts.calls[finally_call].callee.global() ||
          !std::equal(s.begin(), s.end(), steps.begin()))
        continue;
      facts::FunctionId handler = function_argument(call, 0);
      for (facts::CallId e = 0; e < static_cast<facts::CallId>(facts.calls.size()); ++e) {
        const auto& exit = facts.calls[e];
        if (exit.callee.global() == "process" && exit.callee.steps.size() == 1 && exit.callee.steps[0] == "exit" &&
            exit.function == handler && handler != facts::kNone)
          return e;
      }
    }
    return facts::kNone;
  }
};

}  // namespace

std::unique_ptr<Rule> make_client_not_closed() { return std::make_unique<ClientNotClosed>(); }

}  // namespace connlint::rules
