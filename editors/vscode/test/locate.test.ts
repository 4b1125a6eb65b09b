import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Machine, findOnPath, locateServer } from '../src/server';

function machine(files: string[], pathVariable = '/usr/local/bin:/usr/bin'): Machine {
  return {
    platform: 'linux',
    pathVariable,
    pathExtVariable: undefined,
    home: '/home/me',
    isExecutableFile: (candidate) => files.includes(candidate),
  };
}

test('without a setting, rolelint is found on PATH in PATH order', () => {
  const location = locateServer(undefined, undefined, machine(['/usr/bin/rolelint', '/usr/local/bin/rolelint']));
  assert.deepEqual(location, { found: true, command: '/usr/local/bin/rolelint', source: 'path' });
});

test('a missing server gives a message that says what to do', () => {
  const location = locateServer(undefined, undefined, machine([]));
  assert.equal(location.found, false);
  if (!location.found) {
    assert.match(location.message, /not found on PATH/);
    assert.match(location.message, /rolelint\.server\.path/);
    assert.match(location.message, /cargo install/);
  }
});

test('the setting wins over PATH, with ~ and workspace-relative paths', () => {
  const files = ['/usr/bin/rolelint', '/home/me/bin/rolelint', '/repo/target/debug/rolelint'];
  assert.deepEqual(locateServer('~/bin/rolelint', '/repo', machine(files)), { found: true, command: '/home/me/bin/rolelint', source: 'setting' });
  assert.deepEqual(locateServer('target/debug/rolelint', '/repo', machine(files)), {
    found: true,
    command: '/repo/target/debug/rolelint',
    source: 'setting',
  });
});

test('a bare name in the setting is looked up on PATH', () => {
  assert.deepEqual(locateServer('rolelint-nightly', undefined, machine(['/usr/bin/rolelint-nightly'])), {
    found: true,
    command: '/usr/bin/rolelint-nightly',
    source: 'setting',
  });
});

test('a setting that points nowhere names the path it tried', () => {
  const location = locateServer('/opt/nothing/rolelint', undefined, machine(['/usr/bin/rolelint']));
  assert.equal(location.found, false);
  if (!location.found) {
    assert.match(location.message, /\/opt\/nothing\/rolelint/);
  }
});

test('Windows lookups try PATHEXT extensions', () => {
  const windows: Machine = {
    platform: 'win32',
    pathVariable: 'C:\\tools;C:\\bin',
    pathExtVariable: '.COM;.EXE',
    home: 'C:\\Users\\me',
    isExecutableFile: (candidate) => candidate.endsWith('rolelint.exe') && candidate.includes('bin'),
  };
  const found = findOnPath('rolelint', windows);
  assert.ok(found?.endsWith('rolelint.exe'));
  assert.ok(found?.includes('bin'));
});
