export { parseFrontMatter } from './parse';
export type { FieldNode, FrontMatterFormat, FrontMatterSyntaxError, ParsedFrontMatter, ScalarType, ValueNode } from './types';
