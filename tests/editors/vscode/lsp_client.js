// Drives `connlint lsp` as VS Code's language client does, with the same protocol library
// (vscode-languageserver-protocol over vscode-jsonrpc's stream reader and writer): initialize with VS Code's
// client capabilities, open a file, read the diagnostics, ask for the quick fix, apply it, shut down.
// Usage: node lsp_client.js CONNLINT. CONNLINT_LSP_TRACE=1 prints the messages exchanged.
'use strict';
const assert = require('assert');
const { spawn } = require('child_process');
const { pathToFileURL } = require('url');
const {
  createProtocolConnection, StreamMessageReader, StreamMessageWriter, InitializeRequest, InitializedNotification,
  DidOpenTextDocumentNotification, DidChangeTextDocumentNotification, PublishDiagnosticsNotification,
  CodeActionRequest, ShutdownRequest, ExitNotification, DiagnosticSeverity, Trace,
} = require('vscode-languageserver-protocol/node');
const { makeProject } = require('./project');

const connlint = process.argv[2];
const project = makeProject();
const server = spawn(connlint, ['lsp'], { cwd: project.root, stdio: ['pipe', 'pipe', 'inherit'] });
const connection = createProtocolConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
if (process.env.CONNLINT_LSP_TRACE) connection.trace(Trace.Verbose, { log: (message, data) => console.log(message, data || '') });

// The diagnostics for a document, one promise per publication.
const waiting = [];
connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
  const i = waiting.findIndex((w) => w.uri === params.uri);
  if (i >= 0) waiting.splice(i, 1)[0].resolve(params.diagnostics);
});
function nextDiagnostics(uri) {
  return new Promise((resolve, reject) => {
    waiting.push({ uri, resolve });
    setTimeout(() => reject(new Error(`no diagnostics for ${uri} within 20 s`)), 20000).unref();
  });
}

// The edits of a WorkspaceEdit applied to a text, as VS Code applies them (here: insertions and replacements by line
// and UTF-16 character, in one document).
function applyEdits(text, edits) {
  const lines = text.split('\n');
  const offset = (p) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  for (const e of [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start)))
    text = text.slice(0, offset(e.range.start)) + e.newText + text.slice(offset(e.range.end));
  return text;
}

async function main() {
  connection.listen();
  const rootUri = pathToFileURL(project.root).href;
  const uri = pathToFileURL(project.jobs).href;
  // A subset of what VS Code 1.9x sends, with everything the server could use.
  const init = await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid, clientInfo: { name: 'Visual Studio Code', version: '1.99.0' }, locale: 'en',
    rootPath: project.root, rootUri, workspaceFolders: [{ uri: rootUri, name: 'project' }],
    capabilities: {
      general: { positionEncodings: ['utf-16'] },
      textDocument: {
        synchronization: { dynamicRegistration: true, willSave: true, willSaveWaitUntil: true, didSave: true },
        publishDiagnostics: { relatedInformation: true, versionSupport: false, codeDescriptionSupport: true,
                              dataSupport: true, tagSupport: { valueSet: [1, 2] } },
        codeAction: { dynamicRegistration: true, isPreferredSupport: true, disabledSupport: true, dataSupport: true,
                      resolveSupport: { properties: ['edit'] }, honorsChangeAnnotations: true,
                      codeActionLiteralSupport: { codeActionKind: { valueSet: ['', 'quickfix', 'refactor', 'source'] } } },
      },
      workspace: { workspaceEdit: { documentChanges: true }, workspaceFolders: true, configuration: true },
    },
  });
  assert.strictEqual(init.serverInfo.name, 'connlint');
  const sync = init.capabilities.textDocumentSync;
  assert.strictEqual(sync.openClose, true);
  assert.strictEqual(sync.change, 1, 'full-text sync');
  assert.deepStrictEqual(init.capabilities.codeActionProvider.codeActionKinds, ['quickfix']);
  await connection.sendNotification(InitializedNotification.type, {});

  let text = project.jobsText;
  let published = nextDiagnostics(uri);
  await connection.sendNotification(DidOpenTextDocumentNotification.type,
                                    { textDocument: { uri, languageId: 'typescript', version: 1, text } });
  let diagnostics = await published;
  assert.strictEqual(diagnostics.length, 1, JSON.stringify(diagnostics));
  const d = diagnostics[0];
  assert.strictEqual(d.code, 'query-in-loop');
  assert.strictEqual(d.source, 'connlint');
  assert.strictEqual(d.severity, DiagnosticSeverity.Warning);
  assert.deepStrictEqual(d.range.start, { line: 3, character: 10 });
  assert.match(d.message, /^`prisma\.user\.findUnique` runs once per iteration/);
  assert.match(new URL(d.codeDescription.href).pathname, /query-in-loop\.md$/, 'codeDescription links the rule page');
  assert.strictEqual(d.relatedInformation[0].message, 'the loop');
  assert.strictEqual(d.relatedInformation[0].location.uri, uri);
  assert.deepStrictEqual(d.relatedInformation[0].location.range.start, { line: 2, character: 2 });

  // Typing (not saved): text before the query with a two-byte and a four-byte character, which are one and two
  // UTF-16 units. VS Code counts UTF-16 units.
  text = text.replace('    await', "    const s = 'é😀'; await");
  published = nextDiagnostics(uri);
  await connection.sendNotification(DidChangeTextDocumentNotification.type,
                                    { textDocument: { uri, version: 2 }, contentChanges: [{ text }] });
  diagnostics = await published;
  assert.strictEqual(diagnostics.length, 1, JSON.stringify(diagnostics));
  assert.deepStrictEqual(diagnostics[0].range.start, { line: 3, character: 10 + "const s = 'é😀'; ".length });

  // The light bulb: VS Code sends back the diagnostics under the cursor as it holds them.
  const actions = await connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri }, range: diagnostics[0].range,
    context: { diagnostics, triggerKind: 1 },
  });
  assert.strictEqual(actions.length, 1, JSON.stringify(actions));
  assert.strictEqual(actions[0].kind, 'quickfix');
  assert.strictEqual(actions[0].title, 'Suppress query-in-loop on this line');
  text = applyEdits(text, actions[0].edit.changes[uri]);
  assert.strictEqual(text.split('\n')[3], '    // connlint-ignore-next-line query-in-loop -- reason');
  published = nextDiagnostics(uri);
  await connection.sendNotification(DidChangeTextDocumentNotification.type,
                                    { textDocument: { uri, version: 3 }, contentChanges: [{ text }] });
  assert.deepStrictEqual(await published, [], 'the suppressed finding is gone');

  await connection.sendRequest(ShutdownRequest.type);
  const exited = new Promise((resolve) => server.on('exit', resolve));
  await connection.sendNotification(ExitNotification.type);
  assert.strictEqual(await exited, 0, 'exit after shutdown is code 0');
  connection.dispose();
  console.log('OK: connlint lsp works with the protocol library of VS Code\'s client');
}

main().catch((e) => {
  console.error(e);
  server.kill();
  process.exitCode = 1;
}).finally(() => project.remove());
