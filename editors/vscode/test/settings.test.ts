import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { ConfigurationReader, InspectedValue, readClientSettings, resolveFolder, toServerConfiguration } from '../src/settings';

/** A configuration reader over explicit user (global) and workspace values. */
function reader(global: Record<string, unknown>, workspace: Record<string, unknown> = {}): ConfigurationReader {
  return {
    inspect<T>(key: string): InspectedValue<T> {
      return { globalValue: global[key] as T | undefined, workspaceValue: workspace[key] as T | undefined };
    },
  };
}

test('nothing set sends an empty configuration, so .rolelint.toml decides', () => {
  const { settings, warnings } = readClientSettings(reader({}), true);
  assert.deepEqual(toServerConfiguration(settings), {});
  assert.deepEqual(warnings, []);
});

test('every setting maps to its .rolelint.toml key', () => {
  const { settings, warnings } = readClientSettings(
    reader({
      'rules.enable': ['cross-role'],
      'rules.disable': ['po-owns-vision', ' '],
      'rules.severity': { 'unqualified-prioritization': 'info' },
      ruleFolders: ['/srv/rules', 'house-rules'],
      'roles.productManager': ['Product Lead'],
      'roles.productOwner': ['Delivery Owner'],
      'roles.combined': true,
      failOn: 'error',
    }),
    true,
  );
  assert.deepEqual(warnings, []);
  assert.deepEqual(toServerConfiguration(settings, '/work/space'), {
    rules: {
      enable: ['cross-role'],
      disable: ['po-owns-vision'],
      severity: { 'unqualified-prioritization': 'info' },
    },
    'rule-folders': ['/srv/rules', path.join('/work/space', 'house-rules')],
    roles: { 'product-manager': ['Product Lead'], 'product-owner': ['Delivery Owner'], combined: true },
    'fail-on': 'error',
  });
});

test('workspace values win over user values in a trusted workspace', () => {
  const { settings } = readClientSettings(
    reader({ 'rules.disable': ['a'], 'server.path': '/usr/bin/rolelint' }, { 'rules.disable': ['b'], 'server.path': './bin/rolelint' }),
    true,
  );
  assert.deepEqual(settings.rulesDisable, ['b']);
  assert.equal(settings.serverPath, './bin/rolelint');
});

test('an untrusted workspace cannot choose the server path or rule folders', () => {
  const workspace = { 'server.path': './evil', ruleFolders: ['./evil-rules'], 'rules.disable': ['x'] };
  const { settings } = readClientSettings(reader({ ruleFolders: ['/home/me/rules'] }, workspace), false);
  assert.equal(settings.serverPath, undefined);
  assert.deepEqual(settings.ruleFolders, ['/home/me/rules']);
  // Settings that cannot run anything still follow the workspace.
  assert.deepEqual(settings.rulesDisable, ['x']);
});

test('values of the wrong shape are dropped with a warning naming the setting', () => {
  const { settings, warnings } = readClientSettings(
    reader({
      'rules.disable': 'po-owns-vision',
      'rules.severity': { 'po-owns-roadmap': 'fatal', 'po-owns-vision': 'error' },
      'roles.productOwner': [42],
      failOn: 'sometimes',
    }),
    true,
  );
  assert.equal(settings.rulesDisable, undefined);
  assert.deepEqual(settings.rulesSeverity, { 'po-owns-vision': 'error' });
  assert.equal(settings.rolesProductOwner, undefined);
  assert.equal(settings.failOn, undefined);
  assert.equal(warnings.length, 4);
  assert.ok(warnings[0].includes('rolelint.rules.disable'));
  assert.ok(warnings.some((warning) => warning.includes("'fatal'")));
  assert.ok(warnings.some((warning) => warning.includes('rolelint.roles.productOwner')));
  assert.ok(warnings.some((warning) => warning.includes('rolelint.failOn')));
});

test('combined roles set to false is still sent, to override a project file', () => {
  const { settings } = readClientSettings(reader({ 'roles.combined': false }), true);
  assert.deepEqual(toServerConfiguration(settings), { roles: { combined: false } });
});

test('rule folders become absolute paths', () => {
  const home = path.join(path.sep, 'home', 'me');
  const workspace = path.join(path.sep, 'repo');
  assert.equal(resolveFolder('rules', workspace, home), path.join(workspace, 'rules'));
  assert.equal(resolveFolder('${workspaceFolder}/more', workspace, home), path.join(workspace, 'more'));
  assert.equal(resolveFolder('~/rules', workspace, home), path.join(home, 'rules'));
  assert.equal(resolveFolder('/abs/rules', workspace, home), '/abs/rules');
  assert.equal(resolveFolder('rules', undefined, home), 'rules');
});
