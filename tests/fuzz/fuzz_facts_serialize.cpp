// libFuzzer target: the facts cache's decoder (facts/serialize.h) on arbitrary bytes.
//
// The cache is read from disk (.connlint-cache/, or shards from another machine), so its decoder must reject any
// corruption with CorruptFacts, never crash or allocate without bound. What it accepts must round-trip: encoding it
// and decoding that again gives the same facts (compared through their encoding), and the rules run on it safely,
// as they would on a cache hit.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "facts/serialize.h"
#include "fuzz_rules.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace facts = connlint::facts;
  facts::FileFacts decoded;
  try {
    decoded = facts::deserialize(std::string_view(reinterpret_cast<const char*>(data), size));
  } catch (const facts::CorruptFacts&) {
    return 0;
  }
  std::string bytes = facts::serialize(decoded);
  std::string again;
  try {
    again = facts::serialize(facts::deserialize(bytes));
  } catch (const facts::CorruptFacts& e) {
    std::fprintf(stderr, "accepted facts do not read back after re-encoding: %s\n", e.what());
    std::abort();
  }
  if (again != bytes) {
    std::fprintf(stderr, "accepted facts change when re-encoded and read back\n");
    std::abort();
  }
  connlint::fuzz::run_rules(std::move(decoded));
  return 0;
}
