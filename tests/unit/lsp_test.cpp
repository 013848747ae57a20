// The Language Server through the real binary, speaking JSON-RPC over pipes as an editor does.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <nlohmann/json.hpp>

#include "support/run.h"

extern char** environ;

using namespace connlint::testing;
using nlohmann::json;

namespace {

class LspClient {
 public:
  explicit LspClient(const std::filesystem::path& cwd) {
    int to_server[2], from_server[2];
    EXPECT_EQ(pipe(to_server), 0);
    EXPECT_EQ(pipe(from_server), 0);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, to_server[0], 0);
    posix_spawn_file_actions_adddup2(&actions, from_server[1], 1);
    posix_spawn_file_actions_addclose(&actions, to_server[1]);
    posix_spawn_file_actions_addclose(&actions, from_server[0]);
    posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());
    std::string binary = connlint_binary();
    char* argv[] = {binary.data(), const_cast<char*>("lsp"), nullptr};
    EXPECT_EQ(posix_spawn(&pid_, binary.c_str(), &actions, nullptr, argv, environ), 0);
    posix_spawn_file_actions_destroy(&actions);
    close(to_server[0]);
    close(from_server[1]);
    in_ = to_server[1];
    out_ = from_server[0];
  }
  ~LspClient() {
    if (in_ >= 0) close(in_);
    close(out_);
    if (pid_ > 0) waitpid(pid_, nullptr, 0);
  }

  pid_t pid() const { return pid_; }
  void send_raw(const std::string& bytes) { ASSERT_EQ(write(in_, bytes.data(), bytes.size()), static_cast<ssize_t>(bytes.size())); }
  void send(const json& message) {
    std::string body = message.dump();
    send_raw("Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body);
  }
  void request(int id, const std::string& method, json params) {
    send({{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", std::move(params)}});
  }
  void notify(const std::string& method, json params) {
    send({{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}});
  }

  // The next message matching `pred`, within `timeout`; null json on timeout.
  template <typename Pred>
  json wait_for(Pred pred, std::chrono::milliseconds timeout = std::chrono::milliseconds(10000)) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      if (auto m = next_message(deadline)) {
        log_.push_back(*m);
        if (pred(*m)) return *m;
      }
    }
    return json();
  }

  int close_and_wait() {
    close(in_);
    in_ = -1;
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

 private:
  std::optional<json> next_message(std::chrono::steady_clock::time_point deadline) {
    while (true) {
      auto header_end = buffer_.find("\r\n\r\n");
      if (header_end != std::string::npos) {
        auto cl = buffer_.find("Content-Length:");
        std::size_t length = std::stoul(buffer_.substr(cl + 15, header_end - cl - 15));
        if (buffer_.size() >= header_end + 4 + length) {
          std::string body = buffer_.substr(header_end + 4, length);
          buffer_.erase(0, header_end + 4 + length);
          return json::parse(body);
        }
      }
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) return std::nullopt;
      pollfd p{out_, POLLIN, 0};
      if (poll(&p, 1, static_cast<int>(left.count())) <= 0) return std::nullopt;
      char buf[65536];
      ssize_t n = read(out_, buf, sizeof buf);
      if (n <= 0) return std::nullopt;
      buffer_.append(buf, static_cast<std::size_t>(n));
    }
  }

  pid_t pid_ = -1;
  int in_ = -1, out_ = -1;
  std::string buffer_;
  std::vector<json> log_;
};

const char* kLoop =
    "import { prisma } from './db'\n"
    "export async function sync(ids: string[]) {\n"
    "  for (const id of ids) {\n"
    "    await prisma.user.findUnique({ where: { id } })\n"
    "  }\n"
    "}\n";

std::filesystem::path workspace() {
  auto dir = temp_dir("lsp");
  write_file(dir / "db.ts", "import { PrismaClient } from '@prisma/client'\nexport const prisma = new PrismaClient()\n");
  write_file(dir / "jobs.ts", "export {}\n");
  return dir;
}

auto diagnostics_for(const std::string& uri) {
  return [uri](const json& m) {
    return m.value("method", "") == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri;
  };
}

}  // namespace

TEST(Lsp, DiagnosticsForAnUnsavedBufferAndAQuickFix) {
  auto dir = workspace();
  LspClient client(dir);
  std::string root = "file://" + dir.string();
  std::string uri = root + "/jobs.ts";
  client.request(1, "initialize", {{"processId", nullptr}, {"rootUri", root}, {"capabilities", json::object()}});
  json init = client.wait_for([](const json& m) { return m.value("id", 0) == 1; });
  ASSERT_FALSE(init.is_null());
  EXPECT_EQ(init["result"]["capabilities"]["textDocumentSync"]["change"], 1);
  client.notify("initialized", json::object());
  client.notify("textDocument/didOpen",
                {{"textDocument", {{"uri", uri}, {"languageId", "typescript"}, {"version", 1}, {"text", kLoop}}}});
  json published = client.wait_for(diagnostics_for(uri));
  ASSERT_FALSE(published.is_null()) << "no diagnostics published";
  const auto& diags = published["params"]["diagnostics"];
  ASSERT_EQ(diags.size(), 1u) << diags.dump(2);
  const auto& d = diags[0];
  EXPECT_EQ(d["code"], "query-in-loop");
  EXPECT_EQ(d["source"], "connlint");
  EXPECT_EQ(d["severity"], 2);
  EXPECT_EQ(d["range"]["start"]["line"], 3);
  EXPECT_EQ(d["range"]["start"]["character"], 10);
  EXPECT_NE(d["codeDescription"]["href"].get<std::string>().find("query-in-loop.md"), std::string::npos);
  EXPECT_EQ(d["relatedInformation"][0]["message"], "the loop");

  client.request(2, "textDocument/codeAction",
                 {{"textDocument", {{"uri", uri}}}, {"range", d["range"]}, {"context", {{"diagnostics", diags}}}});
  json actions = client.wait_for([](const json& m) { return m.value("id", 0) == 2; });
  ASSERT_EQ(actions["result"].size(), 1u);
  const auto& edit = actions["result"][0]["edit"]["changes"][uri][0];
  EXPECT_EQ(actions["result"][0]["kind"], "quickfix");
  EXPECT_EQ(edit["newText"], "    // connlint-ignore-next-line query-in-loop -- reason\n");
  EXPECT_EQ(edit["range"]["start"]["line"], 3);

  // The user fixes the code in the buffer (unsaved): the diagnostic goes away.
  client.notify("textDocument/didChange",
                {{"textDocument", {{"uri", uri}, {"version", 2}}},
                 {"contentChanges", json::array({{{"text", "export const fixed = 1\n"}}})}});
  json cleared = client.wait_for(diagnostics_for(uri));
  ASSERT_FALSE(cleared.is_null());
  EXPECT_TRUE(cleared["params"]["diagnostics"].empty());

  client.request(3, "shutdown", nullptr);
  EXPECT_FALSE(client.wait_for([](const json& m) { return m.value("id", 0) == 3; }).is_null());
  client.notify("exit", nullptr);
  EXPECT_EQ(client.close_and_wait(), 0);
}

// What clients really send back in codeAction's context: ALE rebuilds the diagnostic from its location list without
// `source`; Neovim adds other servers' diagnostics on the line, whose `code` can be a number.
TEST(Lsp, QuickFixForDiagnosticsAsClientsSendThemBack) {
  auto dir = workspace();
  LspClient client(dir);
  std::string root = "file://" + dir.string();
  std::string uri = root + "/jobs.ts";
  client.request(1, "initialize", {{"processId", nullptr}, {"rootUri", root}, {"capabilities", json::object()}});
  ASSERT_FALSE(client.wait_for([](const json& m) { return m.value("id", 0) == 1; }).is_null());
  client.notify("textDocument/didOpen",
                {{"textDocument", {{"uri", uri}, {"languageId", "typescript"}, {"version", 1}, {"text", kLoop}}}});
  ASSERT_FALSE(client.wait_for(diagnostics_for(uri)).is_null());
  json range = {{"start", {{"line", 3}, {"character", 10}}}, {"end", {{"line", 3}, {"character", 32}}}};
  json diagnostics = json::array({
      {{"range", range}, {"code", "query-in-loop"}, {"message", "as ALE sends it"}},
      {{"range", range}, {"code", 2304}, {"source", "typescript"}, {"message", "Cannot find name"}},
      {{"range", range}, {"code", "no-unused-vars"}, {"message", "another linter's, without source"}},
      {{"range", range}, {"code", "query-in-loop"}, {"source", "eslint"}, {"message", "same code, not ours"}},
  });
  client.request(2, "textDocument/codeAction",
                 {{"textDocument", {{"uri", uri}}}, {"range", range}, {"context", {{"diagnostics", diagnostics}}}});
  json actions = client.wait_for([](const json& m) { return m.value("id", 0) == 2; });
  ASSERT_TRUE(actions.contains("result")) << actions.dump(2);
  ASSERT_EQ(actions["result"].size(), 1u) << actions.dump(2);
  EXPECT_EQ(actions["result"][0]["edit"]["changes"][uri][0]["newText"],
            "    // connlint-ignore-next-line query-in-loop -- reason\n");
  // ALE's :ALECodeAction with the cursor on a word sends no diagnostics at all: the server uses what it published.
  client.request(3, "textDocument/codeAction",
                 {{"textDocument", {{"uri", uri}}}, {"range", range}, {"context", {{"diagnostics", json::array()}}}});
  json from_published = client.wait_for([](const json& m) { return m.value("id", 0) == 3; });
  ASSERT_EQ(from_published["result"].size(), 1u) << from_published.dump(2);
  EXPECT_EQ(from_published["result"][0]["diagnostics"][0]["code"], "query-in-loop");
  // On a line without a finding there is nothing to suppress.
  json elsewhere = {{"start", {{"line", 0}, {"character", 0}}}, {"end", {{"line", 0}, {"character", 3}}}};
  client.request(4, "textDocument/codeAction", {{"textDocument", {{"uri", uri}}}, {"range", elsewhere},
                                                 {"context", {{"diagnostics", json::array()}}}});
  EXPECT_TRUE(client.wait_for([](const json& m) { return m.value("id", 0) == 4; })["result"].empty());
  client.request(5, "shutdown", nullptr);
  client.wait_for([](const json& m) { return m.value("id", 0) == 5; });
  client.notify("exit", nullptr);
  EXPECT_EQ(client.close_and_wait(), 0);
}

TEST(Lsp, MalformedAndHugeMessagesDoNotKillTheServer) {
  auto dir = workspace();
  LspClient client(dir);
  client.send_raw("Content-Length: 9\r\n\r\n{not json");
  json error = client.wait_for([](const json& m) { return m.contains("error"); });
  EXPECT_EQ(error["error"]["code"], -32700);
  client.send_raw("Content-Length: 99999999999\r\n\r\n");  // over the limit: refused; the body never comes
  json too_large = client.wait_for([](const json& m) { return m.contains("error") && m["error"]["code"] == -32600; },
                                   std::chrono::milliseconds(3000));
  (void)too_large;  // the server may still be waiting for the body: what matters is that it stays alive below
  EXPECT_EQ(client.close_and_wait(), 1) << "exit without shutdown is code 1, and no crash";
}

// docs/robustness.md: malformed frames, JSON of the wrong shape, JSON nested 100,000 deep and a message over the
// 64 MiB cap each get a JSON-RPC error; the stream stays in sync (the next request is answered) and the oversized
// body is skipped, never buffered (peak memory stays below the message's size).
TEST(Lsp, BadMessagesGetErrorsAndTheStreamStaysInSync) {
  auto dir = workspace();
  LspClient client(dir);
  auto error_with = [&](int code) {
    return client.wait_for([code](const json& m) { return m.contains("error") && m["error"]["code"] == code; });
  };
  auto peak_kb = [&] {
    std::string status = read_file("/proc/" + std::to_string(client.pid()) + "/status");
    auto at = status.find("VmHWM:");
    return at == std::string::npos ? 0L : std::stol(status.substr(at + 6));
  };
  client.send_raw("Content-Length: abc\r\n\r\n");
  EXPECT_FALSE(error_with(-32700).is_null()) << "bad Content-Length";
  long started_kb = peak_kb();  // the binary and its libraries: about 60 MiB
  std::string deep = std::string(100000, '[') + std::string(100000, ']');
  client.send_raw("Content-Length: " + std::to_string(deep.size()) + "\r\n\r\n" + deep);
  EXPECT_FALSE(error_with(-32600).is_null()) << "deep JSON that is not an object";
  client.send({{"jsonrpc", "2.0"}, {"id", 3}, {"method", "textDocument/didOpen"}, {"params", 5}});
  client.send({{"jsonrpc", "2.0"}, {"method", "textDocument/didChange"}, {"params", {{"textDocument", 7}}}});
  std::string huge((70u << 20), ' ');
  client.send_raw("Content-Length: " + std::to_string(huge.size()) + "\r\n\r\n");
  client.send_raw(huge);
  huge = std::string();
  EXPECT_FALSE(error_with(-32600).is_null()) << "over the size limit";
  client.request(9, "workspace/frobnicate", json::object());
  json answer = client.wait_for([](const json& m) { return m.value("id", 0) == 9; });
  EXPECT_EQ(answer["error"]["code"], -32601) << "the stream is still in sync";
  EXPECT_LT(peak_kb() - started_kb, 32 * 1024) << "the 70 MiB body was buffered";
  client.request(10, "shutdown", nullptr);
  client.wait_for([](const json& m) { return m.value("id", 0) == 10; });
  client.notify("exit", nullptr);
  EXPECT_EQ(client.close_and_wait(), 0);
}

TEST(Lsp, UnknownRequestGetsMethodNotFound) {
  auto dir = workspace();
  LspClient client(dir);
  client.request(7, "workspace/frobnicate", json::object());
  json r = client.wait_for([](const json& m) { return m.value("id", 0) == 7; });
  EXPECT_EQ(r["error"]["code"], -32601);
  client.request(8, "shutdown", nullptr);
  client.wait_for([](const json& m) { return m.value("id", 0) == 8; });
  client.notify("exit", nullptr);
  EXPECT_EQ(client.close_and_wait(), 0);
}
