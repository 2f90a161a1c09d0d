// Domain names as check_host() meets them: the <domain> argument (RFC 7208 §4.3) and the
// target names macro expansion produces (§4.8, §7.3), before any of them reaches the DNS.

const maxNameOctets = 253;
const maxLabelOctets = 63;

function octets(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** Drops one trailing root dot: "example.com." and "example.com" are the same name (§7.3). */
export function withoutRootDot(name: string): string {
  return name.endsWith('.') ? name.slice(0, -1) : name;
}

/** Case-insensitive name equality (RFC 4343), ignoring a trailing dot. */
export function sameName(a: string, b: string): boolean {
  return withoutRootDot(a).toLowerCase() === withoutRootDot(b).toLowerCase();
}

/** True when `name` is `parent` or a subdomain of it. */
export function isSubdomainOf(name: string, parent: string): boolean {
  const child = withoutRootDot(name).toLowerCase();
  const base = withoutRootDot(parent).toLowerCase();
  return child === base || child.endsWith(`.${base}`);
}

/**
 * Why a name cannot be sent to the DNS: an empty label, a label over 63 octets, or more than 253
 * octets in all. Undefined when it can be queried. Any octets are allowed in a label (§7.1 lets a
 * domain-spec hold any visible character), so "foo:bar/baz.example.com" is fine.
 */
export function nameProblem(name: string): string | undefined {
  const bare = withoutRootDot(name);
  if (bare === '') return 'the name is empty';
  if (octets(bare) > maxNameOctets) return `the name is ${octets(bare)} octets long; DNS names are at most ${maxNameOctets}`;
  const labels = bare.split('.');
  const empty = labels.findIndex((label) => label === '');
  if (empty >= 0) return 'the name has an empty label (two dots in a row, or a leading dot)';
  const long = labels.find((label) => octets(label) > maxLabelOctets);
  if (long !== undefined) return `the label "${long}" is ${octets(long)} octets long; DNS labels are at most ${maxLabelOctets}`;
  return undefined;
}

/** §12 toplabel: alphanumerics with at least one letter, or alphanumerics with inner hyphens. */
export function isTopLabel(label: string): boolean {
  if (/^[A-Za-z0-9]+$/.test(label)) return /[A-Za-z]/.test(label);
  return /^[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9]$/.test(label) && label.includes('-');
}

/**
 * Why `domain` is not a domain check_host() can evaluate (§4.3: malformed, or not a multi-label
 * domain name); undefined when it is fine. Such a domain gives the result "none".
 */
export function checkedDomainProblem(domain: string): string | undefined {
  if (domain.startsWith('[')) return `"${domain}" is an address literal, not a domain name`;
  const problem = nameProblem(domain);
  if (problem) return `"${domain}" is not a valid domain name: ${problem}`;
  const labels = withoutRootDot(domain).split('.');
  if (labels.length < 2) return `"${domain}" is not a fully-qualified domain name (it has a single label)`;
  const top = labels[labels.length - 1];
  if (!isTopLabel(top)) return `"${domain}" is not a domain name: "${top}" cannot be a top-level label`;
  return undefined;
}

/**
 * §7.3: a macro-expanded name over 253 octets loses labels from the left until it fits. Returns the
 * name without its root dot, and whether anything was cut.
 */
export function truncateName(name: string): { readonly name: string; readonly truncated: boolean } {
  let bare = withoutRootDot(name);
  let truncated = false;
  while (octets(bare) > maxNameOctets) {
    const dot = bare.indexOf('.');
    if (dot < 0) break;
    bare = bare.slice(dot + 1);
    truncated = true;
  }
  return { name: bare, truncated };
}
