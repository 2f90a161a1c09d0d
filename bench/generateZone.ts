// A generated zone for benchmarks: `records` resource records, one in ten an SPF TXT record, the
// rest a realistic mix of A, AAAA, MX, CNAME and TXT (some TXT split into several strings, as DKIM
// keys are). The zone is valid for BIND (SOA, NS with an address, MX and CNAME targets that exist),
// so named-checkzone loads it and can be timed on the same file.

/** The zone's origin, without the trailing dot: named-checkzone's first argument. */
export const benchOrigin = 'bench.example';

export function generateZone(records: number): string {
  const lines = [
    '$TTL 3600',
    `$ORIGIN ${benchOrigin}.`,
    '@ IN SOA ns1 hostmaster ( 2024010101 7200 3600 1209600 300 )',
    '@ IN NS ns1',
    'ns1 IN A 192.0.2.53',
    ...Array.from({ length: 50 }, (_, k) => `mail${k} IN A 192.0.2.${k + 1}`),
  ];
  // Two directive lines are not records.
  for (let i = 0; lines.length - 2 < records; i++) {
    const host = `host${i}`;
    switch (i % 10) {
      case 0:
        // SPF, across parentheses with two strings, as zone files write long records.
        lines.push(`${host} 300 IN TXT ( "v=spf1 ip4:192.0.2.${i % 256}/32 include:_spf${i % 97}.example.net" " ~all" ) ; spf`);
        break;
      case 1:
        lines.push(`${host} IN AAAA 2001:db8::${(i % 65535).toString(16)}`);
        break;
      case 2:
        lines.push(`${host} IN MX 10 mail${i % 50}`);
        break;
      case 3:
        lines.push(`${host} IN CNAME host${i - 1}`);
        break;
      case 4:
        lines.push(
          i % 20 === 4
            ? `${host} IN TXT "google-site-verification=${i.toString(36)}abcdefghijklmnop"`
            : `${host} IN TXT "v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC${i.toString(36)}" "wIDAQABo0IwQDAOBgNVHQ8BAf8EBAMCAQYwDwYDVR0TAQH"`,
        );
        break;
      default:
        lines.push(`${host} IN A 192.0.${(i >> 8) & 255}.${i & 255}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
