// A stand-in for libconnlint-clang.so built by another connlint (tests/unit/clang_module_test.cpp): it has the
// entry point and the current interface version, but another build identity, so the loader must refuse it before
// calling anything in its table (which is empty).
#include "cpp/front_end_api.h"

extern "C" __attribute__((visibility("default"))) const connlint::cpp::FrontEndApi* connlint_clang_front_end() {
  static const connlint::cpp::FrontEndApi api{connlint::cpp::kFrontEndAbiVersion, "connlint 0.0.0, another build",
                                              nullptr, nullptr, nullptr};
  return &api;
}
