import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DiagnosticLike, countFindings, findingAt, ruleIdOf, statusView } from '../src/findings';

function diagnostic(rule: string, line: number, start: number, end: number, source = 'rolelint'): DiagnosticLike {
  return {
    range: { start: { line, character: start }, end: { line, character: end } },
    source,
    code: { value: rule, target: `https://example.invalid/rules/${rule}` },
    message: rule,
  };
}

test('the rule id comes from the code, in either of its shapes', () => {
  assert.equal(ruleIdOf(diagnostic('po-owns-roadmap', 0, 0, 1)), 'po-owns-roadmap');
  assert.equal(ruleIdOf({ ...diagnostic('x', 0, 0, 1), code: 'po-owns-vision' }), 'po-owns-vision');
  assert.equal(ruleIdOf(diagnostic('MD013', 0, 0, 1, 'markdownlint')), undefined);
  assert.equal(ruleIdOf({ ...diagnostic('x', 0, 0, 1), code: undefined }), undefined);
});

test('the narrowest finding under the cursor is the one explained', () => {
  const wide = diagnostic('po-owns-roadmap', 5, 2, 40);
  const narrow = diagnostic('po-plans-years-ahead', 5, 30, 36);
  const other = diagnostic('MD013', 5, 0, 80, 'markdownlint');
  assert.equal(findingAt([other, wide, narrow], { line: 5, character: 32 }), narrow);
  assert.equal(findingAt([other, wide, narrow], { line: 5, character: 10 }), wide);
});

test('a cursor elsewhere on a flagged line still finds its finding', () => {
  const finding = diagnostic('po-owns-vision', 3, 10, 20);
  assert.equal(findingAt([finding], { line: 3, character: 0 }), finding);
  assert.equal(findingAt([finding], { line: 4, character: 0 }), undefined);
});

test('only rolelint diagnostics are counted', () => {
  assert.equal(countFindings([diagnostic('a', 0, 0, 1), diagnostic('b', 1, 0, 1, 'cspell'), diagnostic('c', 2, 0, 1)]), 2);
});

test('the status bar shows the count, and says when the server is missing', () => {
  assert.equal(statusView('running', 3).text, '$(warning) rolelint: 3');
  assert.match(statusView('running', 1).tooltip, /1 finding in/);
  assert.equal(statusView('running', 0).text, '$(check) rolelint');
  assert.match(statusView('missing', undefined).tooltip, /not found/);
  assert.notEqual(statusView('stopped', 2).text, statusView('running', 2).text);
});
