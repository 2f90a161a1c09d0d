// The older RFC 4408 suite (191 tests), run the same way. Where RFC 7208 changed the answer, RFC
// 7208 wins: those tests are listed here with the section that changed it, and are held to the
// RFC 7208 answer (the RFC 4408 file accepts both the old and the new one for each of them).

import type { ChangedAnswer } from './suite';
import { registerSuite } from './suite';

const typeSpfDropped = 'RFC 7208 removed the SPF (type 99) RR: only TXT is queried, so type 99 data neither adds, overrides nor times out';

export const changedByRfc7208: Readonly<Record<string, ChangedAnswer>> = {
  txtonly: { section: '4.4', result: ['fail'], why: typeSpfDropped },
  spfonly: { section: '4.4', result: ['none'], why: typeSpfDropped },
  spftimeout: { section: '4.4', result: ['fail'], why: typeSpfDropped },
  txttimeout: { section: '4.4', result: ['temperror'], why: `${typeSpfDropped}; a TXT timeout is temperror` },
  nospftxttimeout: { section: '4.4', result: ['temperror'], why: `${typeSpfDropped}; a TXT timeout is temperror` },
  spfoverride: { section: '4.5', result: ['fail'], why: `${typeSpfDropped}; the TXT record decides` },
  multitxt1: { section: '4.5', result: ['permerror'], why: 'two v=spf1 TXT records are a permerror; a type 99 record cannot break the tie' },
  multispf2: { section: '4.5', result: ['pass'], why: 'duplicate type 99 records are never seen; the single TXT record decides' },
  'exists-dnserr': { section: '5', result: ['temperror'], why: 'a DNS error (timeout) during a mechanism\'s lookup ends the check with temperror' },
  'cidr6-0-ip4': { section: '5', result: ['neutral'], why: 'IPv4 clients, IPv4-mapped ones included, are matched by ip4 only, never by ip6' },
  'cidr6-ip4': { section: '5', result: ['neutral'], why: 'IPv4-mapped IPv6 clients are IPv4 addresses and are matched by ip4 only' },
  'mx-limit': { section: '4.6.4', result: ['permerror'], why: 'an mx mechanism naming more than 10 MX records is a permerror' },
};

registerSuite('rfc4408-tests.yml', 'RFC 4408', changedByRfc7208);
