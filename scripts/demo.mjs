#!/usr/bin/env node
// `npm run demo`: live lookups and sender checks on the example zones, without the internet.
// Starts the test DNS server on 127.0.0.1 with made-up provider records (examples/internet.yml),
// then runs the CLI against it.

import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
process.chdir(root);
const env = { ...process.env, SPF_LENS_LOOPBACK_ONLY: '1' };

if (spawnSync(process.execPath, ['esbuild.mjs'], { stdio: 'inherit' }).status !== 0) process.exit(2);

const dns = spawn(process.execPath, ['--import', 'tsx', 'test/dns-server/cli.ts', 'examples/internet.yml'], { stdio: ['ignore', 'pipe', 'inherit'] });
const server = await new Promise((resolve, reject) => {
  let buffered = '';
  dns.stdout.on('data', (chunk) => {
    buffered += chunk;
    const match = /listening (\S+)/.exec(buffered);
    if (match) resolve(match[1]);
  });
  dns.on('exit', (code) => reject(new Error(`the demo DNS server exited (${code})`)));
});

function run(title, args) {
  console.log(`\n\x1b[1m$ spf-lens ${args.join(' ')}\x1b[0m   # ${title}`);
  spawnSync(process.execPath, ['dist/cli.js', ...args, '--dns-server', server], { stdio: 'inherit', env });
}

try {
  console.log(`Demo DNS server with made-up provider records on ${server}`);
  run('every finding in the example zones, static and live', ['lint', 'examples/']);
  run('where the marketing record spends its DNS lookups', ['lookups', 'marketing.example.com', '--zone', 'examples/']);
  run('a sender the record authorizes', ['check', '--ip', '198.51.100.140', '--sender', 'news@marketing.example.com', '--helo', 'mail.outlook.example', '--zone', 'examples/']);
  run('the bounce users report: two SPF records at example.com', ['check', '--ip', '203.0.113.7', '--sender', 'alice@example.com', '--helo', 'mta.example.net', '--zone', 'examples/']);
} finally {
  dns.kill();
}
