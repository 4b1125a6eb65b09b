// Command ids the extension registers and contributes in package.json.

export const COMMAND = {
  restartServer: 'rolelint.restartServer',
  fixAll: 'rolelint.fixAll',
  explainRule: 'rolelint.explainRule',
  showOutput: 'rolelint.showOutput',
} as const;

/** Languages the extension activates on and hands to the server. */
export const LANGUAGES: readonly string[] = ['markdown', 'plaintext'];

/** The payload of `workspace/didChangeConfiguration`: the settings under their section. */
export function didChangeConfigurationParams(section: string, configuration: Record<string, unknown>): { settings: Record<string, unknown> } {
  return { settings: { [section]: configuration } };
}
