#pragma once
#include <cstdio>

namespace connlint::lsp {

// `connlint lsp`: a Language Server over stdio. Diagnostics on open/change/save (debounced, computed on a worker
// thread so the editor never waits), related information, links to the rule docs, and a quick fix that inserts
// the suppression comment. Returns the process exit code.
int run_server(std::FILE* in, std::FILE* out);

}  // namespace connlint::lsp
