#pragma once
// Helpers several rules share: recognising request handlers, transaction bodies and globally cached clients.
#include <string>

#include "rules/rule.h"

namespace connlint::rules {

// Does `fn` handle a request: a Next.js route handler (`export async function GET` in app/**/route.ts), a pages
// API handler, an Express/Fastify/Koa/Hono route callback, or a NestJS controller method (`@Get()`)?
bool is_request_handler(const index::ProjectIndex& index, index::FileId file, facts::FunctionId fn);
// A lexical over-approximation of the above, for a file not parsed yet (driver/prefilter.h): can any function of
// this file be a request handler or a serverless entry point?
bool may_define_request_handler(std::string_view path, std::string_view text);

// Does code written in `fn` run as part of `body` (its own statements, or a callback it runs inline)?
bool runs_inside(const index::ProjectIndex& index, index::FileId file, facts::FunctionId fn, facts::FunctionId body);

// Is this construction kept on the global object (the `globalThis` singleton that survives hot reloads)?
bool cached_on_global(const index::ProjectIndex& index, index::FileId file, const facts::Call& call);

// The function passed to a call as its first function argument at or after `from` (kNone if none).
facts::FunctionId function_argument(const facts::Call& call, int from);

// An interactive transaction: the call that opens it and the callback that runs inside it.
struct TransactionSite {
  index::FileId file;
  facts::CallId call;
  facts::FunctionId body;
};
// Every interactive transaction in reported files.
std::vector<TransactionSite> interactive_transactions(const index::ProjectIndex& index);

// `name` of a library for messages: "Prisma", "node-postgres".
std::string library_name(const Library* library);

// A finding with the rule id, primary location and enclosing function filled in.
Finding finding_at(std::string_view rule, const index::ProjectIndex& index, index::FileId file,
                   const facts::Span& span, facts::FunctionId function);

}  // namespace connlint::rules
