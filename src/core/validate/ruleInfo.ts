import type { RuleCode } from './types';

/** A rule's name and what it checks: for SARIF rule metadata, `--help` and the docs. */
export interface RuleInfo {
  /** PascalCase name (SARIF `rules[].name`). */
  name: string;
  summary: string;
}

export const RULE_INFO: Readonly<Record<RuleCode, RuleInfo>> = {
  'fm/syntax': { name: 'FrontMatterSyntax', summary: 'The front matter is not valid YAML, TOML or JSON.' },
  'fm/unterminated': { name: 'UnterminatedFrontMatter', summary: 'The front matter opens with ---, +++ or { and never closes.' },
  'fm/required': { name: 'RequiredField', summary: 'A required field (title and date by default) is missing or empty.' },
  'fm/type': { name: 'FieldType', summary: 'A field holds a kind of value Hugo cannot use or silently misreads (draft: yes is false).' },
  'fm/enum': { name: 'AllowedValue', summary: 'A value is not one of the values allowed for the field.' },
  'fm/pattern': { name: 'ValuePattern', summary: 'A text value does not match the pattern configured for the field.' },
  'fm/date-format': { name: 'DateFormat', summary: 'A date Hugo cannot read (wrong layout or a day that does not exist); Hugo stops the build on it.' },
  'fm/date-order': { name: 'DateOrder', summary: 'Dates contradict each other: expiryDate not after publishDate or date, lastmod before date.' },
  'fm/duplicate-key': { name: 'DuplicateKey', summary: 'A key is set twice, or twice in different case (Hugo ignores the case of keys).' },
  'fm/unknown-key': { name: 'UnknownKey', summary: 'A key that looks like a misspelled Hugo or configured field (or, with unknownKeys: all, any unknown key).' },
  'fm/tags-string': { name: 'TaxonomyAsString', summary: 'Taxonomy terms written as one string ("a, b"): Hugo keeps it as one term.' },
  'fm/duplicate-tag': { name: 'DuplicateTerm', summary: 'The same term twice in one taxonomy list (compared as Hugo does, lowercased).' },
  'fm/tag-spelling': { name: 'TermSpelling', summary: 'A term spelled differently from the spelling most other posts use.' },
  'fm/tag-not-allowed': { name: 'TermNotAllowed', summary: 'A term that is not in the configured allowedTags list.' },
  'fm/empty-value': { name: 'EmptyValue', summary: 'A field or list item with no value.' },
  'fm/missing-file': { name: 'MissingFile', summary: 'cover, image, images or a figure shortcode points at a file that is not in the page bundle, static/ or assets/.' },
  'fm/unreadable': { name: 'UnreadableFile', summary: 'A post that could not be checked: unreadable, binary or too large.' },
};
