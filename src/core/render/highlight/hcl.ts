import type { CallbackResponse, HLJSApi, Language, Mode } from 'highlight.js';

/**
 * HashiCorp Configuration Language (Terraform, Packer, Nomad). highlight.js ships no HCL
 * grammar, and the community packages for it are unmaintained, so this small definition
 * covers what DevOps notes show: block types with their labels, attributes, strings with
 * `${…}` interpolation and `%{…}` directives, heredocs, numbers, comments.
 */
export function hcl(hljs: HLJSApi): Language {
  const interpolation: Mode = {
    scope: 'subst',
    begin: /[$%]\{/,
    end: /\}/,
    keywords: { keyword: 'for in if else endif endfor', literal: 'true false null' },
  };
  const string: Mode = {
    scope: 'string',
    begin: /"/,
    end: /"/,
    illegal: /\n/,
    contains: [hljs.BACKSLASH_ESCAPE, interpolation],
  };
  interpolation.contains = [string, hljs.NUMBER_MODE];
  const heredoc: Mode = {
    scope: 'string',
    begin: /<<-?([A-Za-z_][A-Za-z0-9_]*)$/,
    end: /^[ \t]*([A-Za-z_][A-Za-z0-9_]*)$/,
    contains: [interpolation],
    // The closing word must repeat the opening one (EOT … EOT).
    'on:begin': (match, response) => {
      response.data._heredoc = match[1];
    },
    'on:end': (match: RegExpMatchArray, response: CallbackResponse) => {
      if (response.data._heredoc !== match[1]) response.ignoreMatch();
    },
  };
  return {
    name: 'HCL',
    aliases: ['hcl', 'terraform', 'tf', 'tfvars', 'hcl2', 'nomad', 'packer'],
    keywords: {
      keyword: 'for in if else endif endfor',
      literal: 'true false null',
      type: 'string number bool list map set object tuple any',
    },
    contains: [
      hljs.HASH_COMMENT_MODE,
      hljs.C_LINE_COMMENT_MODE,
      hljs.C_BLOCK_COMMENT_MODE,
      heredoc,
      string,
      {
        // A block type starts a line and is followed by labels or `{`: `resource "aws_s3_bucket" "b" {`.
        scope: 'keyword',
        begin: /^[ \t]*[A-Za-z_][A-Za-z0-9_-]*(?=[ \t]+"|[ \t]*\{)/,
      },
      {
        scope: 'attr',
        begin: /[A-Za-z_][A-Za-z0-9_-]*(?=[ \t]*=(?!=))/,
      },
      {
        // Function calls such as `lookup(…)`, `cidrsubnet(…)`.
        scope: 'built_in',
        begin: /\b[a-z][a-z0-9_]*(?=\()/,
      },
      hljs.NUMBER_MODE,
    ],
  };
}
