// What the extension reads from rolelint's diagnostics: rule ids, the finding under the cursor,
// the status bar text. Structural types only (no `vscode` import), so node's test runner can
// check it; `vscode.Diagnostic` fits these shapes.

/** The diagnostics' `source`, set by the server. */
export const DIAGNOSTIC_SOURCE = 'rolelint';

/** The code action kind of the server's "fix all safe problems". */
export const FIX_ALL_KIND = 'source.fixAll.rolelint';

export interface PositionLike {
  line: number;
  character: number;
}

export interface RangeLike {
  start: PositionLike;
  end: PositionLike;
}

export interface DiagnosticLike {
  range: RangeLike;
  source?: string;
  code?: string | number | { value: string | number; target?: unknown };
  message: string | { kind: string; value: string };
}

/** The rule id a diagnostic carries in its `code`, if it is one of rolelint's. */
export function ruleIdOf(diagnostic: DiagnosticLike): string | undefined {
  if (diagnostic.source !== DIAGNOSTIC_SOURCE || diagnostic.code === undefined) {
    return undefined;
  }
  const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
  const id = String(code).trim();
  return id === '' ? undefined : id;
}

function comparePositions(a: PositionLike, b: PositionLike): number {
  return a.line !== b.line ? a.line - b.line : a.character - b.character;
}

function contains(range: RangeLike, position: PositionLike): boolean {
  return comparePositions(range.start, position) <= 0 && comparePositions(position, range.end) <= 0;
}

function rangeSize(range: RangeLike): [number, number] {
  return [range.end.line - range.start.line, range.end.character - range.start.character];
}

/**
 * The rolelint diagnostic under the cursor: the narrowest one containing it, else the first one
 * on the cursor's line (document-level findings sit on a title or first line).
 */
export function findingAt<T extends DiagnosticLike>(diagnostics: readonly T[], position: PositionLike): T | undefined {
  const ours = diagnostics.filter((diagnostic) => ruleIdOf(diagnostic) !== undefined);
  const containing = ours.filter((diagnostic) => contains(diagnostic.range, position));
  if (containing.length > 0) {
    return containing.reduce((best, candidate) => {
      const [bestLines, bestChars] = rangeSize(best.range);
      const [lines, chars] = rangeSize(candidate.range);
      return lines < bestLines || (lines === bestLines && chars < bestChars) ? candidate : best;
    });
  }
  return ours.find((diagnostic) => diagnostic.range.start.line <= position.line && position.line <= diagnostic.range.end.line);
}

/** How many of the diagnostics are rolelint's. */
export function countFindings(diagnostics: readonly DiagnosticLike[]): number {
  return diagnostics.filter((diagnostic) => diagnostic.source === DIAGNOSTIC_SOURCE).length;
}

/** The status bar item's state for a document. */
export interface StatusView {
  text: string;
  tooltip: string;
}

/** The status bar shows the server's state, and when it runs, the document's finding count. */
export function statusView(state: 'starting' | 'running' | 'stopped' | 'missing', findings: number | undefined): StatusView {
  switch (state) {
    case 'missing':
      return { text: '$(error) rolelint', tooltip: 'rolelint: the server was not found. Click to show the output.' };
    case 'stopped':
      return { text: '$(debug-stop) rolelint', tooltip: 'rolelint: the server is not running. Click to show the output.' };
    case 'starting':
      return { text: '$(sync~spin) rolelint', tooltip: 'rolelint: starting the server' };
    case 'running':
      if (findings === undefined) {
        return { text: '$(check) rolelint', tooltip: 'rolelint is running' };
      }
      if (findings === 0) {
        return { text: '$(check) rolelint', tooltip: 'rolelint: no findings in this document' };
      }
      return {
        text: `$(warning) rolelint: ${findings}`,
        tooltip: `rolelint: ${findings} finding${findings === 1 ? '' : 's'} in this document`,
      };
  }
}
