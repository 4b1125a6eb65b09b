// The extension's half of the conversation, for real: starts `rolelint server` (ROLELINT_BIN)
// with the arguments the extension uses, sends settings exactly as the extension builds them
// from its configuration, and checks diagnostics, a quick fix, fix-all and a settings change.

import assert from 'node:assert/strict';
import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { after, before, test } from 'node:test';
import {
  CodeAction,
  CodeActionKind,
  CodeActionRequest,
  ConfigurationRequest,
  Diagnostic,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializeRequest,
  InitializedNotification,
  ProtocolConnection,
  PublishDiagnosticsNotification,
  PublishDiagnosticsParams,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  TextEdit,
  WorkspaceEdit,
  createProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { didChangeConfigurationParams } from '../../src/commands';
import { FIX_ALL_KIND, findingAt, ruleIdOf } from '../../src/findings';
import { SERVER_ARGS } from '../../src/server';
import { ConfigurationReader, InspectedValue, SECTION, readClientSettings, toServerConfiguration } from '../../src/settings';

const serverBinary = process.env['ROLELINT_BIN'];

const DOCUMENT_URI = 'file:///workspace/product-owner.md';
const DOCUMENT_TEXT = [
  '# Product Owner, Payments', //                          line 0
  '',
  '## Responsibilities',
  '',
  '- Own the product backlog for the payments team.',
  '- Own the product roadmap for the payments platform.', // line 5
  '- Prioritise features with the engineers.', //           line 6
  '- Write user stories with clear acceptance criteria.',
  '',
].join('\n');

/** User settings as VS Code would hold them, read through the extension's own code. */
function userSettings(values: Record<string, unknown>): Record<string, unknown> {
  const reader: ConfigurationReader = {
    inspect<T>(key: string): InspectedValue<T> {
      return { globalValue: values[key] as T | undefined };
    },
  };
  const { settings, warnings } = readClientSettings(reader, true);
  assert.deepEqual(warnings, []);
  return toServerConfiguration(settings, '/workspace');
}

let server: ChildProcessWithoutNullStreams;
let connection: ProtocolConnection;
let stderr = '';
let currentConfiguration: Record<string, unknown> = {};
const publishes: PublishDiagnosticsParams[] = [];
let publishWaiters: Array<() => void> = [];

function nextPublish(after: number): Promise<PublishDiagnosticsParams> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no diagnostics within 15 s; server stderr:\n${stderr}`)), 15_000);
    const check = (): boolean => {
      const found = publishes.slice(after).find((publish) => publish.uri === DOCUMENT_URI);
      if (found) {
        clearTimeout(timer);
        // The newest one for the document wins.
        const latest = publishes.filter((publish) => publish.uri === DOCUMENT_URI).at(-1)!;
        resolve(latest);
        return true;
      }
      return false;
    };
    if (!check()) {
      publishWaiters.push(() => {
        check();
      });
    }
  });
}

/** Waits for diagnostics, then a short settle so a later batch for the same text wins. */
async function settledDiagnostics(after: number): Promise<Diagnostic[]> {
  await nextPublish(after);
  await new Promise((resolve) => setTimeout(resolve, 200));
  return publishes.filter((publish) => publish.uri === DOCUMENT_URI).at(-1)!.diagnostics;
}

function rulesAndLines(diagnostics: Diagnostic[]): Array<[string | undefined, number]> {
  return diagnostics
    .map((diagnostic): [string | undefined, number] => [ruleIdOf(diagnostic), diagnostic.range.start.line])
    .sort((a, b) => a[1] - b[1]);
}

function editsFor(edit: WorkspaceEdit | undefined, uri: string): TextEdit[] {
  if (!edit) {
    return [];
  }
  const fromChanges = edit.changes?.[uri] ?? [];
  const fromDocumentChanges = (edit.documentChanges ?? []).flatMap((change) =>
    'textDocument' in change && change.textDocument.uri === uri ? change.edits.filter((item): item is TextEdit => 'range' in item) : [],
  );
  return [...fromChanges, ...fromDocumentChanges];
}

function apply(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create(DOCUMENT_URI, 'markdown', 1, text), edits);
}

before(async () => {
  assert.ok(serverBinary, 'ROLELINT_BIN must name the rolelint executable (tests/editors_vscode.rs sets it)');
  // The configuration the extension sends: a severity raised in the user's settings.
  currentConfiguration = userSettings({ 'rules.severity': { 'unqualified-prioritization': 'error' } });
  server = spawn(serverBinary, [...SERVER_ARGS], { stdio: 'pipe' });
  server.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  connection = createProtocolConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
    publishes.push(params);
    const waiters = publishWaiters;
    publishWaiters = [];
    waiters.forEach((wake) => wake());
  });
  // The extension's middleware answers section `rolelint` with the same object.
  connection.onRequest(ConfigurationRequest.type, (params) =>
    params.items.map((item) => (item.section === SECTION ? currentConfiguration : null)),
  );
  connection.onRequest(RegistrationRequest.type, () => undefined);
  connection.onNotification('window/logMessage', () => undefined);
  connection.onNotification('window/showMessage', () => undefined);
  connection.listen();

  const initialize = await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: 'file:///workspace',
    workspaceFolders: [{ uri: 'file:///workspace', name: 'workspace' }],
    initializationOptions: currentConfiguration,
    capabilities: {
      general: { positionEncodings: ['utf-16'] },
      workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, workspaceFolders: true },
      textDocument: {
        synchronization: { dynamicRegistration: true },
        publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
        codeAction: {
          dynamicRegistration: true,
          isPreferredSupport: true,
          dataSupport: true,
          codeActionLiteralSupport: {
            codeActionKind: { valueSet: ['', CodeActionKind.QuickFix, CodeActionKind.Source, CodeActionKind.SourceFixAll] },
          },
        },
      },
    },
  });
  assert.equal(initialize.serverInfo?.name, 'rolelint');
  await connection.sendNotification(InitializedNotification.type, {});
  const before = publishes.length;
  await connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri: DOCUMENT_URI, languageId: 'markdown', version: 1, text: DOCUMENT_TEXT },
  });
  await settledDiagnostics(before);
});

after(async () => {
  if (connection) {
    await connection.sendRequest(ShutdownRequest.type);
    await connection.sendNotification(ExitNotification.type);
    connection.dispose();
  }
  server?.kill();
});

function latestDiagnostics(): Diagnostic[] {
  return publishes.filter((publish) => publish.uri === DOCUMENT_URI).at(-1)!.diagnostics;
}

test('diagnostics carry the rule id at the flagged lines, with the configured severity', () => {
  const diagnostics = latestDiagnostics();
  assert.deepEqual(rulesAndLines(diagnostics), [
    ['po-owns-roadmap', 5],
    ['unqualified-prioritization', 6],
  ]);
  for (const diagnostic of diagnostics) {
    assert.equal(diagnostic.source, 'rolelint');
  }
  const roadmap = diagnostics.find((diagnostic) => ruleIdOf(diagnostic) === 'po-owns-roadmap')!;
  assert.equal(roadmap.severity, DiagnosticSeverity.Warning);
  assert.equal(roadmap.range.start.character, 2);
  // Raised to an error by the user's rolelint.rules.severity setting.
  const prioritisation = diagnostics.find((diagnostic) => ruleIdOf(diagnostic) === 'unqualified-prioritization')!;
  assert.equal(prioritisation.severity, DiagnosticSeverity.Error);
  // The explain command finds it from a cursor inside the span.
  assert.equal(findingAt(diagnostics, { line: 5, character: 10 }), roadmap);
});

test('a quick fix turns ownership of the roadmap into a hand-off', async () => {
  const roadmap = latestDiagnostics().find((diagnostic) => ruleIdOf(diagnostic) === 'po-owns-roadmap')!;
  const actions = (await connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri: DOCUMENT_URI },
    range: roadmap.range,
    context: { diagnostics: [roadmap] },
  })) as CodeAction[];
  const quickFixes = actions.filter((action) => action.kind === CodeActionKind.QuickFix);
  assert.ok(quickFixes.length > 0, `no quick fixes in ${JSON.stringify(actions)}`);
  const handOff = quickFixes.find((action) => /hand-off/i.test(action.title));
  assert.ok(handOff, `no hand-off among ${quickFixes.map((action) => action.title).join(' | ')}`);
  assert.notEqual(handOff.isPreferred, true, 'a rewrite that changes meaning is never preferred');
  const fixed = apply(DOCUMENT_TEXT, editsFor(handOff.edit, DOCUMENT_URI));
  assert.equal(fixed.split('\n')[5], '- Contribute to the product roadmap owned by the Product Manager for the payments platform.');
});

test('source.fixAll.rolelint applies the safe fixes and nothing else', async () => {
  const actions = (await connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri: DOCUMENT_URI },
    range: { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } },
    context: { diagnostics: latestDiagnostics(), only: [FIX_ALL_KIND] },
  })) as CodeAction[];
  const fixAll = actions.find((action) => action.kind === FIX_ALL_KIND);
  assert.ok(fixAll, `no ${FIX_ALL_KIND} in ${JSON.stringify(actions)}`);
  const fixed = apply(DOCUMENT_TEXT, editsFor(fixAll.edit, DOCUMENT_URI)).split('\n');
  const original = DOCUMENT_TEXT.split('\n');
  assert.equal(fixed[5], original[5], 'the unsafe roadmap rewrite is not applied');
  assert.notEqual(fixed[6], original[6], 'the prioritisation level is stated');
  assert.match(fixed[6], /^- Prioritise features .*(backlog|roadmap)/);
});

test('disabling a rule in the settings removes its diagnostics', async () => {
  currentConfiguration = userSettings({
    'rules.disable': ['unqualified-prioritization'],
  });
  const before = publishes.length;
  await connection.sendNotification(
    DidChangeConfigurationNotification.type,
    didChangeConfigurationParams(SECTION, currentConfiguration),
  );
  const diagnostics = await settledDiagnostics(before);
  assert.deepEqual(rulesAndLines(diagnostics), [['po-owns-roadmap', 5]]);
});
