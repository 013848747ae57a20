#pragma once
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace connlint {

// Library knowledge as data: what each database client library's module names are, how a pooled client is made,
// and which calls on its handles are queries. Loaded from rules/libraries/*.json (built in) plus any catalog files
// a user adds, so supporting an in-house wrapper needs no recompiling.
struct LibraryConstructor {
  std::string export_path;  // member path inside the module, '.'-separated ("PrismaClient", "" = the module itself)
  bool uses_new = true;     // `new X()` rather than `X()`
  std::string handle;       // the kind of handle it makes ("client", "pool", ...)
};

struct HandleKind {
  // Query call patterns relative to the handle: '.'-separated member names, '*' matching any one member
  // ("*.findMany" matches prisma.user.findMany).
  std::vector<std::vector<std::string>> queries;
};

struct Library {
  std::string id;
  std::string display_name;
  std::string language;
  std::vector<std::string> modules;
  std::vector<LibraryConstructor> constructors;
  std::map<std::string, HandleKind> handles;
  std::string batching;  // how to batch N queries into one, for query-in-loop messages
};

class Catalog {
 public:
  // The libraries compiled into connlint.
  static Catalog builtin();
  // Adds one catalog file's libraries; throws std::runtime_error naming the file on a malformed file.
  void add(std::string_view file_name, std::string_view json_text);

  const std::vector<Library>& libraries() const { return libraries_; }
  const Library* library_for_module(std::string_view specifier) const;

 private:
  std::vector<Library> libraries_;
};

// Does a handle-relative member path match one of the kind's query patterns?
bool matches_query(const HandleKind& kind, const std::vector<std::string>& path);

}  // namespace connlint
