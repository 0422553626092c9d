/** Every property set, for `npm run fuzz`. Each unit-tier `*.prop.test.ts` runs one of these sets. */
import { parserProperties } from './parser.props';
import type { NamedProperty } from './runner';

export function allProperties(): NamedProperty[] {
  return [...parserProperties()];
}
