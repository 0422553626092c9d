import * as vscode from 'vscode';
import type { FrontMatterDiagnostic, Severity } from '../core/validate';

/** `source` of every diagnostic this feature publishes (the code action provider keys on it). */
export const DIAGNOSTIC_SOURCE = 'devops-notes';

const DOCS = 'https://github.com/devops-notes/devops-notes/blob/main/docs/front-matter.md';

const SEVERITY: Record<Exclude<Severity, 'off'>, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** A core diagnostic as VS Code shows it; the code links to the rule's documentation. */
export function toVscodeDiagnostic(d: FrontMatterDiagnostic, rangeOf: (start: number, end: number) => vscode.Range): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(rangeOf(d.start, d.end), d.message, SEVERITY[d.severity]);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = { value: d.code, target: vscode.Uri.parse(`${DOCS}#${d.code.replace('/', '')}`) };
  // A repeated term adds nothing: fade it like unused code.
  if (d.code === 'fm/duplicate-tag') diagnostic.tags = [vscode.DiagnosticTag.Unnecessary];
  return diagnostic;
}

/** The rule code of a diagnostic, whichever form its `code` has. */
export function codeOf(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  if (c === undefined) return undefined;
  return typeof c === 'object' ? String(c.value) : String(c);
}

/** The range of `document` between two offsets. */
export function documentRange(document: vscode.TextDocument): (start: number, end: number) => vscode.Range {
  return (start, end) => new vscode.Range(document.positionAt(start), document.positionAt(end));
}
