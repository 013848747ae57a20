#include "index/module_resolver.h"

#include <gtest/gtest.h>

#include "support/run.h"

using connlint::index::ModuleResolver;
using namespace connlint::testing;

TEST(ModuleResolver, RelativeImportsWithImpliedExtensionsAndIndexFiles) {
  auto dir = temp_dir("resolve");
  write_file(dir / "src/lib/db.ts", "");
  write_file(dir / "src/lib/models/index.ts", "");
  write_file(dir / "src/app/page.tsx", "");
  write_file(dir / "src/legacy.js", "");
  ModuleResolver r(dir, dir);
  EXPECT_EQ(r.resolve("src/app/page.tsx", "../lib/db"), "src/lib/db.ts");
  EXPECT_EQ(r.resolve("src/app/page.tsx", "../lib/db.js"), "src/lib/db.ts") << "TS ESM writes .js for .ts";
  EXPECT_EQ(r.resolve("src/app/page.tsx", "../lib/models"), "src/lib/models/index.ts");
  EXPECT_EQ(r.resolve("src/app/page.tsx", "../legacy"), "src/legacy.js");
  EXPECT_EQ(r.resolve("src/app/page.tsx", "../lib/nothing"), std::nullopt);
  EXPECT_EQ(r.resolve("src/app/page.tsx", "@prisma/client"), std::nullopt) << "packages are not project files";
  EXPECT_EQ(r.resolve("src/app/page.tsx", "../../../outside"), std::nullopt);
}

TEST(ModuleResolver, TsconfigPathsBaseUrlAndExtends) {
  auto dir = temp_dir("tsconfig");
  write_file(dir / "tsconfig.base.json",
             "{\n  // shared options\n  \"compilerOptions\": {\n    \"baseUrl\": \".\",\n"
             "    \"paths\": { \"@/*\": [\"./src/*\"], \"~db\": [\"./src/lib/db.ts\"], },\n  },\n}\n");
  write_file(dir / "tsconfig.json", "{ \"extends\": \"./tsconfig.base.json\" /* inherits paths */ }");
  write_file(dir / "src/lib/db.ts", "");
  write_file(dir / "src/utils/index.ts", "");
  write_file(dir / "src/app/route.ts", "");
  ModuleResolver r(dir, dir);
  EXPECT_EQ(r.resolve("src/app/route.ts", "@/lib/db"), "src/lib/db.ts");
  EXPECT_EQ(r.resolve("src/app/route.ts", "~db"), "src/lib/db.ts");
  EXPECT_EQ(r.resolve("src/app/route.ts", "src/utils"), "src/utils/index.ts") << "baseUrl-relative import";
  EXPECT_EQ(r.resolve("src/app/route.ts", "react"), std::nullopt);
}

TEST(ModuleResolver, BrokenTsconfigOnlyLosesAliases) {
  auto dir = temp_dir("broken-tsconfig");
  write_file(dir / "tsconfig.json", "{ \"compilerOptions\": { \"paths\": ");
  write_file(dir / "a.ts", "");
  write_file(dir / "b.ts", "");
  ModuleResolver r(dir, dir);
  EXPECT_EQ(r.resolve("a.ts", "./b"), "b.ts");
  EXPECT_EQ(r.resolve("a.ts", "@/b"), std::nullopt);
}

TEST(ModuleResolver, ResultsAreRelativeToTheBaseDirectory) {
  auto dir = temp_dir("base");
  write_file(dir / "pkg/src/a.ts", "");
  write_file(dir / "pkg/src/b.ts", "");
  ModuleResolver r(dir, dir / "pkg");
  EXPECT_EQ(r.resolve("src/a.ts", "./b"), "src/b.ts");
}
