// The C/C++ front end through the real binary: where compile commands come from (-p, compile_commands.json found in
// . and build/, compile_flags.txt, `--`), Clang's resource directory, units that do not compile, flags Clang does not
// know, progress only on a terminal, one report for TypeScript and C++ together, and determinism across threads.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/run.h"

using namespace connlint::testing;
using nlohmann::json;

namespace {

// A query in a loop (one finding of query-in-loop) using libpq from the Debian package.
constexpr const char* kQueryInLoop =
    "#include <libpq-fe.h>\n"
    "#include <string>\n"
    "#include <vector>\n"
    "void touch(PGconn* conn, const std::vector<std::string>& ids) {\n"
    "  for (const auto& id : ids) {\n"
    "    const char* params[1] = {id.c_str()};\n"
    "    PQclear(PQexecParams(conn, \"update t set at = now() where id = $1\", 1, nullptr, params, nullptr, nullptr, "
    "0));\n"
    "  }\n"
    "}\n";

json findings_of(const RunResult& r) {
  json doc = json::parse(r.out, nullptr, false);
  return doc.is_object() && doc.contains("findings") ? doc["findings"] : json::array();
}

std::string compile_commands(const std::filesystem::path& dir, const std::vector<std::string>& files,
                             const std::string& flags) {
  json db = json::array();
  for (const auto& f : files)
    db.push_back({{"directory", dir.string()},
                  {"command", "/usr/bin/c++ " + flags + " -c " + (dir / f).string() + " -o " + f + ".o"},
                  {"file", (dir / f).string()}});
  return db.dump(2);
}

}  // namespace

TEST(CppFrontEnd, CompileCommandsFromBuildDirectory) {
  auto dir = temp_dir("cpp-p");
  write_file(dir / "src/db.cpp", kQueryInLoop);
  write_file(dir / "out/compile_commands.json",
             compile_commands(dir, {"src/db.cpp"}, "-std=c++17 -I/usr/include/postgresql -O2 -Wall -Werror"));
  auto r = run_connlint("check -p out -f json", dir);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  auto f = findings_of(r);
  ASSERT_EQ(f.size(), 1u) << r.out << r.err;
  EXPECT_EQ(f[0]["rule"], "query-in-loop");
  EXPECT_EQ(f[0]["location"]["path"], "src/db.cpp");
  EXPECT_EQ(f[0]["location"]["line"], 7);
  EXPECT_EQ(r.err.find("notice"), std::string::npos) << r.err;
}

TEST(CppFrontEnd, CompileCommandsAutoDetectedInBuild) {
  auto dir = temp_dir("cpp-auto");
  write_file(dir / "src/db.cpp", kQueryInLoop);
  write_file(dir / "build/compile_commands.json",
             compile_commands(dir, {"src/db.cpp"}, "-std=c++17 -I/usr/include/postgresql"));
  auto r = run_connlint("check -f json", dir);
  EXPECT_EQ(findings_of(r).size(), 1u) << r.out << r.err;
}

TEST(CppFrontEnd, BuildDirectoryWithoutDatabaseIsAUsageError) {
  auto dir = temp_dir("cpp-nodb");
  write_file(dir / "a.cpp", "int main() {}\n");
  std::filesystem::create_directories(dir / "empty");
  auto r = run_connlint("check -p empty", dir);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("no compile_commands.json"), std::string::npos) << r.err;
}

TEST(CppFrontEnd, CompilerArgumentsAfterDoubleDash) {
  auto dir = temp_dir("cpp-dashdash");
  write_file(dir / "db.cpp", kQueryInLoop);
  auto with = run_connlint("check db.cpp -f json -- -std=c++17 -I/usr/include/postgresql", dir);
  EXPECT_EQ(findings_of(with).size(), 1u) << with.out << with.err;
  EXPECT_EQ(with.err.find("notice"), std::string::npos) << with.err;
  // Without them (and without a database) the unit is compiled with default flags: libpq-fe.h is not found, a
  // notice says so, and whatever Clang recovered is still analysed.
  auto without = run_connlint("check db.cpp -f json", dir);
  EXPECT_NE(without.err.find("no compile command"), std::string::npos) << without.err;
  EXPECT_NE(without.err.find("libpq-fe.h' file not found"), std::string::npos) << without.err;
  EXPECT_NE(without.err.find("analysed as far as Clang recovered"), std::string::npos) << without.err;
}

TEST(CppFrontEnd, CompileFlagsTxtBesideTheFile) {
  auto dir = temp_dir("cpp-flags");
  write_file(dir / "svc/compile_flags.txt", "-std=c++17\n-I/usr/include/postgresql\n");
  write_file(dir / "svc/db.cpp", kQueryInLoop);
  auto r = run_connlint("check svc -f json", dir);
  EXPECT_EQ(findings_of(r).size(), 1u) << r.out << r.err;
}

// A unit that does not compile never stops the run: the others are analysed, and so is what Clang recovered.
TEST(CppFrontEnd, BrokenUnitIsAnalysedAsFarAsClangRecovered) {
  auto dir = temp_dir("cpp-broken");
  write_file(dir / "compile_flags.txt", "-std=c++17\n-I/usr/include/postgresql\n");
  write_file(dir / "broken.cpp", std::string("#include <no/such/header.h>\n") + kQueryInLoop +
                                     "int later() { return undeclared_function(); }\n");
  write_file(dir / "good.cpp", kQueryInLoop);
  auto r = run_connlint("check . -f json", dir);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  auto f = findings_of(r);
  ASSERT_EQ(f.size(), 2u) << r.out << r.err;
  EXPECT_EQ(f[0]["location"]["path"], "broken.cpp");
  EXPECT_EQ(f[0]["location"]["line"], 8);
  EXPECT_NE(r.err.find("broken.cpp: 2 compile errors (first: broken.cpp:1: 'no/such/header.h' file not found)"),
            std::string::npos)
      << r.err;
}

// GCC-only flags in a GCC build's database are dropped (with a notice) instead of failing the unit.
TEST(CppFrontEnd, FlagsClangDoesNotKnowAreDropped) {
  auto dir = temp_dir("cpp-gccflags");
  write_file(dir / "db.cpp", kQueryInLoop);
  write_file(dir / "compile_commands.json",
             compile_commands(dir, {"db.cpp"}, "-std=c++17 -I/usr/include/postgresql -fno-such-gcc-option"));
  auto r = run_connlint("check . -f json", dir);
  EXPECT_EQ(findings_of(r).size(), 1u) << r.out << r.err;
  EXPECT_NE(r.err.find("ignored compiler flags Clang does not know: -fno-such-gcc-option"), std::string::npos) << r.err;
}

// Builtin headers come from the resource directory baked in at configure time, wherever the binary is, and
// --resource-dir replaces it.
TEST(CppFrontEnd, ResourceDirectoryIsBakedInAndOverridable) {
  auto dir = temp_dir("cpp-resource");
  write_file(dir / "compile_flags.txt", "-std=c++17\n");
  write_file(dir / "a.cpp", "#include <stddef.h>\n#include <stdarg.h>\nsize_t n(va_list) { return 0; }\n");
  std::filesystem::copy_file(connlint_binary(), dir / "connlint-copy");
  std::string copy = shell_quote((dir / "connlint-copy").string());
  int status =
      std::system(("cd " + shell_quote(dir.string()) + " && " + copy + " check a.cpp > out.txt 2> err.txt").c_str());
  EXPECT_EQ(WEXITSTATUS(status), 0) << read_file(dir / "err.txt");
  EXPECT_EQ(read_file(dir / "err.txt").find("compile error"), std::string::npos) << read_file(dir / "err.txt");
  // --resource-dir is passed to Clang: a header only in that directory's include/ is found with it, not without.
  write_file(dir / "res/include/connlint_marker.h", "#define CONNLINT_MARKER 1\n");
  write_file(dir / "b.cpp", "#include <connlint_marker.h>\nint x = CONNLINT_MARKER;\n");
  auto with = run_connlint("check b.cpp --resource-dir " + shell_quote((dir / "res").string()), dir);
  EXPECT_EQ(with.err.find("compile error"), std::string::npos) << with.err;
  auto without = run_connlint("check b.cpp", dir);
  EXPECT_NE(without.err.find("'connlint_marker.h' file not found"), std::string::npos) << without.err;
}

// Progress lines (`[1/2] a.cpp`) are for terminals: nothing of the kind when standard error is a file or a pipe.
TEST(CppFrontEnd, ProgressOnlyOnATerminal) {
  auto dir = temp_dir("cpp-progress");
  write_file(dir / "compile_flags.txt", "-std=c++17\n-I/usr/include/postgresql\n");
  write_file(dir / "a.cpp", kQueryInLoop);
  write_file(dir / "b.cpp", kQueryInLoop);
  auto r = run_connlint("check .", dir);
  EXPECT_EQ(r.err.find("[1/2]"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find('\r'), std::string::npos) << r.err;
  // On a terminal (util-linux `script` provides one), each unit is shown as it finishes.
  if (std::system("command -v script >/dev/null 2>&1") != 0) GTEST_SKIP() << "no `script` to provide a terminal";
  std::string cmd = "cd " + shell_quote(dir.string()) + " && script -qec " +
                    shell_quote(shell_quote(connlint_binary()) + " check . -f json >/dev/null") +
                    " /dev/null > tty.txt";
  ASSERT_EQ(std::system(cmd.c_str()) == -1, false);
  std::string tty = read_file(dir / "tty.txt");
  EXPECT_NE(tty.find("[2/2] "), std::string::npos) << tty;
}

// One check covers TypeScript and C++ together; SARIF puts each language in its own run.
TEST(CppFrontEnd, OneReportForTypeScriptAndCpp) {
  auto dir = temp_dir("cpp-mixed");
  write_file(dir / "compile_flags.txt", "-std=c++17\n-I/usr/include/postgresql\n");
  write_file(dir / "native/db.cpp", kQueryInLoop);
  write_file(dir / "web/a.ts",
             "import { PrismaClient } from '@prisma/client'\nconst prisma = new PrismaClient()\n"
             "export async function f(ids: string[]) { for (const id of ids) await prisma.user.findUnique({ where: { "
             "id } }) }\n");
  auto r = run_connlint("check . -f sarif", dir);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  json sarif = json::parse(r.out);
  std::map<std::string, std::size_t> results;
  for (const auto& run : sarif["runs"])
    results[run["automationDetails"]["id"].get<std::string>()] += run["results"].size();
  bool cpp = false, ts = false;
  for (const auto& [id, n] : results) {
    if (id.rfind("connlint/cpp/", 0) == 0 && n == 1) cpp = true;
    if (id.rfind("connlint/ts/", 0) == 0 && n == 1) ts = true;
  }
  EXPECT_TRUE(cpp && ts) << r.out;
}

TEST(CppFrontEnd, OutputIsIdenticalForAnyThreadCount) {
  auto one = run_connlint("check fixtures/cpp -f json -j 1");
  auto two = run_connlint("check fixtures/cpp -f json -j 2");
  EXPECT_EQ(one.out, two.out);
  EXPECT_EQ(one.exit_code, 1);
  EXPECT_GT(findings_of(one).size(), 50u);
}
