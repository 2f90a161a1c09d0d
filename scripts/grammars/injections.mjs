// Injection grammars that colour SPF inside other languages' strings. Each opens a
// `meta.record.spf` region only at the very start of a string whose text starts
// with "v=spf1" (after an optional escaped quote), so strings that merely contain
// "v=spf1" later stay plain. Host scopes were taken from the grammars users have:
// hashicorp/syntax (source.hcl, source.hcl.terraform), the older vscode-terraform
// grammar (source.terraform), and VS Code's built-in YAML grammar (source.yaml).
import { VERSION, VERSION_END } from './fragments.mjs';

const VERSION_SCOPE = 'keyword.other.version.spf';
const outside = (scope) => `L:${scope} - meta.record.spf`;

/** Double-quoted strings and heredocs of HCL and Terraform. */
export const hclInjection = {
  name: 'SPF in HCL strings',
  scopeName: 'injection.spf.hcl',
  injectionSelector: [
    'string.quoted.double.hcl',
    'string.unquoted.heredoc.hcl',
    'string.quoted.double.terraform',
    'string.unquoted.heredoc.terraform',
  ].map(outside).join(', '),
  patterns: [
    {
      comment: [
        '"v=spf1 ..." and "\\"v=spf1 ...\\"". The lookbehind matters: after a heredoc opener',
        'that ends its line, \\G also holds at the start of the next line.',
      ].join(' '),
      begin: `\\G(?<=")(\\\\")?(${VERSION})${VERSION_END}`,
      end: '(?=")|$',
      beginCaptures: { 1: { name: 'constant.character.escape.hcl' }, 2: { name: VERSION_SCOPE } },
      name: 'meta.record.spf',
      patterns: [{ include: 'source.spf#terms' }],
    },
    {
      comment: 'a heredoc line that starts with the version',
      begin: `^[ \\t]*(${VERSION})${VERSION_END}`,
      end: '$',
      beginCaptures: { 1: { name: VERSION_SCOPE } },
      name: 'meta.record.spf',
      patterns: [{ include: 'source.spf#terms' }],
    },
  ],
};

/** HCL template syntax inside an SPF record: interpolations, directives, escapes.
 * A separate grammar because an injection has one selector, and these patterns
 * must reach into the SPF terms (a `${var.domain}` inside `include:`). */
export const hclTemplateInjection = {
  name: 'HCL templates in SPF records',
  scopeName: 'injection.spf.hcl-template',
  injectionSelector: 'L:meta.record.spf - meta.interpolation',
  patterns: [
    {
      comment: 'HCL turns %%{ into a literal %{, which is how an SPF macro is written in Terraform',
      match: '(%)(%\\{[slodiphcrtvSLODIPHCRTV][0-9]*[rR]?[.\\-+,/_=]*\\})',
      captures: { 1: { name: 'constant.character.escape.hcl' }, 2: { patterns: [{ include: 'source.spf#macro' }] } },
    },
    { match: '\\$\\$(?=\\{)|%%(?=\\{)', name: 'constant.character.escape.hcl' },
    { include: 'source.hcl#string_interpolation' },
    { include: 'source.terraform#string_interpolation' },
    {
      comment: 'used only when no HCL grammar is installed to provide the rule above',
      begin: '(?<![%$])([%$]\\{)',
      end: '\\}',
      beginCaptures: { 1: { name: 'keyword.other.interpolation.begin.hcl' } },
      endCaptures: { 0: { name: 'keyword.other.interpolation.end.hcl' } },
      name: 'meta.interpolation.hcl',
    },
    { include: 'source.hcl#char_escapes' },
    { include: 'source.terraform#char_escapes' },
    { match: '\\\\(?:[nrt"\\\\]|u[0-9A-Fa-f]{8}|u[0-9A-Fa-f]{4})', name: 'constant.character.escape.hcl' },
  ],
};

const YAML_ESCAPE = '\\\\(?:[0abtnvfre "/\\\\N_LP\\t]|x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8})';

/** Quoted, plain and block scalars of YAML. */
export const yamlInjection = {
  name: 'SPF in YAML scalars',
  scopeName: 'injection.spf.yaml',
  injectionSelector: [
    'string.quoted.double.yaml',
    'string.quoted.single.yaml',
    'string.unquoted.plain.out.yaml',
    'string.unquoted.plain.in.yaml',
    'string.unquoted.block.yaml',
  ].map(outside).join(', '),
  patterns: [
    {
      begin: `\\G(?<=")(\\\\")?(${VERSION})${VERSION_END}`,
      end: '(?=")',
      beginCaptures: { 1: { name: 'constant.character.escape.yaml' }, 2: { name: VERSION_SCOPE } },
      name: 'meta.record.spf',
      patterns: [
        { match: YAML_ESCAPE, name: 'constant.character.escape.yaml' },
        { match: '\\\\.', name: 'invalid.illegal.constant.character.escape.yaml' },
        { include: 'source.spf#terms' },
      ],
    },
    {
      begin: `\\G(?<=')(${VERSION})${VERSION_END}`,
      end: "(?='(?!'))",
      beginCaptures: { 1: { name: VERSION_SCOPE } },
      name: 'meta.record.spf',
      patterns: [
        { match: "''", name: 'constant.character.escape.single-quote.yaml' },
        { include: 'source.spf#terms' },
      ],
    },
    {
      comment: [
        'Plain and block scalars, one line at a time: the region must end where the host',
        'scalar may end, or it would swallow the rest of the document in grammars that end',
        'scalars with an end pattern rather than a while condition.',
      ].join(' '),
      begin: `(?:\\G(?<!["'])|^[ \\t]*)(${VERSION})(?=[ \\t]|$)`,
      end: `(?=[ \\t]+#|[ \\t]*[,\\]}]|$)`,
      beginCaptures: { 1: { name: VERSION_SCOPE } },
      name: 'meta.record.spf',
      patterns: [{ include: 'source.spf#terms' }],
    },
  ],
};
