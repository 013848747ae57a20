#pragma once
// Turns one parsed translation unit into CppFacts: the functions, loops and database-relevant calls of its main
// file, with the CFG verdicts for acquired handles and open transactions.
#include <clang/AST/ASTContext.h>

#include "cpp/library_model.h"
#include "facts/cpp_facts.h"

namespace connlint::cpp {

// `out.path` is set by the caller; everything else is filled in here. Functions declared under `project_root`
// (absolute, real path) are the project's: calls to them are followed across translation units.
void extract_facts(clang::ASTContext& context, const LibraryModel& model, const std::string& project_root,
                   facts::CppFacts& out);

}  // namespace connlint::cpp
