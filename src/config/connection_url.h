#pragma once
// Connection strings: finding them in a line of text and parsing them into facts::ConnectionUrl, with the span of
// each part. Shared by the config-file front end and the code front ends (string literals).
//
// Understood: `postgres://` and `postgresql://` (and the other database schemes in kSchemes, also after a `jdbc:`
// prefix), user info with percent-encoded passwords, several hosts (`h1:5432,h2:5433`), IPv6 hosts (`[::1]:5432`),
// the database, query parameters in any order, and placeholders anywhere (`${VAR}`, `{{ .Values.x }}`, `$(VAR)`,
// `<password>`), which are kept whole even when they contain `:`, `/` or `@`.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "facts/file_facts.h"

namespace connlint::config {

// Every connection URL in `text`, which starts at (line, column) of its file and holds no line break. URLs with a
// scheme connlint does not know, or that do not parse, are skipped.
std::vector<facts::ConnectionUrl> find_connection_urls(std::string_view text, std::uint32_t line,
                                                       std::uint32_t column);

// Parses one URL that starts at (line, column); nullopt if it is not a database connection URL.
std::optional<facts::ConnectionUrl> parse_connection_url(std::string_view url, std::uint32_t line,
                                                         std::uint32_t column);

// Is this (lowercase) scheme one of a database URL: "postgresql", "mysql", "mongodb+srv", ...
bool is_database_scheme(std::string_view scheme);

// Does this (raw, possibly percent-encoded) password stand for a real one rather than being one? `${DB_PASSWORD}`,
// `$PGPASSWORD`, `<password>`, `[YOUR-PASSWORD]`, `YOUR_DB_PASSWORD`, `****`, `changeme` are placeholders.
bool is_placeholder_secret(std::string_view raw);

// `%40` -> `@`; invalid escapes are kept as written.
std::string percent_decode(std::string_view text);

// The URL as written with its password replaced by `****`: safe to show in a message.
std::string masked_url(const facts::ConnectionUrl& url);

// `line` with the literal passwords of every connection URL in it replaced by `****` (placeholders are kept): for
// text that is shown or stored outside connlint (source lines in reports, baseline entries).
std::string mask_url_passwords(std::string_view line);

// The first host as `name:port` (port omitted when not written; IPv6 in brackets), for messages.
std::string host_and_port(const facts::ConnectionUrl& url);

}  // namespace connlint::config
