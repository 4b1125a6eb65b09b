// The VS Code extension: starts `rolelint server`, passes the settings on, and adds commands and
// a status bar item. The logic that does not need VS Code lives in the sibling modules.

import { execFile } from 'child_process';
import * as vscode from 'vscode';
import {
  DidChangeConfigurationNotification,
  LanguageClient,
  LanguageClientOptions,
  RevealOutputChannelOn,
  ServerOptions,
  State,
} from 'vscode-languageclient/node';
import { COMMAND, LANGUAGES, didChangeConfigurationParams } from './commands';
import { FIX_ALL_KIND, countFindings, findingAt, ruleIdOf, statusView } from './findings';
import { SERVER_ARGS, currentMachine, locateServer } from './server';
import { SECTION, SETTING, readClientSettings, toServerConfiguration } from './settings';

let client: LanguageClient | undefined;
let serverCommand: string | undefined;
let output: vscode.LogOutputChannel;
let statusItem: vscode.StatusBarItem;
let serverState: 'starting' | 'running' | 'stopped' | 'missing' = 'stopped';

/** Rule explanations are shown as read-only documents of this scheme. */
const EXPLAIN_SCHEME = 'rolelint-explain';
const explanations = new Map<string, string>();
let explanationChanges: vscode.EventEmitter<vscode.Uri>;

function firstWorkspaceFolder(resource?: vscode.Uri): string | undefined {
  const folder = resource ? vscode.workspace.getWorkspaceFolder(resource) : vscode.workspace.workspaceFolders?.[0];
  return folder?.uri.scheme === 'file' ? folder.uri.fsPath : undefined;
}

/** The server configuration for a resource (or the workspace), as sent to the server. */
function serverConfiguration(resource?: vscode.Uri): Record<string, unknown> {
  const reader = vscode.workspace.getConfiguration(SECTION, resource ?? null);
  const { settings, warnings } = readClientSettings(reader, vscode.workspace.isTrusted);
  for (const warning of warnings) {
    output.warn(warning);
  }
  return toServerConfiguration(settings, firstWorkspaceFolder(resource));
}

function updateStatus(): void {
  const editor = vscode.window.activeTextEditor;
  let findings: number | undefined;
  if (editor && LANGUAGES.includes(editor.document.languageId)) {
    findings = countFindings(vscode.languages.getDiagnostics(editor.document.uri));
  }
  const view = statusView(serverState, findings);
  statusItem.text = view.text;
  statusItem.tooltip = view.tooltip;
  statusItem.show();
}

async function startClient(): Promise<void> {
  const reader = vscode.workspace.getConfiguration(SECTION);
  const { settings } = readClientSettings(reader, vscode.workspace.isTrusted);
  const location = locateServer(settings.serverPath, firstWorkspaceFolder(), currentMachine());
  if (!location.found) {
    serverState = 'missing';
    updateStatus();
    output.error(location.message);
    const showOutput = 'Show Output';
    const openSettings = 'Open Settings';
    void vscode.window.showErrorMessage(location.message, openSettings, showOutput).then((choice) => {
      if (choice === openSettings) {
        void vscode.commands.executeCommand('workbench.action.openSettings', `${SECTION}.${SETTING.serverPath}`);
      } else if (choice === showOutput) {
        output.show();
      }
    });
    return;
  }
  serverCommand = location.command;
  output.info(`Starting ${location.command} ${SERVER_ARGS.join(' ')} (found via ${location.source === 'setting' ? 'rolelint.server.path' : 'PATH'})`);

  const serverOptions: ServerOptions = {
    command: location.command,
    args: [...SERVER_ARGS],
    options: { cwd: firstWorkspaceFolder() },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: LANGUAGES.flatMap((language) => [
      { scheme: 'file', language },
      { scheme: 'untitled', language },
    ]),
    outputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    initializationOptions: () => serverConfiguration(),
    middleware: {
      workspace: {
        // The server asks for section `rolelint`; answer with the same shape as the
        // initialization options rather than VS Code's own setting names.
        configuration: async (params, token, next) => {
          const answers = await next(params, token);
          if (!Array.isArray(answers)) {
            return answers;
          }
          return params.items.map((item, index) =>
            item.section === SECTION ? serverConfiguration(item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined) : answers[index],
          );
        },
      },
    },
  };

  client = new LanguageClient('rolelint', 'rolelint', serverOptions, clientOptions);
  client.onDidChangeState((event) => {
    serverState = event.newState === State.Running ? 'running' : event.newState === State.Starting ? 'starting' : 'stopped';
    updateStatus();
  });
  serverState = 'starting';
  updateStatus();
  try {
    await client.start();
  } catch (error) {
    serverState = 'stopped';
    updateStatus();
    output.error(`The rolelint server did not start: ${String(error)}`);
    void vscode.window.showErrorMessage(`rolelint: the server did not start (${location.command}). See the output for details.`);
  }
}

async function stopClient(): Promise<void> {
  const running = client;
  client = undefined;
  if (running) {
    try {
      await running.stop();
    } catch (error) {
      output.warn(`Stopping the server: ${String(error)}`);
    }
  }
  serverState = 'stopped';
}

async function restartClient(): Promise<void> {
  await stopClient();
  await startClient();
  updateStatus();
}

/** Applies the server's `source.fixAll.rolelint` action to the active document. */
async function fixAll(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    return;
  }
  const document = editor.document;
  const wholeDocument = new vscode.Range(0, 0, document.lineCount, 0);
  const actions =
    (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      wholeDocument,
      FIX_ALL_KIND,
    )) ?? [];
  const fixes = actions.filter((action): action is vscode.CodeAction => 'kind' in action && action.kind?.value === FIX_ALL_KIND);
  if (fixes.length === 0) {
    void vscode.window.showInformationMessage('rolelint: nothing to fix safely in this document.');
    return;
  }
  for (const fix of fixes) {
    if (fix.edit) {
      await vscode.workspace.applyEdit(fix.edit);
    }
    if (fix.command) {
      await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
    }
  }
}

function runExplain(command: string, rule: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, ['explain', rule], { timeout: 10_000, maxBuffer: 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) {
        reject(new Error(stderr.trim() || error.message));
      } else {
        resolve(stdout);
      }
    });
  });
}

/** Shows `rolelint explain RULE` for the finding under the cursor. */
async function explainRule(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    return;
  }
  const diagnostic = findingAt(vscode.languages.getDiagnostics(editor.document.uri), editor.selection.active);
  const rule = diagnostic ? ruleIdOf(diagnostic) : undefined;
  if (!diagnostic || !rule) {
    void vscode.window.showInformationMessage('rolelint: there is no finding under the cursor.');
    return;
  }
  const target = typeof diagnostic.code === 'object' ? diagnostic.code.target : undefined;
  if (serverCommand) {
    try {
      const text = await runExplain(serverCommand, rule);
      // A read-only document outside the server's document selector, so it is not checked.
      const uri = vscode.Uri.parse(`${EXPLAIN_SCHEME}:${rule}.txt`);
      explanations.set(uri.toString(), text);
      explanationChanges.fire(uri);
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: true });
      return;
    } catch (error) {
      output.warn(`rolelint explain ${rule}: ${String(error)}`);
    }
  }
  if (target) {
    await vscode.env.openExternal(target);
    return;
  }
  void vscode.window.showInformationMessage(`${rule}: ${diagnostic.message}`);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('rolelint', { log: true });
  statusItem = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Right, 100);
  statusItem.command = COMMAND.showOutput;
  explanationChanges = new vscode.EventEmitter<vscode.Uri>();
  context.subscriptions.push(output, statusItem, explanationChanges);
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(EXPLAIN_SCHEME, {
      onDidChange: explanationChanges.event,
      provideTextDocumentContent: (uri) => explanations.get(uri.toString()) ?? '',
    }),
  );

  context.subscriptions.push(
    vscode.commands.registerCommand(COMMAND.restartServer, restartClient),
    vscode.commands.registerCommand(COMMAND.fixAll, fixAll),
    vscode.commands.registerCommand(COMMAND.explainRule, explainRule),
    vscode.commands.registerCommand(COMMAND.showOutput, () => output.show()),
    vscode.languages.onDidChangeDiagnostics(updateStatus),
    vscode.window.onDidChangeActiveTextEditor(updateStatus),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (!event.affectsConfiguration(SECTION)) {
        return;
      }
      // A new executable needs a new process; everything else is sent to the running one.
      if (event.affectsConfiguration(`${SECTION}.${SETTING.serverPath}`) || !client) {
        await restartClient();
      } else if (client.isRunning()) {
        await client.sendNotification(DidChangeConfigurationNotification.type, didChangeConfigurationParams(SECTION, serverConfiguration()));
      }
    }),
    // Trusting the workspace makes its server path and rule folders count.
    vscode.workspace.onDidGrantWorkspaceTrust(restartClient),
  );
  await startClient();
  updateStatus();
}

export async function deactivate(): Promise<void> {
  await stopClient();
}
