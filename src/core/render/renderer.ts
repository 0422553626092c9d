import { parseFrontMatter } from '../frontmatter';
import { MarkdownRenderer } from './markdownRenderer';

export type { PreparedPost } from './markdownRenderer';

/** The post renderer with the front matter parser built in (CLI, tests, benchmarks). */
export class PostRenderer extends MarkdownRenderer {
  constructor() {
    super(parseFrontMatter);
  }
}
