/** Every property set, for `npm run fuzz`. Each unit-tier `*.prop.test.ts` runs one of these sets. */
import { indexProperties } from './index.props';
import { parserProperties } from './parser.props';
import { regexProperties } from './regex.props';
import { renderProperties } from './render.props';
import type { NamedProperty } from './runner';
import { termEditProperties } from './termEdits.props';
import { validatorProperties } from './validator.props';

export function allProperties(): NamedProperty[] {
  return [...parserProperties(), ...indexProperties(), ...validatorProperties(), ...renderProperties(), ...termEditProperties(), ...regexProperties()];
}
