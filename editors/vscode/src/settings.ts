// Reads the extension's settings and turns them into the configuration the server understands.
// No `vscode` import here, so the logic runs under node's test runner.

import * as os from 'os';
import * as path from 'path';

/** The settings this extension contributes, without the `rolelint.` prefix. */
export const SETTING = {
  serverPath: 'server.path',
  rulesEnable: 'rules.enable',
  rulesDisable: 'rules.disable',
  rulesSeverity: 'rules.severity',
  ruleFolders: 'ruleFolders',
  rolesProductManager: 'roles.productManager',
  rolesProductOwner: 'roles.productOwner',
  rolesCombined: 'roles.combined',
  failOn: 'failOn',
  traceServer: 'trace.server',
} as const;

/** The configuration section the settings live in and the server asks for. */
export const SECTION = 'rolelint';

/**
 * Settings a workspace could use to run a program of its choosing; an untrusted workspace's
 * values for these are ignored (also declared in package.json's `restrictedConfigurations`).
 */
export const RESTRICTED_SETTINGS: readonly string[] = [SETTING.serverPath, SETTING.ruleFolders];

export const SEVERITIES = ['error', 'warning', 'info'] as const;
export type SeverityName = (typeof SEVERITIES)[number];

/** What `WorkspaceConfiguration.inspect` returns, reduced to what is used here. */
export interface InspectedValue<T> {
  defaultValue?: T;
  globalValue?: T;
  workspaceValue?: T;
  workspaceFolderValue?: T;
}

/** The part of `vscode.WorkspaceConfiguration` this module needs. */
export interface ConfigurationReader {
  inspect<T>(key: string): InspectedValue<T> | undefined;
}

/** The extension's settings, as the user set them (unset values stay undefined). */
export interface ClientSettings {
  serverPath?: string;
  rulesEnable?: string[];
  rulesDisable?: string[];
  rulesSeverity?: Record<string, SeverityName>;
  ruleFolders?: string[];
  rolesProductManager?: string[];
  rolesProductOwner?: string[];
  rolesCombined?: boolean;
  failOn?: SeverityName;
}

/** Problems found while reading the settings, for the output channel. */
export interface SettingsResult {
  settings: ClientSettings;
  warnings: string[];
}

/**
 * The value the user set for a key: folder over workspace over user settings. In an untrusted
 * workspace a restricted key only takes the user's own (global) value.
 */
function explicitValue<T>(reader: ConfigurationReader, key: string, trusted: boolean): T | undefined {
  const inspected = reader.inspect<T>(key);
  if (!inspected) {
    return undefined;
  }
  if (!trusted && RESTRICTED_SETTINGS.includes(key)) {
    return inspected.globalValue;
  }
  return inspected.workspaceFolderValue ?? inspected.workspaceValue ?? inspected.globalValue;
}

function stringList(value: unknown, key: string, warnings: string[]): string[] | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    warnings.push(`rolelint.${key} must be a list of strings; ignored.`);
    return undefined;
  }
  const cleaned = value.map((item) => item.trim()).filter((item) => item.length > 0);
  return cleaned.length > 0 ? cleaned : undefined;
}

function severityName(value: unknown): value is SeverityName {
  return typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value);
}

/** Reads every setting, dropping (with a warning) values of the wrong shape. */
export function readClientSettings(reader: ConfigurationReader, trusted: boolean): SettingsResult {
  const warnings: string[] = [];
  const settings: ClientSettings = {};

  const serverPath = explicitValue<unknown>(reader, SETTING.serverPath, trusted);
  if (typeof serverPath === 'string' && serverPath.trim() !== '') {
    settings.serverPath = serverPath.trim();
  }

  settings.rulesEnable = stringList(explicitValue(reader, SETTING.rulesEnable, trusted), SETTING.rulesEnable, warnings);
  settings.rulesDisable = stringList(explicitValue(reader, SETTING.rulesDisable, trusted), SETTING.rulesDisable, warnings);
  settings.ruleFolders = stringList(explicitValue(reader, SETTING.ruleFolders, trusted), SETTING.ruleFolders, warnings);
  settings.rolesProductManager = stringList(
    explicitValue(reader, SETTING.rolesProductManager, trusted),
    SETTING.rolesProductManager,
    warnings,
  );
  settings.rolesProductOwner = stringList(explicitValue(reader, SETTING.rolesProductOwner, trusted), SETTING.rolesProductOwner, warnings);

  const severity = explicitValue<unknown>(reader, SETTING.rulesSeverity, trusted);
  if (severity !== undefined && severity !== null) {
    if (typeof severity !== 'object' || Array.isArray(severity)) {
      warnings.push(`rolelint.${SETTING.rulesSeverity} must map rule ids to error, warning or info; ignored.`);
    } else {
      const kept: Record<string, SeverityName> = {};
      for (const [rule, level] of Object.entries(severity as Record<string, unknown>)) {
        if (severityName(level)) {
          kept[rule] = level;
        } else {
          warnings.push(`rolelint.${SETTING.rulesSeverity}: '${String(level)}' for ${rule} is not error, warning or info; ignored.`);
        }
      }
      if (Object.keys(kept).length > 0) {
        settings.rulesSeverity = kept;
      }
    }
  }

  const combined = explicitValue<unknown>(reader, SETTING.rolesCombined, trusted);
  if (typeof combined === 'boolean') {
    settings.rolesCombined = combined;
  }

  const failOn = explicitValue<unknown>(reader, SETTING.failOn, trusted);
  if (failOn !== undefined && failOn !== null) {
    if (severityName(failOn)) {
      settings.failOn = failOn;
    } else {
      warnings.push(`rolelint.${SETTING.failOn} must be error, warning or info; ignored.`);
    }
  }

  return { settings, warnings };
}

/**
 * Makes a rule folder absolute (the server takes editor rule folders as given, not relative to
 * a config file): `~` is the home folder, `${workspaceFolder}` and relative paths
 * start at the workspace folder (or stay as they are when there is none).
 */
export function resolveFolder(folder: string, workspaceFolder: string | undefined, home: string = os.homedir()): string {
  let resolved = folder;
  if (workspaceFolder !== undefined) {
    resolved = resolved.split('${workspaceFolder}').join(workspaceFolder);
  }
  if (resolved === '~' || resolved.startsWith('~/')) {
    resolved = path.join(home, resolved.slice(1));
  }
  if (!path.isAbsolute(resolved) && workspaceFolder !== undefined) {
    resolved = path.join(workspaceFolder, resolved);
  }
  return resolved;
}

/**
 * The configuration sent to the server (initialization options, `workspace/configuration`
 * section `rolelint`, `workspace/didChangeConfiguration`). Keys are those of `.rolelint.toml`;
 * only what the user set is sent, so a project's `.rolelint.toml` still applies to the rest.
 */
export function toServerConfiguration(settings: ClientSettings, workspaceFolder?: string): Record<string, unknown> {
  const configuration: Record<string, unknown> = {};
  const rules: Record<string, unknown> = {};
  if (settings.rulesEnable) {
    rules['enable'] = settings.rulesEnable;
  }
  if (settings.rulesDisable) {
    rules['disable'] = settings.rulesDisable;
  }
  if (settings.rulesSeverity) {
    rules['severity'] = settings.rulesSeverity;
  }
  if (Object.keys(rules).length > 0) {
    configuration['rules'] = rules;
  }
  if (settings.ruleFolders) {
    configuration['rule-folders'] = settings.ruleFolders.map((folder) => resolveFolder(folder, workspaceFolder));
  }

  const roles: Record<string, unknown> = {};
  if (settings.rolesProductManager) {
    roles['product-manager'] = settings.rolesProductManager;
  }
  if (settings.rolesProductOwner) {
    roles['product-owner'] = settings.rolesProductOwner;
  }
  if (settings.rolesCombined !== undefined) {
    roles['combined'] = settings.rolesCombined;
  }
  if (Object.keys(roles).length > 0) {
    configuration['roles'] = roles;
  }

  if (settings.failOn) {
    configuration['fail-on'] = settings.failOn;
  }
  return configuration;
}
