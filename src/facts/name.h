#pragma once
// Name: an interned string, the size of a pointer. Facts are mostly names (identifiers, member names, module
// specifiers), the same few thousand repeated across every file of a project; a run over 2M lines keeps millions of
// them. Interning stores each distinct text once for the whole process and makes a name 8 bytes instead of a
// 32-byte std::string (plus a heap block for names over 15 characters), and makes equality a pointer comparison.
//
// A Name reads like a const std::string: it converts to `const std::string&`, compares with strings and literals,
// and has the read-only members the analysis uses. Interned texts live until the process ends (they are few).
#include <compare>
#include <cstddef>
#include <functional>
#include <iterator>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace connlint::facts {

class Name {
 public:
  Name() : text_(&empty_text()) {}
  Name(std::string_view text) : text_(text.empty() ? &empty_text() : &intern(text)) {}  // NOLINT: implicit by design
  Name(const std::string& text) : Name(std::string_view(text)) {}                       // NOLINT
  Name(const char* text) : Name(std::string_view(text)) {}                              // NOLINT

  const std::string& str() const { return *text_; }
  operator const std::string&() const { return *text_; }  // NOLINT: reads as a string wherever one is expected
  operator std::string_view() const { return *text_; }    // NOLINT

  bool empty() const { return text_->empty(); }
  std::size_t size() const { return text_->size(); }
  const char* c_str() const { return text_->c_str(); }
  const char* data() const { return text_->data(); }
  char front() const { return text_->front(); }
  char back() const { return text_->back(); }
  char operator[](std::size_t i) const { return (*text_)[i]; }
  std::string::const_iterator begin() const { return text_->begin(); }
  std::string::const_iterator end() const { return text_->end(); }
  bool starts_with(std::string_view prefix) const { return text_->starts_with(prefix); }
  bool ends_with(std::string_view suffix) const { return text_->ends_with(suffix); }
  std::size_t find(std::string_view what, std::size_t pos = 0) const { return text_->find(what, pos); }
  std::size_t find(char c, std::size_t pos = 0) const { return text_->find(c, pos); }
  std::size_t rfind(std::string_view what, std::size_t pos = std::string::npos) const {
    return text_->rfind(what, pos);
  }
  std::size_t rfind(char c, std::size_t pos = std::string::npos) const { return text_->rfind(c, pos); }
  std::string substr(std::size_t pos, std::size_t n = std::string::npos) const { return text_->substr(pos, n); }

  // Interned: equal texts are the same object.
  friend bool operator==(Name a, Name b) { return a.text_ == b.text_; }
  friend bool operator==(Name a, std::string_view b) { return *a.text_ == b; }
  friend bool operator==(Name a, const std::string& b) { return *a.text_ == b; }
  friend bool operator==(Name a, const char* b) { return *a.text_ == b; }
  // Ordered by text, so that sorted output does not depend on where texts were interned.
  friend std::strong_ordering operator<=>(Name a, Name b) { return *a.text_ <=> *b.text_; }
  friend std::strong_ordering operator<=>(Name a, std::string_view b) { return std::string_view(*a.text_) <=> b; }
  friend std::strong_ordering operator<=>(Name a, const std::string& b) { return *a.text_ <=> b; }
  friend std::strong_ordering operator<=>(Name a, const char* b) { return std::string_view(*a.text_) <=> b; }
  friend std::string operator+(const std::string& a, Name b) { return a + *b.text_; }
  friend std::string operator+(Name a, const std::string& b) { return *a.text_ + b; }
  friend std::string operator+(const char* a, Name b) { return a + *b.text_; }
  friend std::string operator+(Name a, const char* b) { return *a.text_ + b; }
  friend std::ostream& operator<<(std::ostream& out, Name n) { return out << *n.text_; }

  std::size_t hash() const { return std::hash<const void*>()(text_); }

 private:
  static const std::string& empty_text();
  static const std::string& intern(std::string_view text);
  const std::string* text_;
};

// NameList: an interned, immutable list of names, the member path of a value (`[user, findMany]`). 8 bytes and no
// allocation per value: the same few thousand paths recur in every file, and a value reference per call, argument
// and symbol would otherwise carry its own vector. Reads like a const std::vector<Name>; appending interns the
// longer list (paths are a few names long).
class NameList {
 public:
  NameList() : items_(&empty_list()) {}
  NameList(const std::vector<Name>& names)  // NOLINT: implicit by design
      : items_(names.empty() ? &empty_list() : &intern(names)) {}

  const std::vector<Name>& vector() const { return *items_; }
  std::size_t size() const { return items_->size(); }
  bool empty() const { return items_->empty(); }
  const Name& operator[](std::size_t i) const { return (*items_)[i]; }
  const Name& front() const { return items_->front(); }
  const Name& back() const { return items_->back(); }
  std::vector<Name>::const_iterator begin() const { return items_->begin(); }
  std::vector<Name>::const_iterator end() const { return items_->end(); }
  std::vector<Name>::const_reverse_iterator rbegin() const { return items_->rbegin(); }
  std::vector<Name>::const_reverse_iterator rend() const { return items_->rend(); }

  void push_back(Name name) {
    std::vector<Name> longer = *items_;
    longer.push_back(name);
    items_ = &intern(longer);
  }
  template <typename... Args>
  void emplace_back(Args&&... args) {
    push_back(Name(std::forward<Args>(args)...));
  }
  void clear() { items_ = &empty_list(); }

  friend bool operator==(NameList a, NameList b) { return a.items_ == b.items_; }

 private:
  static const std::vector<Name>& empty_list();
  static const std::vector<Name>& intern(const std::vector<Name>& names);
  const std::vector<Name>* items_;
};

}  // namespace connlint::facts

template <>
struct std::hash<connlint::facts::Name> {
  std::size_t operator()(connlint::facts::Name n) const noexcept { return n.hash(); }
};
