// Checks package.json against the code: what is contributed is what the code uses, and back.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { COMMAND, LANGUAGES } from '../src/commands';
import { RESTRICTED_SETTINGS, SECTION, SETTING, SEVERITIES } from '../src/settings';

// Compiled to out/test/, so the extension folder is two levels up.
const extensionFolder = path.resolve(__dirname, '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(extensionFolder, 'package.json'), 'utf8'));
const extensionSource = fs.readFileSync(path.join(extensionFolder, 'src', 'extension.ts'), 'utf8');

test('activates on exactly the languages handed to the server', () => {
  assert.deepEqual([...manifest.activationEvents].sort(), LANGUAGES.map((language) => `onLanguage:${language}`).sort());
});

test('the contributed settings are exactly the ones the code reads, each described', () => {
  const properties: Record<string, Record<string, unknown>> = manifest.contributes.configuration.properties;
  assert.deepEqual(Object.keys(properties).sort(), Object.values(SETTING).map((key) => `${SECTION}.${key}`).sort());
  for (const [key, property] of Object.entries(properties)) {
    const description = property.markdownDescription ?? property.description;
    assert.ok(typeof description === 'string' && description.length > 20, `${key} needs a description`);
    assert.ok('default' in property, `${key} needs a default`);
  }
  // vscode-languageclient reads `<client id>.trace.server`; the client id must be the section.
  assert.match(extensionSource, /new LanguageClient\('rolelint'/);
});

test('severity settings offer exactly the severities the code accepts', () => {
  const properties = manifest.contributes.configuration.properties;
  assert.deepEqual(properties[`${SECTION}.${SETTING.failOn}`].enum, [...SEVERITIES]);
  assert.deepEqual(properties[`${SECTION}.${SETTING.rulesSeverity}`].additionalProperties.enum, [...SEVERITIES]);
});

test('contributed commands are the registered ones', () => {
  const contributed: string[] = manifest.contributes.commands.map((command: { command: string }) => command.command);
  assert.deepEqual([...contributed].sort(), Object.values(COMMAND).sort());
  for (const name of Object.keys(COMMAND)) {
    assert.match(extensionSource, new RegExp(`registerCommand\\(COMMAND\\.${name},`), `COMMAND.${name} is not registered`);
  }
  for (const command of manifest.contributes.commands) {
    assert.equal(command.category, 'rolelint');
    assert.ok(command.title.length > 0);
  }
  for (const entry of manifest.contributes.menus.commandPalette) {
    assert.ok(contributed.includes(entry.command), `menu entry ${entry.command} is not a contributed command`);
  }
});

test('untrusted workspaces are limited to the restricted settings the code enforces', () => {
  const untrusted = manifest.capabilities.untrustedWorkspaces;
  assert.equal(untrusted.supported, 'limited');
  assert.deepEqual([...untrusted.restrictedConfigurations].sort(), RESTRICTED_SETTINGS.map((key) => `${SECTION}.${key}`).sort());
  assert.match(untrusted.description, /untrusted/);
});

test('the entry point exists after compiling and the engine matches the typings', () => {
  assert.ok(fs.existsSync(path.join(extensionFolder, manifest.main)), `${manifest.main} is missing`);
  const typesVersion: string = manifest.devDependencies['@types/vscode'];
  assert.equal(manifest.engines.vscode, `^${typesVersion}`);
});

test('every dependency is pinned to an exact version', () => {
  for (const group of ['dependencies', 'devDependencies']) {
    for (const [name, version] of Object.entries(manifest[group] as Record<string, string>)) {
      assert.match(version, /^\d+\.\d+\.\d+$/, `${group}.${name} is "${version}", not an exact version`);
    }
  }
  const lock = JSON.parse(fs.readFileSync(path.join(extensionFolder, 'package-lock.json'), 'utf8'));
  assert.equal(lock.packages[''].dependencies['vscode-languageclient'], manifest.dependencies['vscode-languageclient']);
});
