// source.dns-zone: RFC 1035 master files as BIND reads them. A record line is
// matched as one header (owner, TTL, class, type) that opens a region for that
// type's rdata; parentheses inside the region carry the record across lines.
// TXT and SPF rdata whose first string starts with "v=spf1" is coloured with
// source.spf, including the continuation strings of the same record.
import { IPV4, IPV6, VERSION, VERSION_END } from './fragments.mjs';

const WORD_START = '(?<![^\\s()])';
const WORD_END = '(?=[\\s;()]|$)';
const NAME_CHAR = '(?:[^\\s;()"\\\\]|\\\\.)';
const TTL = '(?:(?:[0-9]+[wdhmsWDHMS])+|[0-9]+)';
const CLASS = '(?i:IN|CH|CS|HS|NONE|ANY|CLASS[0-9]+)';

/** Record types, grouped by the shape of their rdata. */
const RDATA_GROUPS = {
  a: ['A'],
  aaaa: ['AAAA'],
  name: ['NS', 'CNAME', 'DNAME', 'PTR', 'MB', 'MD', 'MF', 'MG', 'MR', 'RP', 'NSAP-PTR'],
  'preference-name': ['MX', 'AFSDB', 'RT', 'KX', 'SRV', 'NAPTR', 'PX', 'LP'],
  soa: ['SOA'],
  txt: ['TXT', 'SPF'],
  strings: ['HINFO', 'ISDN', 'X25', 'URI', 'NINFO', 'AVC', 'RESINFO'],
  caa: ['CAA'],
  hex: ['DS', 'CDS', 'DLV', 'TA', 'TLSA', 'SMIMEA', 'SSHFP', 'NSEC3PARAM', 'ZONEMD', 'EUI48', 'EUI64', 'NID', 'L32', 'L64', 'DHCID', 'CSYNC'],
  base64: ['DNSKEY', 'CDNSKEY', 'KEY', 'CERT', 'OPENPGPKEY', 'IPSECKEY', 'HIP', 'TKEY', 'TSIG'],
  rrsig: ['RRSIG', 'SIG'],
  nsec: ['NSEC', 'NSEC3', 'NXT'],
  svcb: ['SVCB', 'HTTPS'],
  other: ['LOC', 'APL', 'WKS', 'GPOS', 'NULL', 'A6', 'ATMA', 'SINK', 'OPT', 'UINFO', 'UID', 'GID', 'UNSPEC', 'EID', 'NIMLOC', 'AMTRELAY', 'DOA', 'WALLET', 'TYPE[0-9]+'],
};
const ALL_TYPES = Object.values(RDATA_GROUPS).flat();
const typeAlternation = (types) => `(?i:${[...types].sort((x, y) => y.length - x.length).join('|')})`;

const OWNER = 'entity.name.function.owner.dns-zone';
const TYPE = 'keyword.other.record-type.dns-zone';

/** `[owner] [ttl] [class] [ttl] type` at the start of a line. */
function header(types) {
  return `^(${NAME_CHAR}+)?(?:[ \\t]+(${TTL}))?(?:[ \\t]+(${CLASS}))?(?:[ \\t]+(${TTL}))?[ \\t]+(${types})${WORD_END}`;
}
const headerCaptures = {
  1: { name: OWNER, patterns: [{ include: '#owner-parts' }] },
  2: { name: 'constant.numeric.ttl.dns-zone', patterns: [{ include: '#ttl-parts' }] },
  3: { name: 'support.constant.class.dns-zone' },
  4: { name: 'constant.numeric.ttl.dns-zone', patterns: [{ include: '#ttl-parts' }] },
  5: { name: TYPE },
};

/** The rdata tokens each group knows, most specific first. */
const rdataPatterns = {
  a: ['#ipv4', '#invalid-ipv4'],
  aaaa: ['#ipv6', '#invalid-ipv6'],
  name: ['#origin', '#domain-name'],
  'preference-name': ['#number', '#string', '#origin', '#domain-name'],
  soa: ['#number', '#ttl', '#origin', '#domain-name'],
  strings: ['#string', '#unquoted-string'],
  caa: ['#number', '#string', '#caa-tag', '#unquoted-string'],
  hex: ['#number', '#empty-field', '#hex'],
  base64: ['#number', '#type-mnemonic', '#ipv4', '#ipv6', '#base64', '#origin', '#domain-name'],
  rrsig: ['#type-mnemonic', '#number', '#base64', '#origin', '#domain-name'],
  nsec: ['#number', '#type-mnemonic', '#empty-field', '#hex', '#base32', '#origin', '#domain-name'],
  svcb: ['#number', '#svc-param', '#origin', '#domain-name'],
  other: ['#number', '#decimal', '#string', '#ipv4', '#ipv6', '#origin', '#domain-name'],
};

function recordRule(group) {
  const rdata = [{ include: '#generic-rdata' }, ...rdataPatterns[group].map((include) => ({ include }))];
  return {
    begin: header(typeAlternation(RDATA_GROUPS[group])),
    end: '$',
    beginCaptures: headerCaptures,
    name: `meta.record.${group}.dns-zone`,
    patterns: [
      { include: '#comment' },
      {
        begin: '\\(',
        end: '\\)',
        beginCaptures: { 0: { name: 'punctuation.section.parens.begin.dns-zone' } },
        endCaptures: { 0: { name: 'punctuation.section.parens.end.dns-zone' } },
        name: 'meta.parens.dns-zone',
        patterns: [{ include: '#comment' }, ...rdata, { include: '#invalid-parens' }],
      },
      ...rdata,
      { include: '#invalid-parens' },
    ],
  };
}

/** TXT/SPF: the first character-string decides whether the whole rdata is SPF. */
function txtRule() {
  const spfStart = `(?="(?:\\\\")?${VERSION}${VERSION_END})`;
  const rdata = (spf, insideParens) => ({
    begin: spf ? spfStart : '(?=[^\\s;()])',
    end: insideParens ? '(?=\\))' : '$',
    patterns: [
      { include: '#comment' },
      ...(insideParens ? [] : [{
        begin: '\\(',
        end: '\\)',
        beginCaptures: { 0: { name: 'punctuation.section.parens.begin.dns-zone' } },
        endCaptures: { 0: { name: 'punctuation.section.parens.end.dns-zone' } },
        name: 'meta.parens.dns-zone',
        patterns: [{ include: '#comment' }, { include: spf ? '#spf-string' : '#string' }, { include: '#generic-rdata' }, { include: '#unquoted-string' }],
      }]),
      { include: spf ? '#spf-string' : '#string' },
      { include: '#generic-rdata' },
      { include: '#unquoted-string' },
      { include: '#invalid-parens' },
    ],
  });
  return {
    begin: header(typeAlternation(RDATA_GROUPS.txt)),
    end: '$',
    beginCaptures: headerCaptures,
    name: 'meta.record.txt.dns-zone',
    patterns: [
      { include: '#comment' },
      {
        begin: '\\(',
        end: '\\)',
        beginCaptures: { 0: { name: 'punctuation.section.parens.begin.dns-zone' } },
        endCaptures: { 0: { name: 'punctuation.section.parens.end.dns-zone' } },
        name: 'meta.parens.dns-zone',
        patterns: [{ include: '#comment' }, rdata(true, true), rdata(false, true)],
      },
      rdata(true, false),
      rdata(false, false),
    ],
  };
}

function directive(name, patterns) {
  return {
    begin: `^(\\$)(?i:${name})${WORD_END}`,
    end: '$',
    beginCaptures: { 0: { name: 'keyword.control.directive.dns-zone' }, 1: { name: 'punctuation.definition.directive.dns-zone' } },
    name: `meta.directive.${name.toLowerCase()}.dns-zone`,
    patterns: [{ include: '#comment' }, ...patterns],
  };
}

export const dnsZoneGrammar = {
  name: 'DNS Zone',
  scopeName: 'source.dns-zone',
  fileTypes: ['zone', 'db'],
  patterns: [
    { include: '#comment' },
    { include: '#directive' },
    { include: '#record' },
  ],
  repository: {
    comment: {
      begin: ';',
      end: '$',
      beginCaptures: { 0: { name: 'punctuation.definition.comment.dns-zone' } },
      name: 'comment.line.semicolon.dns-zone',
    },
    directive: {
      patterns: [
        directive('ORIGIN', [{ include: '#origin' }, { include: '#domain-name' }]),
        directive('TTL', [{ include: '#ttl' }, { include: '#invalid-word' }]),
        directive('INCLUDE', [
          { include: '#string' },
          { match: `\\G[ \\t]+(${NAME_CHAR}+)`, captures: { 1: { name: 'string.unquoted.filename.dns-zone' } } },
          { include: '#origin' },
          { include: '#domain-name' },
        ]),
        directive('GENERATE', [
          {
            match: '\\G[ \\t]+([0-9]+)(-)([0-9]+)(?:(/)([0-9]+))?',
            captures: {
              1: { name: 'constant.numeric.range.dns-zone' },
              2: { name: 'punctuation.separator.range.dns-zone' },
              3: { name: 'constant.numeric.range.dns-zone' },
              4: { name: 'punctuation.separator.range.dns-zone' },
              5: { name: 'constant.numeric.step.dns-zone' },
            },
          },
          { match: `${WORD_START}${CLASS}${WORD_END}`, name: 'support.constant.class.dns-zone' },
          { match: `${WORD_START}${typeAlternation(ALL_TYPES)}${WORD_END}`, name: TYPE },
          { include: '#ttl' },
          {
            match: `${WORD_START}${NAME_CHAR}+`,
            name: 'string.unquoted.template.dns-zone',
            captures: { 0: { patterns: [
              { match: '\\$\\{[^}]*\\}|\\$\\$?', name: 'variable.other.generate.dns-zone' },
              { include: '#escape' },
            ] } },
          },
        ]),
        {
          match: `^\\$${NAME_CHAR}*`,
          name: 'invalid.illegal.directive.dns-zone',
        },
      ],
    },
    record: {
      patterns: [
        txtRule(),
        ...Object.keys(rdataPatterns).map(recordRule),
        {
          comment: 'An owner line whose type is missing or unknown: the word in type position is flagged.',
          begin: `^(?=[^\\s;]|[ \\t]+[^\\s;])(${NAME_CHAR}+)?(?:[ \\t]+(${TTL}))?(?:[ \\t]+(${CLASS}))?(?:[ \\t]+(${TTL}))?(?:[ \\t]+(${NAME_CHAR}+))?`,
          end: '$',
          beginCaptures: { ...headerCaptures, 5: { name: 'invalid.illegal.record-type.dns-zone' } },
          name: 'meta.record.unknown.dns-zone',
          patterns: [
            { include: '#comment' },
            {
              begin: '\\(',
              end: '\\)',
              beginCaptures: { 0: { name: 'punctuation.section.parens.begin.dns-zone' } },
              endCaptures: { 0: { name: 'punctuation.section.parens.end.dns-zone' } },
              name: 'meta.parens.dns-zone',
              patterns: [{ include: '#comment' }, { include: '#generic-rdata' }, { include: '#string' }, { include: '#unquoted-string' }],
            },
            { include: '#generic-rdata' },
            { include: '#string' },
            { include: '#unquoted-string' },
          ],
        },
      ],
    },
    'owner-parts': {
      patterns: [
        { match: '^@$', name: 'constant.language.origin.dns-zone' },
        { match: '^\\*(?=\\.|$)', name: 'constant.language.wildcard.dns-zone' },
        { include: '#escape' },
      ],
    },
    'ttl-parts': {
      patterns: [
        { match: '[0-9]+', name: 'constant.numeric.integer.dns-zone' },
        { match: '[wdhmsWDHMS]', name: 'keyword.other.unit.dns-zone' },
      ],
    },
    escape: {
      match: '\\\\(?:[0-9]{3}|[^0-9])',
      name: 'constant.character.escape.dns-zone',
    },
    string: {
      begin: '"',
      end: '"',
      beginCaptures: { 0: { name: 'punctuation.definition.string.begin.dns-zone' } },
      endCaptures: { 0: { name: 'punctuation.definition.string.end.dns-zone' } },
      name: 'string.quoted.double.dns-zone',
      patterns: [{ include: '#escape' }],
    },
    'spf-string': {
      comment: 'A character-string of an SPF record: the first carries the version, later ones continue it.',
      begin: '"',
      end: '"',
      beginCaptures: { 0: { name: 'punctuation.definition.string.begin.dns-zone' } },
      endCaptures: { 0: { name: 'punctuation.definition.string.end.dns-zone' } },
      name: 'string.quoted.double.dns-zone',
      patterns: [
        {
          begin: `\\G(\\\\")?(${VERSION})${VERSION_END}`,
          end: '(?=")',
          beginCaptures: { 1: { name: 'constant.character.escape.dns-zone' }, 2: { name: 'keyword.other.version.spf' } },
          name: 'meta.record.spf',
          patterns: [{ include: '#escape' }, { include: 'source.spf#terms' }],
        },
        {
          begin: '\\G(?!")',
          end: '(?=")',
          name: 'meta.record.spf',
          patterns: [{ include: '#escape' }, { include: 'source.spf#terms' }],
        },
      ],
    },
    'unquoted-string': {
      match: `${WORD_START}${NAME_CHAR}+`,
      name: 'string.unquoted.dns-zone',
      captures: { 0: { patterns: [{ include: '#escape' }] } },
    },
    origin: { match: `${WORD_START}@${WORD_END}`, name: 'constant.language.origin.dns-zone' },
    'domain-name': {
      match: `${WORD_START}${NAME_CHAR}+`,
      name: 'entity.name.namespace.domain.dns-zone',
      captures: { 0: { patterns: [{ include: '#escape' }] } },
    },
    number: { match: `${WORD_START}[0-9]+${WORD_END}`, name: 'constant.numeric.integer.dns-zone' },
    ttl: {
      match: `${WORD_START}${TTL}${WORD_END}`,
      name: 'constant.numeric.ttl.dns-zone',
      captures: { 0: { patterns: [{ include: '#ttl-parts' }] } },
    },
    ipv4: { match: `${WORD_START}${IPV4}${WORD_END}`, name: 'constant.numeric.ipv4.dns-zone' },
    ipv6: { match: `${WORD_START}${IPV6}${WORD_END}`, name: 'constant.numeric.ipv6.dns-zone' },
    'invalid-ipv4': { match: `${WORD_START}${NAME_CHAR}+`, name: 'invalid.illegal.ipv4.dns-zone' },
    'invalid-ipv6': { match: `${WORD_START}${NAME_CHAR}+`, name: 'invalid.illegal.ipv6.dns-zone' },
    'invalid-word': { match: `${WORD_START}${NAME_CHAR}+`, name: 'invalid.illegal.token.dns-zone' },
    hex: { match: `${WORD_START}[0-9A-Fa-f]+${WORD_END}`, name: 'string.unquoted.hex.dns-zone' },
    base32: { match: `${WORD_START}[0-9A-Va-v]+${WORD_END}`, name: 'string.unquoted.base32.dns-zone' },
    decimal: { match: `${WORD_START}-?[0-9]+(?:\\.[0-9]+)?m?${WORD_END}`, name: 'constant.numeric.decimal.dns-zone' },
    base64: { match: `${WORD_START}[A-Za-z0-9+/]+=*${WORD_END}`, name: 'string.unquoted.base64.dns-zone' },
    'empty-field': { match: `${WORD_START}-${WORD_END}`, name: 'constant.language.empty.dns-zone' },
    'type-mnemonic': { match: `${WORD_START}${typeAlternation(ALL_TYPES)}${WORD_END}`, name: TYPE },
    'caa-tag': { match: `${WORD_START}[A-Za-z0-9]+${WORD_END}`, name: 'variable.parameter.tag.dns-zone' },
    'svc-param': {
      match: `${WORD_START}(mandatory|alpn|no-default-alpn|port|ipv4hint|ech|ipv6hint|dohpath|ohttp|key[0-9]+)(?:(=)("(?:[^"\\\\]|\\\\.)*"|${NAME_CHAR}*))?${WORD_END}`,
      captures: {
        1: { name: 'variable.parameter.svc-param.dns-zone' },
        2: { name: 'keyword.operator.assignment.dns-zone' },
        3: { name: 'string.unquoted.svc-value.dns-zone', patterns: [{ include: '#escape' }] },
      },
    },
    'generic-rdata': {
      comment: 'RFC 3597 unknown-type rdata: \\# length hex',
      match: `${WORD_START}(\\\\#)[ \\t]+([0-9]+)((?:[ \\t]+[0-9A-Fa-f]+)*)${WORD_END}`,
      captures: {
        1: { name: 'keyword.other.generic-rdata.dns-zone' },
        2: { name: 'constant.numeric.integer.dns-zone' },
        3: { name: 'string.unquoted.hex.dns-zone' },
      },
    },
    'invalid-parens': { match: '\\)', name: 'invalid.illegal.parens.dns-zone' },
  },
};
