// spf-lens command line: the same engine as the editor, for CI pipelines.
// Exit codes: 0 no errors, 1 errors found, 2 usage or I/O error.

import { UsageError } from './cli/args';
import { check } from './cli/check';
import { lint } from './cli/lint';
import { lookups } from './cli/lookups';
import { ZoneFileError } from './cli/zoneFiles';

const version = '0.1.0';

const usage = `Usage: spf-lens <command> [options]

Commands:
  lint <files or dirs...>   Check SPF records in zone files (directories are searched
                            for *.zone, *.db and db.* files).
  lookups <domain>          Resolve a domain's SPF include tree and print the DNS lookup
                            cost of every term (RFC 7208 §4.6.4).
  check --ip IP --sender ADDRESS [--helo NAME]
                            Evaluate SPF as a receiver would (RFC 7208 check_host) and print
                            a step-by-step trace. The sender is the envelope MAIL FROM
                            (Return-Path), not the From: header; "" checks a bounce.

Options for lint:
  --format text|json|sarif  Output format (default: text).
  --rule CODE=LEVEL         Override a diagnostic's severity: ignore, hint, information,
                            warning or error. Repeatable.
  --offline                 Send no DNS query: only the static checks run.

Options for check:
  --identity mailfrom|helo  Which identity to check (default: mailfrom, or helo for "").
  --format text|json        Output format (default: text).

Options for lookups and check:
  --zone FILE_OR_DIR        Zone files whose records answer before DNS, to check changes
                            before they are deployed. Repeatable.

Options for lint, lookups and check:
  --dns-server HOST:PORT    DNS server to ask (IP, IP:PORT or [IPv6]:PORT). Repeatable.
                            Default: the system's resolvers.
  --timeout MS              How long to wait for one DNS answer (default 2000).
  --format text|json        Output format of lookups (default: text).

General:
  -h, --help                Show this help.
  -v, --version             Show the version.

Exit status: 0 when no errors were found, 1 when errors were found, 2 on a usage or
I/O error (for lookups: when the domain's record could not be fetched). check exits 0
for pass, 1 for fail, softfail, neutral or none, and 2 for temperror, permerror or a
usage error.`;

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    (command === undefined ? process.stderr : process.stdout).write(`${usage}\n`);
    return command === undefined ? 2 : 0;
  }
  if (command === '-v' || command === '--version') {
    process.stdout.write(`spf-lens ${version}\n`);
    return 0;
  }
  try {
    switch (command) {
      case 'lint':
        return await lint(rest, version);
      case 'lookups':
        return await lookups(rest);
      case 'check':
        return await check(rest);
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof ZoneFileError) {
      process.stderr.write(`spf-lens: ${error.message}\n`);
      return 2;
    }
    if (error instanceof UsageError || String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`spf-lens: ${(error as Error).message}\nRun "spf-lens --help" for usage.\n`);
      return 2;
    }
    throw error;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`spf-lens: internal error: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 2;
  },
);
