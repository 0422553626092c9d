import * as assert from 'node:assert/strict';
import { resolveValidationConfig, validateFrontMatter, type ConfigLayer, type FrontMatterDiagnostic, type ValidateOptions } from '../../src/core/validate';

/** Offsets of the `occurrence`-th (1-based) appearance of `needle` in `text`. */
export function spanOf(text: string, needle: string, occurrence = 1): { start: number; end: number } {
  let at = -1;
  for (let i = 0; i < occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    assert.notEqual(at, -1, `"${needle}" (#${occurrence}) not in the text`);
  }
  return { start: at, end: at + needle.length };
}

/** Validates with a config built from `layer` and returns the diagnostics. */
export function check(text: string, layer: ConfigLayer = {}, options: ValidateOptions = {}): FrontMatterDiagnostic[] {
  return validateFrontMatter(text, { config: resolveValidationConfig(layer), ...options });
}

/** The diagnostics with `code`. */
export function withCode(diagnostics: FrontMatterDiagnostic[], code: string): FrontMatterDiagnostic[] {
  return diagnostics.filter((d) => d.code === code);
}

/** Asserts exactly one `code` diagnostic, sitting exactly on `needle` (its `occurrence`-th appearance). */
export function expectOne(text: string, diagnostics: FrontMatterDiagnostic[], code: string, needle: string, occurrence = 1): FrontMatterDiagnostic {
  const found = withCode(diagnostics, code);
  assert.equal(found.length, 1, `one ${code} expected, got: ${JSON.stringify(diagnostics.map((d) => [d.code, text.slice(d.start, d.end), d.message]))}`);
  const span = spanOf(text, needle, occurrence);
  assert.deepEqual(
    { start: found[0].start, end: found[0].end, text: text.slice(found[0].start, found[0].end) },
    { ...span, text: needle },
    `${code} range`,
  );
  return found[0];
}

/** Asserts no diagnostic with `code`. */
export function expectNone(text: string, diagnostics: FrontMatterDiagnostic[], code: string): void {
  const found = withCode(diagnostics, code);
  assert.deepEqual(
    found.map((d) => [text.slice(d.start, d.end), d.message]),
    [],
    `no ${code} expected`,
  );
}
