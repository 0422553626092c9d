export { TermSpellingCounter, dominantSpelling, termKey, termOccurrences } from '../../src/core/validate';
export { parseFrontMatter as parseFrontMatterForTest } from '../../src/core/frontmatter';
