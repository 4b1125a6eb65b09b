// Finds the `rolelint` executable: the `rolelint.server.path` setting, else `rolelint` on PATH.
// No `vscode` import here, so the logic runs under node's test runner.

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** Arguments that start the language server on stdio. */
export const SERVER_ARGS: readonly string[] = ['server', '--stdio'];

/** Where the executable was found, or why it was not. */
export type ServerLocation =
  | { found: true; command: string; source: 'setting' | 'path' }
  | { found: false; message: string };

/** What the lookup needs from the machine, so tests can supply their own. */
export interface Machine {
  platform: NodeJS.Platform;
  pathVariable: string | undefined;
  pathExtVariable: string | undefined;
  home: string;
  isExecutableFile(candidate: string): boolean;
}

/** The real machine this extension runs on. */
export function currentMachine(): Machine {
  return {
    platform: process.platform,
    pathVariable: process.env['PATH'],
    pathExtVariable: process.env['PATHEXT'],
    home: os.homedir(),
    isExecutableFile(candidate: string): boolean {
      try {
        if (!fs.statSync(candidate).isFile()) {
          return false;
        }
        if (process.platform !== 'win32') {
          fs.accessSync(candidate, fs.constants.X_OK);
        }
        return true;
      } catch {
        return false;
      }
    },
  };
}

/** The names a bare command may have on disk (Windows adds PATHEXT extensions). */
function executableNames(name: string, machine: Machine): string[] {
  if (machine.platform !== 'win32' || path.extname(name) !== '') {
    return [name];
  }
  const extensions = (machine.pathExtVariable ?? '.EXE;.CMD;.BAT').split(';').filter((ext) => ext !== '');
  return [name, ...extensions.map((ext) => name + ext.toLowerCase())];
}

/** Searches PATH for a command, the way a shell would. */
export function findOnPath(name: string, machine: Machine): string | undefined {
  const separator = machine.platform === 'win32' ? ';' : ':';
  const folders = (machine.pathVariable ?? '').split(separator).filter((folder) => folder !== '');
  for (const folder of folders) {
    for (const candidate of executableNames(name, machine)) {
      const full = path.join(folder, candidate);
      if (machine.isExecutableFile(full)) {
        return full;
      }
    }
  }
  return undefined;
}

const INSTALL_HINT =
  'Install it with `cargo install --path .` from a rolelint checkout (or put a rolelint binary on your PATH), ' +
  'or set "rolelint.server.path" to the full path of the executable.';

/**
 * Locates the server. A configured path may start with `~` and, when relative, is taken from the
 * workspace folder; a bare name (no slash) is looked up on PATH.
 */
export function locateServer(configuredPath: string | undefined, workspaceFolder: string | undefined, machine: Machine): ServerLocation {
  if (configuredPath !== undefined) {
    let candidate = configuredPath;
    if (candidate === '~' || candidate.startsWith('~/')) {
      candidate = path.join(machine.home, candidate.slice(1));
    }
    const bareName = !candidate.includes('/') && !candidate.includes('\\');
    if (bareName) {
      const onPath = findOnPath(candidate, machine);
      if (onPath) {
        return { found: true, command: onPath, source: 'setting' };
      }
      return {
        found: false,
        message: `rolelint.server.path is "${configuredPath}", but no such program is on PATH. ${INSTALL_HINT}`,
      };
    }
    if (!path.isAbsolute(candidate) && workspaceFolder !== undefined) {
      candidate = path.join(workspaceFolder, candidate);
    }
    if (machine.isExecutableFile(candidate)) {
      return { found: true, command: candidate, source: 'setting' };
    }
    return {
      found: false,
      message: `rolelint.server.path points to "${candidate}", which is not an executable file. ${INSTALL_HINT}`,
    };
  }
  const onPath = findOnPath('rolelint', machine);
  if (onPath) {
    return { found: true, command: onPath, source: 'path' };
  }
  return { found: false, message: `The rolelint executable was not found on PATH. ${INSTALL_HINT}` };
}
