// libFuzzer target: the baseline loader (--baseline FILE) on arbitrary bytes.
//
// Baseline::load reads a file, so each input is written to one scratch file first. A malformed file must end in
// ConfigError; a valid one is then queried the way the driver does, consuming every entry it holds.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "core/baseline.h"
#include "core/config.h"

namespace {

namespace fs = std::filesystem;

fs::path scratch_file() {
  std::string templ = (fs::temp_directory_path() / "connlint-fuzz-baseline-XXXXXX").string();
  if (!mkdtemp(templ.data())) {
    std::perror("mkdtemp");
    std::abort();
  }
  return fs::path(templ) / "connlint-baseline.json";
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const fs::path file = scratch_file();
  std::FILE* f = std::fopen(file.c_str(), "wb");
  if (!f || std::fwrite(data, 1, size, f) != size || std::fclose(f) != 0) {
    std::perror("writing the scratch baseline");
    std::abort();
  }
  try {
    connlint::Baseline baseline = connlint::Baseline::load(file);
    // Keys the fuzzer can reach with short strings, plus the normaliser on the input itself.
    std::string text(reinterpret_cast<const char*>(data), size);
    connlint::BaselineKey key{"query-in-loop", "src/a.ts", "", connlint::normalised_code(text)};
    for (int i = 0; i < 4 && baseline.consume(key); ++i) {
    }
  } catch (const connlint::ConfigError& e) {
    (void)e.describe();
  }
  return 0;
}
