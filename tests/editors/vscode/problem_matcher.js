// Runs the VS Code task from docs/editors.md (its command and its problem matcher, read from the page) on a small
// project and checks what the Problems panel would show. VS Code applies a matcher's `regexp` to each output line
// with JavaScript's RegExp, as here. Usage: node problem_matcher.js CONNLINT DOC
'use strict';
const assert = require('assert');
const { execSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { makeProject } = require('./project');

const [connlint, doc] = process.argv.slice(2);
const block = fs.readFileSync(doc, 'utf8').match(/```jsonc\n(\/\/ \.vscode\/tasks\.json[^\n]*\n[\s\S]*?)```/);
assert(block, `no jsonc block starting with "// .vscode/tasks.json" in ${doc}`);
// tasks.json allows comments; the block has whole-line ones only.
const tasks = JSON.parse(block[1].split('\n').filter((l) => !/^\s*\/\//.test(l)).join('\n'));
const task = tasks.tasks.find((t) => t.label === 'connlint');
assert(task, 'no task labelled connlint');
const matcher = task.problemMatcher;
const pattern = new RegExp(matcher.pattern.regexp);

const project = makeProject();
try {
  let output;
  try {
    // As VS Code runs a "shell" task: the command line, from the workspace folder, connlint on PATH.
    output = execSync(task.command, { cwd: project.root, encoding: 'utf8',
                                      env: { ...process.env, PATH: `${path.dirname(connlint)}:${process.env.PATH}` } });
  } catch (e) {
    assert.strictEqual(e.status, 1, `connlint exits 1 when it reports findings: ${e.stderr}`);
    output = e.stdout;
  }
  const problems = [];
  for (const line of output.split('\n')) {
    const m = pattern.exec(line);
    if (!m) continue;
    const p = matcher.pattern;
    problems.push({ file: m[p.file], line: Number(m[p.line]), column: Number(m[p.column]), severity: m[p.severity],
                    code: m[p.code], message: m[p.message] });
  }
  console.log(JSON.stringify(problems, null, 1));
  const gcc = output.split('\n').filter((l) => / (warning|error): /.test(l));
  assert.strictEqual(problems.length, gcc.length, 'every finding line is a problem');
  const finding = output.match(/^src\/jobs\/jobs\.ts:4:11: warning: (.*) \[query-in-loop\]$/m);
  assert(finding, `connlint reports the N+1:\n${output}`);
  assert.deepStrictEqual(problems[0], { file: 'src/jobs/jobs.ts', line: 4, column: 11, severity: 'warning',
                                        code: 'query-in-loop', message: finding[1] });
  assert(fs.existsSync(path.join(project.root, problems[0].file)), 'the file resolves from the workspace folder');
  console.log('OK: the problem matcher from docs/editors.md reads connlint --format gcc');
} finally {
  project.remove();
}
