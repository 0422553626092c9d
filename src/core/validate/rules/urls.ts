import type { ValueNode } from '../../frontmatter';
import type { RuleContext } from '../context';

/** Hugo's test for a URL with a protocol: a case-sensitive prefix (hugolib/page__meta.go, setMetaPostParams). */
const WITH_PROTOCOL = /^https?:\/\//;

/**
 * `fm/type` on `url` and `aliases` that start with http:// or https://: Hugo stops the build
 * ("URLs with protocol (http*) not supported", "http* aliases not supported"). Both are paths
 * on the site; a page that lives elsewhere needs a redirect or a link, not `url`.
 */
export function checkUrlProtocols(ctx: RuleContext): void {
  for (const field of ctx.parsed.fields) {
    const key = field.key.toLowerCase();
    if (key !== 'url' && key !== 'aliases') continue;
    const value = field.value;
    if (key === 'url') {
      if (value.kind === 'scalar' && typeof value.value === 'string' && WITH_PROTOCOL.test(value.value)) {
        report(ctx, value, `"${field.key}" is ${JSON.stringify(value.value)}: Hugo stops the build on a URL with a protocol ("URLs with protocol (http*) not supported"). Write the path on this site, such as ${JSON.stringify(pathOf(value.value))}`);
      }
      continue;
    }
    // cast.ToStringSlice: a list's items, or one string split at spaces.
    const items: ValueNode[] = value.kind === 'sequence' ? (value.items ?? []) : value.kind === 'scalar' ? [value] : [];
    for (const item of items) {
      if (item.kind !== 'scalar' || typeof item.value !== 'string') continue;
      const bad = item.value.split(/\s+/).find((a) => WITH_PROTOCOL.test(a));
      if (bad) report(ctx, item, `Alias ${JSON.stringify(bad)} has a protocol: Hugo stops the build ("http* aliases not supported"). An alias is a path on this site, such as ${JSON.stringify(pathOf(bad))}`);
    }
  }
}

function report(ctx: RuleContext, node: ValueNode, message: string): void {
  ctx.report('fm/type', node.start, node.end, message);
}

/** The path part of an absolute URL, for the message. */
function pathOf(url: string): string {
  const rest = url.replace(WITH_PROTOCOL, '');
  const slash = rest.indexOf('/');
  return slash === -1 ? '/' : rest.slice(slash);
}
