// The Clang front end module's entry point (cpp/front_end_api.h): the only symbol libconnlint-clang.so exports.
#include "cpp/front_end_api.h"

#include "cpp/clang_version.h"
#include "cpp/compile_db.h"

namespace connlint::cpp {

namespace {

std::string compile_database_error(const std::filesystem::path& cwd, const std::string& build_dir) {
  if (build_dir.empty()) return "";
  CompileDatabase database({cwd, build_dir, std::nullopt});
  return database.error();
}

}  // namespace

}  // namespace connlint::cpp

extern "C" __attribute__((visibility("default"))) const connlint::cpp::FrontEndApi* connlint_clang_front_end() {
  using namespace connlint::cpp;
  static const std::string build = front_end_build_id();
  static const FrontEndApi api{kFrontEndAbiVersion, build.c_str(), compile_database_error, analyse_translation_units,
                               clang_version};
  return &api;
}
