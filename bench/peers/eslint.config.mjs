// ESLint (flat config) with one rule: no-await-in-loop, every TS/JS extension parsed by @typescript-eslint/parser
// (no type information: the rule is syntactic). Used with `eslint -c` from the corpus folder by bench/run_peers.sh.
import tsParser from "@typescript-eslint/parser";

export default [
  {
    // The folders connlint skips outside git (src/core/discover.h).
    ignores: ["**/node_modules/", "**/dist/", "**/build/", "**/.next/", "**/coverage/", "**/vendor/", "**/.connlint-cache/"],
  },
  {
    files: ["**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}"],
    languageOptions: { parser: tsParser, ecmaVersion: "latest", sourceType: "module" },
    // The corpus's own eslint-disable comments name rules this config does not load: don't report them.
    linterOptions: { reportUnusedDisableDirectives: "off" },
    rules: { "no-await-in-loop": "error" },
  },
];
