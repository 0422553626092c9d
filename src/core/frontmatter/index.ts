export { parseFrontMatter, type ParseOptions } from './parse';
export type { FieldNode, FrontMatterFormat, FrontMatterSyntaxError, ParsedFrontMatter, ScalarType, ValueNode } from './types';
export { foldKey, hugoKeeps, keptFields } from './keys';
export type { YamlVersion } from './yaml';
