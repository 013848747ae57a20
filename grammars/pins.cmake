# Tree-sitter grammar pins: the single source of truth for what grammars/CMakeLists.txt fetches.
# One entry per npm package: NAME VERSION INTEGRITY (the npm "dist.integrity" of NAME@VERSION).
# To bump: change the version, then paste the output of `npm view NAME@VERSION dist.integrity`.
set(CONNLINT_GRAMMAR_PINS
  "tree-sitter-typescript" "0.23.2" "sha512-e04JUUKxTT53/x3Uq1zIL45DoYKVfHH4CZqwgZhPg5qYROl5nQjV+85ruFzFGZxu+QeFVbRTPDRnqL9UbU4VeA=="
  "tree-sitter-javascript" "0.23.1" "sha512-/bnhbrTD9frUYHQTiYnPcxyHORIw157ERBa6dqzaKxvR/x3PC4Yzd+D1pZIMS6zNg2v3a8BZ0oK7jHqsQo9fWA=="
)
