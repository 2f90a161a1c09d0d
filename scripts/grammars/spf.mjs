// source.spf: the SPF record language (RFC 7208 section 12). Host grammars
// (zone files, HCL, YAML) include `source.spf#terms` inside strings that start
// with "v=spf1"; the top-level patterns let the grammar colour a bare record too.
import { CIDR4, CIDR6, IPV4, IPV6, MECHANISMS, TERM_END, TERM_REST, TERM_STOP, VERSION } from './fragments.mjs';

const MECHANISM = 'keyword.control.mechanism.spf';
const MISSING_ARGUMENT = `${MECHANISM} invalid.illegal.missing-argument.spf`;
const DOMAIN = 'entity.name.namespace.domain.spf';
const COLON = 'punctuation.separator.key-value.spf';
const SLASH = 'punctuation.separator.cidr.spf';
const CIDR = 'constant.numeric.integer.cidr.spf';

/** `name:domain-spec` where the domain-spec runs to the end of the term. */
function domainTerm(names) {
  return [
    {
      begin: `(?i)(${names})(:)`,
      end: TERM_END,
      beginCaptures: { 1: { name: MECHANISM }, 2: { name: COLON } },
      contentName: DOMAIN,
      patterns: [{ include: '#macro-string' }],
    },
    {
      comment: 'the domain-spec is required',
      match: `(?i)(${names})((?:/${TERM_REST})?)${TERM_END}`,
      captures: { 1: { name: MISSING_ARGUMENT }, 2: { name: 'invalid.illegal.argument.spf' } },
    },
  ];
}

/** `name[:domain-spec][cidr]`, as for a, mx (with CIDR) and ptr (without). */
function optionalDomainTerm(names, withCidr) {
  return {
    begin: `(?i)(${names})(?=[:/${TERM_STOP}]|$)`,
    end: TERM_END,
    beginCaptures: { 1: { name: MECHANISM } },
    patterns: [
      {
        begin: '\\G(:)',
        end: withCidr ? `(?=[/${TERM_STOP}]|$)` : TERM_END,
        beginCaptures: { 1: { name: COLON } },
        contentName: DOMAIN,
        patterns: [{ include: '#macro-string' }],
      },
      ...(withCidr ? [{ include: '#dual-cidr' }] : []),
      { match: `[^${TERM_STOP}]+`, name: 'invalid.illegal.argument.spf' },
    ],
  };
}

/** `ip4:` / `ip6:` with a literal network, checked by shape and prefix length. */
function ipTerm(name, address, cidr, scope) {
  return [
    {
      match: `(?i)(${name})(:)(${address})(?:(/)(${cidr}))?${TERM_END}`,
      captures: { 1: { name: MECHANISM }, 2: { name: COLON }, 3: { name: `constant.numeric.${scope}.spf` }, 4: { name: SLASH }, 5: { name: CIDR } },
    },
    {
      comment: 'a good address with a prefix length out of range',
      match: `(?i)(${name})(:)(${address})(/${TERM_REST})`,
      captures: { 1: { name: MECHANISM }, 2: { name: COLON }, 3: { name: `constant.numeric.${scope}.spf` }, 4: { name: 'invalid.illegal.cidr.spf' } },
    },
    {
      comment: 'not a literal network: a region, so that a host interpolation inside it keeps its own colours',
      begin: `(?i)(${name})(:)`,
      end: TERM_END,
      beginCaptures: { 1: { name: MECHANISM }, 2: { name: COLON } },
      patterns: [{ match: `[^${TERM_STOP}$]+|\\$`, name: `invalid.illegal.${scope}.spf` }],
    },
  ];
}

export const spfGrammar = {
  name: 'SPF',
  scopeName: 'source.spf',
  patterns: [{ include: '#record' }],
  repository: {
    record: { patterns: [{ include: '#version' }, { include: '#terms' }] },
    version: {
      match: `(?<![^\\s])${VERSION}${TERM_END}`,
      name: 'keyword.other.version.spf',
    },
    terms: {
      comment: 'Every term of an SPF record after the version, in any host string.',
      patterns: [
        { include: '#modifier' },
        { include: '#qualifier' },
        { include: '#mechanism' },
        { include: '#invalid-term' },
      ],
    },
    qualifier: {
      match: `(?:(\\+)|(-)|(~)|(\\?))(?=(?i:${MECHANISMS.join('|')})(?:[:/${TERM_STOP}]|$))`,
      captures: {
        1: { name: 'keyword.operator.qualifier.pass.spf' },
        2: { name: 'keyword.operator.qualifier.fail.spf' },
        3: { name: 'keyword.operator.qualifier.softfail.spf' },
        4: { name: 'keyword.operator.qualifier.neutral.spf' },
      },
    },
    mechanism: {
      patterns: [
        {
          match: `(?i)(all)((?:[:/]${TERM_REST})?)${TERM_END}`,
          captures: { 1: { name: MECHANISM }, 2: { name: 'invalid.illegal.argument.spf' } },
        },
        ...domainTerm('include|exists'),
        optionalDomainTerm('a|mx', true),
        optionalDomainTerm('ptr', false),
        ...ipTerm('ip4', IPV4, CIDR4, 'ipv4'),
        ...ipTerm('ip6', IPV6, CIDR6, 'ipv6'),
        {
          comment: 'ip4 / ip6 without a network',
          match: `(?i)(ip4|ip6)((?:/${TERM_REST})?)${TERM_END}`,
          captures: { 1: { name: MISSING_ARGUMENT }, 2: { name: 'invalid.illegal.argument.spf' } },
        },
      ],
    },
    'dual-cidr': {
      patterns: [
        {
          match: `(/)(${CIDR4})(?:(//)(${CIDR6}))?${TERM_END}`,
          captures: { 1: { name: SLASH }, 2: { name: CIDR }, 3: { name: SLASH }, 4: { name: CIDR } },
        },
        {
          match: `(//)(${CIDR6})${TERM_END}`,
          captures: { 1: { name: SLASH }, 2: { name: CIDR } },
        },
        { match: `/${TERM_REST}`, name: 'invalid.illegal.cidr.spf' },
      ],
    },
    modifier: {
      patterns: [
        {
          begin: '(?i)(redirect|exp)(=)',
          end: TERM_END,
          beginCaptures: { 1: { name: 'entity.other.attribute-name.modifier.spf' }, 2: { name: 'keyword.operator.assignment.spf' } },
          contentName: DOMAIN,
          patterns: [{ include: '#macro-string' }],
        },
        {
          comment: 'unknown modifiers are legal and ignored by evaluators (RFC 7208 6)',
          begin: '([A-Za-z][A-Za-z0-9\\-_.]*)(=)',
          end: TERM_END,
          beginCaptures: { 1: { name: 'entity.other.attribute-name.modifier.unknown.spf' }, 2: { name: 'keyword.operator.assignment.spf' } },
          contentName: 'string.unquoted.modifier-value.spf',
          patterns: [{ include: '#macro-string' }],
        },
      ],
    },
    'macro-string': {
      patterns: [{ include: '#macro' }, { include: '#macro-escape' }, { include: '#invalid-macro' }],
    },
    macro: {
      comment: 'macro-expand = "%{" macro-letter transformers *delimiter "}"',
      match: '(%\\{)[slodiphcrtvSLODIPHCRTV]([0-9]*)([rR]?)([.\\-+,/_=]*)(\\})',
      name: 'variable.parameter.macro.spf',
      captures: {
        1: { name: 'punctuation.definition.macro.begin.spf' },
        2: { name: 'constant.numeric.integer.macro.spf' },
        3: { name: 'keyword.operator.reverse.macro.spf' },
        4: { name: 'punctuation.separator.delimiter.macro.spf' },
        5: { name: 'punctuation.definition.macro.end.spf' },
      },
    },
    'macro-escape': { match: '%[%_\\-]', name: 'constant.character.escape.macro.spf' },
    'invalid-macro': {
      patterns: [
        { match: `%\\{[^}${TERM_STOP}]*\\}?`, name: 'invalid.illegal.macro.spf' },
        { match: `%[^{%_\\-${TERM_STOP}]?`, name: 'invalid.illegal.macro.spf' },
      ],
    },
    'invalid-term': {
      comment: 'Only at the start of a term: text after a host construct (an interpolation) is left alone.',
      match: `(?<![^\\s])[^${TERM_STOP}]+`,
      name: 'invalid.illegal.term.spf',
    },
  },
};
