// The rows of docs/robustness.md that bad_input_test.cpp does not cover, through the real binary: deep and wide
// generated inputs, the per-file time budget, unreadable files and directories, symlink loops, files deleted during
// a run, broken compilation databases and configuration, a full disk and an interrupt while writing --output.
// Big inputs are generated here, in a temporary directory, never committed.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/inotify.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "support/run.h"

extern char** environ;

using namespace connlint::testing;
namespace fs = std::filesystem;

namespace {

const char* kQueryInLoop =
    "import { PrismaClient } from '@prisma/client'\n"
    "const prisma = new PrismaClient()\n"
    "export async function run(ids: string[]) {\n"
    "  for (const id of ids) {\n"
    "    await prisma.user.findUnique({ where: { id } })\n"
    "  }\n"
    "}\n";

std::string repeat(const std::string& s, std::size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

std::map<std::string, std::string> notices_of(const RunResult& r) {
  std::map<std::string, std::string> out;
  auto doc = nlohmann::json::parse(r.out, nullptr, false);
  if (!doc.is_object()) return out;
  for (const auto& n : doc["notices"]) out[n["path"].get<std::string>()] += n["message"].get<std::string>();
  return out;
}

std::set<std::string> finding_paths(const RunResult& r) {
  std::set<std::string> out;
  auto doc = nlohmann::json::parse(r.out, nullptr, false);
  if (!doc.is_object()) return out;
  for (const auto& f : doc["findings"]) out.insert(f["location"]["path"].get<std::string>());
  return out;
}

// Names in `dir` that look like a temporary file of write_file_atomically.
std::vector<std::string> temp_files_in(const fs::path& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.path().filename().string().find(".connlint-") != std::string::npos) out.push_back(e.path().string());
  return out;
}

// Starts connlint without a shell (so that signals reach it), stdout and stderr to files in `dir`.
pid_t spawn_connlint(const std::vector<std::string>& args, const fs::path& cwd, const fs::path& dir) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, (dir / "out").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, 2, (dir / "err").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());
  std::string binary = connlint_binary();
  std::vector<char*> argv{binary.data()};
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid = -1;
  EXPECT_EQ(posix_spawn(&pid, binary.c_str(), &actions, nullptr, argv.data(), environ), 0);
  posix_spawn_file_actions_destroy(&actions);
  return pid;
}

}  // namespace

// 100,000 unclosed brackets, `a=a=...` and `new new ...` make tree-sitter 0.20.7 build an ERROR node with more than
// 65535 children, whose release used to abort the process; member and call chains that deep used to overflow the
// stack in the extractor. Every file gets analysed or a notice, and the good file's finding is still made.
TEST(Robustness, DeepAndWideGeneratedInputsDoNotCrash) {
  auto dir = temp_dir("deep-wide");
  // Each file imports a database library, so that the import pre-pass sends it to the parser.
  const std::string kUsesDb = "import { Pool } from 'pg';\n";
  const std::size_t n = 100000;
  write_file(dir / "good.ts", kQueryInLoop);
  write_file(dir / "unclosed_parens.ts", kUsesDb + "export const x = " + std::string(n, '(') + "\n");
  write_file(dir / "unclosed_if.js", kUsesDb + repeat("if(a){", n) + "\n");
  write_file(dir / "assign_chain.ts", kUsesDb + repeat("a=", n) + "\n");
  write_file(dir / "new_chain.ts", kUsesDb + "x = " + repeat("new ", n) + "\n");
  write_file(dir / "member_chain.ts", kUsesDb + "export const m = a" + repeat(".b", n) + "\n");
  write_file(dir / "call_chain.ts", kUsesDb + "export const c = f" + repeat("(1)", n) + "\n");
  write_file(dir / "deep_pattern.ts", kUsesDb + "const " + std::string(20000, '[') + "x" + std::string(20000, ']') + " = y\n");
  write_file(dir / "wide_array.ts", kUsesDb + "export const data = [" + repeat("1,", n) + "]\n");
  write_file(dir / "many_statements.js", kUsesDb + repeat("f(1);\n", n));
  auto started = std::chrono::steady_clock::now();
  auto r = run_connlint("check . --no-cache --format json", dir);
  auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  ASSERT_EQ(r.exit_code, 1) << r.err.substr(0, 2000);
  EXPECT_EQ(finding_paths(r), std::set<std::string>{"good.ts"});
  auto notices = notices_of(r);
  EXPECT_NE(notices["unclosed_parens.ts"].find("syntax errors"), std::string::npos) << notices["unclosed_parens.ts"];
  EXPECT_NE(notices["member_chain.ts"].find("nesting deeper than"), std::string::npos) << notices["member_chain.ts"];
  EXPECT_LT(seconds, 60) << "quadratic walks over 100,000 children are gone";
}

// --file-timeout: a file over budget is skipped with a notice naming the budget; the others are still analysed and a
// skipped file alone does not fail the run. 0 turns the budget off.
TEST(Robustness, FileOverTheTimeBudgetIsSkippedWithANotice) {
  auto dir = temp_dir("budget");
  write_file(dir / "good.ts", kQueryInLoop);
  // `i<n` is ambiguous in TypeScript (a comparison or type arguments): tree-sitter needs about a second for this.
  write_file(dir / "slow.ts", "import { Pool } from 'pg';\n" + repeat("i<n;", 60000) + "\n");
  auto r = run_connlint("check . --no-cache --format json --file-timeout 0.05", dir);
  ASSERT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(finding_paths(r), std::set<std::string>{"good.ts"});
  EXPECT_NE(notices_of(r)["slow.ts"].find("skipped: parsing took longer than the 0.05 s budget (--file-timeout)"),
            std::string::npos)
      << r.out;
  auto doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["summary"]["filesSkipped"], 1);
  // The same budget from .connlint.json, and a bad value there is a configuration error.
  write_file(dir / ".connlint.json", R"({ "file_timeout": 0.05 })");
  auto from_config = run_connlint("check . --no-cache --format json", dir);
  EXPECT_NE(notices_of(from_config)["slow.ts"].find("0.05 s budget"), std::string::npos) << from_config.err;
  write_file(dir / ".connlint.json", R"({ "file_timeout": "soon" })");
  auto bad = run_connlint("check . --no-cache", dir);
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find(".connlint.json:1:19: \"file_timeout\" must be a number"), std::string::npos) << bad.err;
  EXPECT_EQ(run_connlint("check . --no-cache --no-config --file-timeout soon", dir).exit_code, 2);
  // Without a budget the slow file is analysed.
  auto unlimited = run_connlint("check . --no-cache --no-config --format json --file-timeout 0", dir);
  EXPECT_EQ(notices_of(unlimited).count("slow.ts"), 0u) << unlimited.out;
}

// A 50 MB file is refused by size before it is read; a 10 MB one-line minified bundle (under the 10 MiB default)
// is parsed within the budget or skipped by it -- never a crash or a hang.
TEST(Robustness, FiftyMegabyteFileAndTenMegabyteMinifiedBundle) {
  auto dir = temp_dir("big");
  write_file(dir / "good.ts", kQueryInLoop);
  {
    std::ofstream big(dir / "big.ts", std::ios::binary);
    std::string line = "export const value = 'padding padding padding padding padding padding padding';\n";
    for (std::size_t written = 0; written < 50'000'000; written += line.size()) big << line;
  }
  std::string bundle;
  for (int i = 0; bundle.size() < 10'000'000; ++i) {
    std::string k = std::to_string(i);
    bundle += "function f" + k + "(a,b){for(var c=0;c<a.length;c++)b.push(a[c]+\"" + k + "\");return b}var v" + k +
              "=f" + k + "([1,2],[]);";
  }
  write_file(dir / "bundle.min.js", bundle);
  auto started = std::chrono::steady_clock::now();
  auto r = run_connlint("check . --no-cache --format json --file-timeout 2", dir);
  auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  ASSERT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(finding_paths(r), std::set<std::string>{"good.ts"});
  auto notices = notices_of(r);
  EXPECT_NE(notices["big.ts"].find("over the 10.0 MiB limit (--max-file-size)"), std::string::npos)
      << notices["big.ts"];
  if (notices.count("bundle.min.js"))
    EXPECT_NE(notices["bundle.min.js"].find("2 s budget"), std::string::npos) << notices["bundle.min.js"];
  EXPECT_LT(seconds, 30) << "the budget bounds the bundle";
}

// A NUL byte past the first 8 KiB (the binary check) reaches the parser: it is a syntax error, not a crash.
TEST(Robustness, NulByteLateInTheFileIsASyntaxError) {
  auto dir = temp_dir("nul");
  write_file(dir / "late_nul.ts", std::string(9000, ' ') + std::string("const a = 1\0;\n", 14) + kQueryInLoop);
  auto r = run_connlint("check . --no-cache --format json", dir);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(finding_paths(r), std::set<std::string>{"late_nul.ts"});
}

// chmod 000 does not stop root: the test then drops to `nobody` for the run, or skips.
TEST(Robustness, UnreadableFileAndDirectoryAreNotices) {
  auto dir = temp_dir("unreadable");
  write_file(dir / "good.ts", kQueryInLoop);
  write_file(dir / "locked.ts", kQueryInLoop);
  write_file(dir / "closed/inner.ts", kQueryInLoop);
  fs::permissions(dir / "locked.ts", fs::perms::none);
  fs::permissions(dir / "closed", fs::perms::none);
  std::string prefix;
  if (::geteuid() == 0) {
    if (std::system("command -v setpriv >/dev/null 2>&1") != 0) GTEST_SKIP() << "root reads anything; setpriv missing";
    // The directory must be reachable by `nobody`; the files keep their modes.
    fs::permissions(dir, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec | fs::perms::others_read |
                             fs::perms::others_exec);
    prefix = "setpriv --reuid=65534 --regid=65534 --clear-groups ";
  }
  std::string cmd = "cd " + shell_quote(dir.string()) + " && " + prefix + shell_quote(connlint_binary()) +
                    " check . --no-cache --format json >" + shell_quote((dir / "../unreadable.out").string()) + " 2>" +
                    shell_quote((dir / "../unreadable.err").string());
  int status = std::system(cmd.c_str());
  RunResult r{WIFEXITED(status) ? WEXITSTATUS(status) : -1, read_file(dir / "../unreadable.out"),
              read_file(dir / "../unreadable.err")};
  fs::permissions(dir / "locked.ts", fs::perms::owner_all);
  fs::permissions(dir / "closed", fs::perms::owner_all);
  ASSERT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(finding_paths(r), std::set<std::string>{"good.ts"});
  EXPECT_NE(notices_of(r)["locked.ts"].find("cannot read: Permission denied"), std::string::npos) << r.out;
}

// Symbolic links that loop (to each other, or a directory to its parent) end in notices or are skipped; the walk
// terminates.
TEST(Robustness, SymlinkLoopsTerminate) {
  auto dir = temp_dir("loops");
  write_file(dir / "good.ts", kQueryInLoop);
  fs::create_symlink("b.ts", dir / "a.ts");
  fs::create_symlink("a.ts", dir / "b.ts");
  fs::create_directories(dir / "sub");
  fs::create_directory_symlink("..", dir / "sub/up");
  fs::create_symlink("self.ts", dir / "self.ts");
  auto r = run_connlint("check . --no-cache --format json", dir);
  ASSERT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(finding_paths(r), std::set<std::string>{"good.ts"});
  auto notices = notices_of(r);
  for (const char* f : {"a.ts", "b.ts", "self.ts"})
    EXPECT_NE(notices[f].find("Too many levels of symbolic links"), std::string::npos) << f << ": " << notices[f];
}

// Files deleted while connlint runs: a file removed between discovery and reading (simulated deterministically by a
// dangling link, which discovery lists and reading then fails on, exactly like a deleted file; see bad_input_test),
// and a real race: a corpus whose files are being deleted during the run. Each run finishes with 0 or 1 and every
// file is either analysed or has a notice.
TEST(Robustness, FilesDeletedDuringTheRun) {
  auto dir = temp_dir("deleted");
  const int files = 1500;
  for (int i = 0; i < files; ++i) write_file(dir / ("f" + std::to_string(i) + ".ts"), kQueryInLoop);
  auto run_dir = temp_dir("deleted-run");
  pid_t pid = spawn_connlint({"check", ".", "--no-cache", "--format", "json", "--fail-on", "never"}, dir, run_dir);
  for (int i = files - 1; i >= 0; i -= 2) fs::remove(dir / ("f" + std::to_string(i) + ".ts"));
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status)) << "killed by signal " << WTERMSIG(status);
  EXPECT_EQ(WEXITSTATUS(status), 0) << read_file(run_dir / "err").substr(0, 2000);
  RunResult r{0, read_file(run_dir / "out"), read_file(run_dir / "err")};
  auto doc = nlohmann::json::parse(r.out);
  auto notices = notices_of(r);
  for (const auto& [path, message] : notices) EXPECT_NE(message.find("cannot read"), std::string::npos) << path;
  int checked = doc["summary"]["filesChecked"], skipped = doc["summary"]["filesSkipped"];
  EXPECT_GE(checked, files / 2) << "the files never deleted are analysed";
  EXPECT_LE(checked + skipped, files);
}

// A compile_commands.json that does not parse: -p names it, so that is a usage error (exit 2); found on its own it
// is a notice naming the file and the parse error, and the units are compiled with default flags.
TEST(Robustness, BrokenCompilationDatabase) {
  auto dir = temp_dir("broken-db");
  write_file(dir / "a.cpp", "int main() { return 0; }\n");
  write_file(dir / "good.ts", kQueryInLoop);
  write_file(dir / "compile_commands.json", "[{\"directory\": ");
  auto found = run_connlint("check . --no-cache", dir);
  EXPECT_EQ(found.exit_code, 1) << found.err;
  EXPECT_NE(found.err.find("notice: compile_commands.json: not used: cannot be read as a compilation database"),
            std::string::npos)
      << found.err;
  write_file(dir / "build/compile_commands.json", "garbage");
  auto named = run_connlint("check . --no-cache -p build", dir);
  EXPECT_EQ(named.exit_code, 2);
  EXPECT_NE(named.err.find("cannot read the compilation database in build"), std::string::npos) << named.err;
}

// A configuration file that is a directory, nested 100,000 deep, or not UTF-8: exit 2 with the file named.
TEST(Robustness, BadConfigurationAndBaselineFiles) {
  auto dir = temp_dir("bad-config");
  write_file(dir / "a.ts", kQueryInLoop);
  write_file(dir / "deep.json", "{\"rules\": " + std::string(100000, '[') + std::string(100000, ']') + "}");
  auto deep = run_connlint("check . --config deep.json", dir);
  EXPECT_EQ(deep.exit_code, 2);
  EXPECT_NE(deep.err.find("deep.json:1:"), std::string::npos) << deep.err;
  write_file(dir / "latin1.json", "{ \"ignore\": [\"caf\xe9\"] \xff }");
  EXPECT_EQ(run_connlint("check . --config latin1.json", dir).exit_code, 2);
  fs::create_directories(dir / "dir.json");
  auto is_dir = run_connlint("check . --config dir.json", dir);
  EXPECT_EQ(is_dir.exit_code, 2);
  EXPECT_NE(is_dir.err.find("dir.json: is a directory"), std::string::npos) << is_dir.err;
  EXPECT_EQ(run_connlint("check . --config missing.json", dir).exit_code, 2);
  auto baseline = run_connlint("check . --no-config --baseline deep.json", dir);
  EXPECT_EQ(baseline.exit_code, 2);
  EXPECT_NE(baseline.err.find("deep.json"), std::string::npos) << baseline.err;
  write_file(dir / "empty.json", "");
  EXPECT_EQ(run_connlint("check . --no-config --baseline empty.json", dir).exit_code, 2);
}

// A cache pack truncated at any length, or the cache directory replaced by a file: ignored, same report.
TEST(Robustness, TruncatedCachePacksAreIgnored) {
  auto dir = temp_dir("cache-trunc");
  fs::copy(source_dir() / "fixtures/demo", dir / "demo", fs::copy_options::recursive);
  auto cold = run_connlint("check demo --format json --cache-dir cache", dir);
  fs::path pack;
  for (const auto& e : fs::directory_iterator(dir / "cache"))
    if (e.path().extension() == ".pack") pack = e.path();
  ASSERT_FALSE(pack.empty());
  const std::string bytes = read_file(pack);
  for (std::size_t cut : {std::size_t{0}, std::size_t{7}, bytes.size() / 4, bytes.size() / 2, bytes.size() - 1}) {
    fs::remove_all(dir / "cache");
    fs::create_directories(dir / "cache");
    write_file(pack, bytes.substr(0, cut));
    auto rebuilt = run_connlint("check demo --format json --cache-dir cache", dir);
    EXPECT_EQ(rebuilt.exit_code, cold.exit_code) << rebuilt.err;
    EXPECT_EQ(rebuilt.out, cold.out) << "pack cut at " << cut;
  }
  write_file(dir / "cache-file", "not a directory");
  auto unusable = run_connlint("check demo --format json --cache-dir cache-file", dir);
  EXPECT_EQ(unusable.out, cold.out) << "an unusable cache directory means no cache, not a failure";
}

// A full disk while writing --output: the write fails with a message naming the file, exit 2, the previous report
// intact and no temporary file left. Exercised three ways: RLIMIT_FSIZE (EFBIG on a regular file; SIGXFSZ would
// otherwise kill connlint), /dev/full (ENOSPC, written in place) and, where mounts are allowed, a tiny tmpfs.
TEST(Robustness, FullDiskKeepsThePreviousReport) {
  auto dir = temp_dir("full");
  write_file(dir / "report.json", "previous report\n");
  std::string out = shell_quote((dir / "report.json").string());
  std::string cmd = "cd " + shell_quote(source_dir().string()) + " && " + shell_quote(connlint_binary()) +
                    " check fixtures/demo --no-cache --format json --output " + out + " 2>" +
                    shell_quote((dir / "err").string());
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    rlimit limit{4096, 4096};
    setrlimit(RLIMIT_FSIZE, &limit);
    execl("/bin/sh", "sh", "-c", cmd.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status)) << "killed by signal " << WTERMSIG(status);
  EXPECT_EQ(WEXITSTATUS(status), 2);
  EXPECT_NE(read_file(dir / "err").find("cannot write " + (dir / "report.json").string() + ": File too large"),
            std::string::npos)
      << read_file(dir / "err");
  EXPECT_EQ(read_file(dir / "report.json"), "previous report\n");
  EXPECT_TRUE(temp_files_in(dir).empty());

  auto full = run_connlint("check fixtures/demo --no-cache --output /dev/full");
  EXPECT_EQ(full.exit_code, 2);
  EXPECT_NE(full.err.find("cannot write /dev/full: No space left on device"), std::string::npos) << full.err;

  // A real full file system, where this process may mount one (root in a private mount namespace).
  auto mnt = temp_dir("tmpfs");
  std::string tmpfs = "unshare --mount --propagation private sh -c " +
                      shell_quote("mount -t tmpfs -o size=64k tmpfs " + shell_quote(mnt.string()) +
                                  " && printf 'previous report\\n' >" + shell_quote((mnt / "r.json").string()) +
                                  " && head -c 60000 /dev/zero >" + shell_quote((mnt / "filler").string()) + " && cd " +
                                  shell_quote(source_dir().string()) + " && " + shell_quote(connlint_binary()) +
                                  " check fixtures/demo --no-cache --format json -o " +
                                  shell_quote((mnt / "r.json").string()) + "; echo exit=$?; cat " +
                                  shell_quote((mnt / "r.json").string()) + "; ls -a " + shell_quote(mnt.string())) +
                      " 2>&1";
  if (std::system(("unshare --mount --propagation private mount -t tmpfs tmpfs " + shell_quote(mnt.string()) +
                   " >/dev/null 2>&1")
                      .c_str()) != 0) {
    std::cerr << "[ note ] no tmpfs mount here (needs CAP_SYS_ADMIN): checked with RLIMIT_FSIZE and /dev/full only\n";
    return;
  }
  FILE* p = popen(tmpfs.c_str(), "r");
  ASSERT_NE(p, nullptr);
  std::string text;
  char buf[4096];
  for (std::size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) text.append(buf, n);
  pclose(p);
  EXPECT_NE(text.find("No space left on device"), std::string::npos) << text;
  EXPECT_NE(text.find("exit=2\nprevious report\n"), std::string::npos) << text;
  EXPECT_EQ(text.find(".connlint-"), std::string::npos) << "no temporary file left: " << text;
}

// SIGINT at two moments: during the analysis, and while the report's temporary file exists (caught with inotify and
// SIGSTOP, so the signal lands before the rename). Either way connlint dies of SIGINT, the previous report is
// untouched and no temporary file is left behind.
TEST(Robustness, InterruptLeavesThePreviousReportAndNoTemporaryFile) {
  auto dir = temp_dir("sigint");
  for (int i = 0; i < 3000; ++i) write_file(dir / "src" / ("f" + std::to_string(i) + ".ts"), kQueryInLoop);
  auto out_dir = temp_dir("sigint-out");
  write_file(out_dir / "report.json", "previous report\n");
  std::vector<std::string> args{"check", "src", "--no-cache", "--format",
                                "json",  "-j1", "--output",   (out_dir / "report.json").string()};
  auto run_dir = temp_dir("sigint-run");

  // 1. During the analysis.
  pid_t pid = spawn_connlint(args, dir, run_dir);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  kill(pid, SIGINT);
  int status = 0;
  waitpid(pid, &status, 0);
  EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGINT) << "status " << status;
  EXPECT_EQ(read_file(out_dir / "report.json"), "previous report\n");
  EXPECT_TRUE(temp_files_in(out_dir).empty());

  // 2. While the temporary file of the report exists.
  int watch = inotify_init1(IN_CLOEXEC);
  ASSERT_GE(watch, 0);
  ASSERT_GE(inotify_add_watch(watch, out_dir.c_str(), IN_CREATE), 0);
  pid = spawn_connlint(args, dir, run_dir);
  bool caught = false;
  char events[4096] __attribute__((aligned(8)));
  pollfd ready{watch, POLLIN, 0};
  for (ssize_t n; !caught && poll(&ready, 1, 30000) > 0 && (n = read(watch, events, sizeof events)) > 0;) {
    for (char* p = events; p < events + n;) {
      auto* e = reinterpret_cast<inotify_event*>(p);
      if (e->len && std::string(e->name).find(".connlint-") != std::string::npos) {
        kill(pid, SIGSTOP);
        caught = true;
        break;
      }
      p += sizeof(inotify_event) + e->len;
    }
  }
  close(watch);
  ASSERT_TRUE(caught);
  bool temp_existed = !temp_files_in(out_dir).empty();
  kill(pid, SIGINT);
  kill(pid, SIGCONT);
  waitpid(pid, &status, 0);
  if (!temp_existed) GTEST_SKIP() << "the rename won the race this time";
  EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGINT) << "status " << status;
  EXPECT_EQ(read_file(out_dir / "report.json"), "previous report\n");
  EXPECT_TRUE(temp_files_in(out_dir).empty()) << "the handler removes the temporary file";
}
