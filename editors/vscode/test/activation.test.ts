// The extension's wiring (activate, commands, settings changes, status bar) against a small
// stand-in for the `vscode` API and for the language client, so it runs under node alone.
// The client's real conversation with the server is tested in test/server/.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const NodeModule = require('node:module') as { _load: (request: string, parent: unknown, isMain: boolean) => unknown };

type Listener = (...args: any[]) => unknown;

/** Everything the stand-ins record, fresh for each test. */
interface World {
  trusted: boolean;
  globalSettings: Record<string, unknown>;
  workspaceSettings: Record<string, unknown>;
  commands: Map<string, Listener>;
  errors: string[];
  infos: string[];
  log: string[];
  diagnostics: Map<string, any[]>;
  activeEditor: any;
  listeners: Record<string, Listener[]>;
  executed: Array<[string, unknown[]]>;
  statusItem: { text: string; tooltip: string; command?: string };
  clients: FakeClient[];
}

let world: World;

class FakeClient {
  notifications: Array<[string, unknown]> = [];
  running = false;
  stopped = false;
  private stateListener?: Listener;
  constructor(
    public id: string,
    public name: string,
    public serverOptions: any,
    public clientOptions: any,
  ) {
    world.clients.push(this);
  }
  onDidChangeState(listener: Listener): void {
    this.stateListener = listener;
  }
  async start(): Promise<void> {
    this.running = true;
    this.stateListener?.({ oldState: 1, newState: 2 });
  }
  async stop(): Promise<void> {
    this.running = false;
    this.stopped = true;
  }
  isRunning(): boolean {
    return this.running;
  }
  async sendNotification(type: { method: string }, params: unknown): Promise<void> {
    this.notifications.push([type.method, params]);
  }
}

class FakeUri {
  constructor(
    public fsPath: string,
    public scheme = 'file',
  ) {}
  static parse(value: string): FakeUri {
    return new FakeUri(value.replace(/^file:\/\//, ''));
  }
  toString(): string {
    return `file://${this.fsPath}`;
  }
}

function on(event: string): (listener: Listener) => { dispose(): void } {
  return (listener) => {
    (world.listeners[event] ??= []).push(listener);
    return { dispose: () => undefined };
  };
}

const workspaceFolder = { uri: new FakeUri('/work/space'), name: 'space', index: 0 };

const fakeVscode = {
  EventEmitter: class {
    event = () => ({ dispose: () => undefined });
    fire(): void {}
    dispose(): void {}
  },
  StatusBarAlignment: { Left: 1, Right: 2 },
  ViewColumn: { Beside: -2 },
  Uri: FakeUri,
  Range: class {
    constructor(
      public startLine: number,
      public startCharacter: number,
      public endLine: number,
      public endCharacter: number,
    ) {}
  },
  window: {
    createOutputChannel: () => ({
      info: (line: string) => world.log.push(`info ${line}`),
      warn: (line: string) => world.log.push(`warn ${line}`),
      error: (line: string) => world.log.push(`error ${line}`),
      show: () => world.log.push('shown'),
      dispose: () => undefined,
    }),
    createStatusBarItem: () => {
      world.statusItem = { text: '', tooltip: '' };
      return Object.assign(world.statusItem, { show: () => undefined, dispose: () => undefined });
    },
    showErrorMessage: async (message: string) => {
      world.errors.push(message);
      return undefined;
    },
    showInformationMessage: async (message: string) => {
      world.infos.push(message);
      return undefined;
    },
    get activeTextEditor() {
      return world.activeEditor;
    },
    onDidChangeActiveTextEditor: on('activeEditor'),
  },
  workspace: {
    get isTrusted() {
      return world.trusted;
    },
    workspaceFolders: [workspaceFolder],
    getWorkspaceFolder: () => workspaceFolder,
    getConfiguration: () => ({
      inspect: (key: string) => ({ globalValue: world.globalSettings[key], workspaceValue: world.workspaceSettings[key] }),
    }),
    onDidChangeConfiguration: on('configuration'),
    registerTextDocumentContentProvider: () => ({ dispose: () => undefined }),
    onDidGrantWorkspaceTrust: on('trust'),
  },
  commands: {
    registerCommand: (id: string, handler: Listener) => {
      world.commands.set(id, handler);
      return { dispose: () => undefined };
    },
    executeCommand: async (id: string, ...args: unknown[]) => {
      world.executed.push([id, args]);
      return undefined;
    },
  },
  languages: {
    onDidChangeDiagnostics: on('diagnostics'),
    getDiagnostics: (uri: FakeUri) => world.diagnostics.get(uri.toString()) ?? [],
  },
  env: { openExternal: async () => true },
};

const fakeClientModule = {
  LanguageClient: FakeClient,
  State: { Stopped: 1, Running: 2, Starting: 3 },
  RevealOutputChannelOn: { Never: 4 },
  DidChangeConfigurationNotification: { type: { method: 'workspace/didChangeConfiguration' } },
};

const originalLoad = NodeModule._load;
NodeModule._load = function (request: string, parent: unknown, isMain: boolean) {
  if (request === 'vscode') {
    return fakeVscode;
  }
  if (request === 'vscode-languageclient/node') {
    return fakeClientModule;
  }
  return originalLoad.call(this, request, parent, isMain);
};

const extensionPath = require.resolve('../src/extension');
let binFolder: string;
const originalPath = process.env['PATH'];

function loadExtension(): { activate(context: unknown): Promise<void>; deactivate(): Promise<void> } {
  delete require.cache[extensionPath];
  return require(extensionPath);
}

async function activate(): Promise<void> {
  await loadExtension().activate({ subscriptions: [] });
}

function fireConfigurationChange(changedKeys: string[]): Promise<unknown> {
  const event = {
    affectsConfiguration: (section: string) => changedKeys.some((key) => key === section || key.startsWith(`${section}.`)),
  };
  return Promise.all((world.listeners['configuration'] ?? []).map((listener) => listener(event)));
}

beforeEach(() => {
  world = {
    trusted: true,
    globalSettings: {},
    workspaceSettings: {},
    commands: new Map(),
    errors: [],
    infos: [],
    log: [],
    diagnostics: new Map(),
    activeEditor: undefined,
    listeners: {},
    executed: [],
    statusItem: { text: '', tooltip: '' },
    clients: [],
  };
  binFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'rolelint-bin-'));
  const fake = path.join(binFolder, 'rolelint');
  fs.writeFileSync(fake, '#!/bin/sh\nexit 0\n');
  fs.chmodSync(fake, 0o755);
  process.env['PATH'] = binFolder;
});

afterEach(() => {
  process.env['PATH'] = originalPath;
  fs.rmSync(binFolder, { recursive: true, force: true });
});

test('activation starts rolelint from PATH for Markdown and plain text and registers the commands', async () => {
  await activate();
  assert.equal(world.clients.length, 1);
  const client = world.clients[0];
  assert.equal(client.id, 'rolelint');
  assert.equal(client.serverOptions.command, path.join(binFolder, 'rolelint'));
  assert.deepEqual(client.serverOptions.args, ['server', '--stdio']);
  const languages = new Set(client.clientOptions.documentSelector.map((selector: { language: string }) => selector.language));
  assert.deepEqual([...languages].sort(), ['markdown', 'plaintext']);
  assert.deepEqual([...world.commands.keys()].sort(), ['rolelint.explainRule', 'rolelint.fixAll', 'rolelint.restartServer', 'rolelint.showOutput']);
  assert.equal(world.statusItem.command, 'rolelint.showOutput');
  assert.deepEqual(world.errors, []);
});

test('settings reach the server as initialization options and as section rolelint', async () => {
  world.globalSettings = { 'rules.disable': ['po-owns-vision'], failOn: 'error' };
  await activate();
  const options = world.clients[0].clientOptions;
  const expected = { rules: { disable: ['po-owns-vision'] }, 'fail-on': 'error' };
  assert.deepEqual(options.initializationOptions(), expected);
  const next = async (params: { items: unknown[] }) => params.items.map(() => ({ fromVscode: true }));
  const answers = await options.middleware.workspace.configuration(
    { items: [{ section: 'rolelint' }, { section: 'editor' }] },
    undefined,
    next,
  );
  assert.deepEqual(answers, [expected, { fromVscode: true }]);
});

test('a missing server is reported with what to do, and nothing starts', async () => {
  process.env['PATH'] = path.join(binFolder, 'empty');
  await activate();
  assert.equal(world.clients.length, 0);
  assert.equal(world.errors.length, 1);
  assert.match(world.errors[0], /not found on PATH/);
  assert.match(world.errors[0], /rolelint\.server\.path/);
  assert.match(world.statusItem.tooltip, /not found/);
});

test('an untrusted workspace cannot pick the server, a trusted one can', async () => {
  const workspaceBinary = path.join(binFolder, 'workspace-rolelint');
  fs.writeFileSync(workspaceBinary, '#!/bin/sh\n');
  fs.chmodSync(workspaceBinary, 0o755);
  world.workspaceSettings = { 'server.path': workspaceBinary };
  world.trusted = false;
  await activate();
  assert.equal(world.clients[0].serverOptions.command, path.join(binFolder, 'rolelint'));

  // Granting trust restarts with the workspace's choice.
  world.trusted = true;
  await Promise.all((world.listeners['trust'] ?? []).map((listener) => listener()));
  assert.equal(world.clients[0].stopped, true);
  assert.equal(world.clients.at(-1)!.serverOptions.command, workspaceBinary);
});

test('a settings change is sent to the running server; a new server path restarts it', async () => {
  await activate();
  const first = world.clients[0];
  world.globalSettings = { 'rules.severity': { 'po-owns-roadmap': 'error' } };
  await fireConfigurationChange(['rolelint.rules.severity']);
  assert.deepEqual(first.notifications, [
    ['workspace/didChangeConfiguration', { settings: { rolelint: { rules: { severity: { 'po-owns-roadmap': 'error' } } } } }],
  ]);
  assert.equal(world.clients.length, 1);

  await fireConfigurationChange(['editor.fontSize']);
  assert.equal(first.notifications.length, 1, 'other sections are not sent');

  world.globalSettings = { 'server.path': path.join(binFolder, 'rolelint') };
  await fireConfigurationChange(['rolelint.server.path']);
  assert.equal(first.stopped, true);
  assert.equal(world.clients.length, 2);
});

test('the status bar counts the active document findings', async () => {
  await activate();
  const uri = new FakeUri('/work/space/role.md');
  world.activeEditor = { document: { uri, languageId: 'markdown' }, selection: { active: { line: 0, character: 0 } } };
  world.diagnostics.set(uri.toString(), [
    { source: 'rolelint', code: 'po-owns-roadmap', range: { start: { line: 1, character: 0 }, end: { line: 1, character: 5 } }, message: 'm' },
    { source: 'rolelint', code: 'po-owns-vision', range: { start: { line: 2, character: 0 }, end: { line: 2, character: 5 } }, message: 'm' },
    { source: 'markdownlint', code: 'MD013', range: { start: { line: 2, character: 0 }, end: { line: 2, character: 5 } }, message: 'm' },
  ]);
  (world.listeners['diagnostics'] ?? []).forEach((listener) => listener({ uris: [uri] }));
  assert.equal(world.statusItem.text, '$(warning) rolelint: 2');

  world.diagnostics.set(uri.toString(), []);
  (world.listeners['diagnostics'] ?? []).forEach((listener) => listener({ uris: [uri] }));
  assert.equal(world.statusItem.text, '$(check) rolelint');
});

test('explain without a finding under the cursor says so', async () => {
  await activate();
  const uri = new FakeUri('/work/space/role.md');
  world.activeEditor = { document: { uri, languageId: 'markdown' }, selection: { active: { line: 5, character: 0 } } };
  await world.commands.get('rolelint.explainRule')!();
  assert.deepEqual(world.infos, ['rolelint: there is no finding under the cursor.']);
});
