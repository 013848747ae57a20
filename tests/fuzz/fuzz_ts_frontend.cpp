// libFuzzer target: the TypeScript/JavaScript front end on arbitrary bytes.
//
// The first byte picks the grammar (and so the file name the extractor sees); the rest is the file's content. Each
// input goes the way `connlint check` takes a file: SourceText -> ts::extract_facts_within -> project index and rules.
// The facts are also put through the cache's encoding, which must read back exactly what was written.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "core/source_file.h"
#include "facts/serialize.h"
#include "fuzz_rules.h"
#include "ts/extractor.h"

namespace {

// One path per grammar and module flavour the extractor distinguishes by name (scripts, tests, .mjs/.cjs).
constexpr const char* kPaths[] = {"src/app.ts", "src/view.tsx", "src/app.js",         "src/view.jsx",
                                  "lib/db.mjs", "lib/db.cjs",   "scripts/migrate.ts", "src/db.test.ts"};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string path = kPaths[data[0] % (sizeof kPaths / sizeof *kPaths)];
  connlint::SourceText text(std::string(reinterpret_cast<const char*>(data + 1), size - 1));
  // With a time budget, as the driver extracts (its default is 10 s; 2 s here so that the inputs on which
  // tree-sitter's error recovery crawls cost the fuzzer less, while taking the same give-up path).
  connlint::ts::BudgetedFacts extracted = connlint::ts::extract_facts_within(path, text, std::chrono::seconds(2));
  if (!extracted.facts) return 0;
  connlint::facts::FileFacts facts = std::move(*extracted.facts);

  std::string bytes = connlint::facts::serialize(facts);
  std::string again;
  try {
    again = connlint::facts::serialize(connlint::facts::deserialize(bytes));
  } catch (const connlint::facts::CorruptFacts& e) {
    std::fprintf(stderr, "facts of %s do not read back from the cache encoding: %s\n", path.c_str(), e.what());
    std::abort();
  }
  if (again != bytes) {
    std::fprintf(stderr, "facts of %s change when read back from the cache encoding\n", path.c_str());
    std::abort();
  }

  connlint::fuzz::run_rules(std::move(facts));
  return 0;
}
