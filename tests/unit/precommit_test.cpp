// The pre-commit path: `check --staged` reads the index, not the working tree, and still knows the other
// modules of the package; `install-hook` writes a plain git hook that does that.
#include <gtest/gtest.h>

#include "support/run.h"

using namespace connlint::testing;

namespace {

int sh(const std::string& cmd, const std::filesystem::path& dir) {
  return std::system(("cd " + shell_quote(dir.string()) + " && " + cmd + " >/dev/null 2>&1").c_str());
}

std::filesystem::path repo() {
  auto dir = temp_dir("repo");
  sh("git init -q . && git config user.email t@example.com && git config user.name t", dir);
  write_file(dir / "package.json", "{ \"name\": \"app\" }\n");
  for (const char* name : {"users", "orders", "billing"})
    write_file(dir / "src/routes" / (std::string(name) + ".ts"),
               "import { PrismaClient } from '@prisma/client'\nconst prisma = new PrismaClient()\n"
               "export const handler = () => prisma.user.count()\n");
  write_file(dir / "src/jobs.ts", "export const nothing = 1\n");
  sh("git add -A && git commit -qm init", dir);
  return dir;
}

}  // namespace

TEST(PreCommit, StagedContentNotWorkingTree) {
  auto dir = repo();
  const std::string loop = "import { PrismaClient } from '@prisma/client'\nconst prisma = new PrismaClient()\n"
                           "export async function s(ids: string[]) {\n"
                           "  for (const id of ids) await prisma.user.findUnique({ where: { id } })\n}\n";
  write_file(dir / "src/jobs.ts", loop);
  ASSERT_EQ(sh("git add src/jobs.ts", dir), 0);
  write_file(dir / "src/jobs.ts", "export const fixedInTheWorkTree = 1\n");  // not staged
  auto r = run_connlint("check --staged --format gcc", dir);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.out.find("src/jobs.ts:4:"), std::string::npos) << r.out;
  // The other three modules that build a client are not staged, but they still count.
  EXPECT_NE(r.out.find("src/jobs.ts:2:20: warning: this module builds its own Prisma client, and so do 3 other modules"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(r.out.find("\nsrc/routes/users.ts:2:20: warning"), std::string::npos) << "only staged files are reported";
  EXPECT_NE(r.out.find("src/routes/users.ts:2:20: note: another client"), std::string::npos) << r.out;
}

TEST(PreCommit, NothingStagedIsClean) {
  auto dir = repo();
  EXPECT_EQ(run_connlint("check --staged", dir).exit_code, 0);
}

TEST(PreCommit, InstallHookWritesAWorkingHook) {
  auto dir = repo();
  auto r = run_connlint("install-hook", dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto hook = dir / ".git/hooks/pre-commit";
  ASSERT_TRUE(std::filesystem::exists(hook));
  std::string text = read_file(hook);
  EXPECT_NE(text.find("check --staged"), std::string::npos);
  EXPECT_EQ(run_connlint("install-hook", dir).exit_code, 2) << "an existing hook is not overwritten";
  // The hook blocks a commit with a finding.
  write_file(dir / "src/jobs.ts",
             "import { PrismaClient } from '@prisma/client'\nconst prisma = new PrismaClient()\n"
             "export async function s(ids: string[]) {\n"
             "  for (const id of ids) await prisma.user.findUnique({ where: { id } })\n}\n");
  std::string path_env = "PATH=" + shell_quote(std::filesystem::path(connlint_binary()).parent_path().string()) + ":$PATH ";
  EXPECT_NE(sh(path_env + "git add -A && " + path_env + "git commit -qm bad", dir), 0) << "the hook refused the commit";
  EXPECT_EQ(sh(path_env + "git commit -qm bad --no-verify", dir), 0);
}

TEST(PreCommit, HooksYamlDeclaresASystemHook) {
  std::string yaml = read_file(source_dir() / ".pre-commit-hooks.yaml");
  for (const char* expected : {"id: connlint", "language: system", "require_serial: true", "types_or:", "entry: connlint check"})
    EXPECT_NE(yaml.find(expected), std::string::npos) << expected;
}
