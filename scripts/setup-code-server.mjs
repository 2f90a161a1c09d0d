#!/usr/bin/env node
// Installs code-server (VS Code's server + real extension host) so the end-to-end suite can run
// without downloading VS Code: the npm registry and Debian's packages are all that is reachable.
// Steps and the reasons for each are in shared/docs/vscode-e2e-offline.md; in short, a plain
// `npm install code-server` fails (postinstall refuses root, @vscode/ripgrep downloads its binary,
// node-pty's build calls `npx node-gyp` without headers), so we do its postinstall by hand:
// dependencies with --ignore-scripts, then only the native builds, against local headers.
//
//   node scripts/setup-code-server.mjs            install once, then return at once (marker file)
//   node scripts/setup-code-server.mjs --force    reinstall
//
// Result: .vscode-test/code-server/package/out/node/entry.js (git-ignored), plus Debian's chromium.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3';
const APT_PACKAGES = ['chromium', 'ripgrep', 'libkrb5-dev', 'build-essential', 'python3'];

const root = fileURLToPath(new URL('..', import.meta.url));
export const cacheDir = join(root, '.vscode-test', 'code-server');
export const entryPath = join(cacheDir, 'package', 'out', 'node', 'entry.js');
const markerPath = join(cacheDir, '.installed-version');
const started = Date.now();

class SetupError extends Error {}

function log(message) {
  const seconds = ((Date.now() - started) / 1000).toFixed(1).padStart(5);
  console.log(`[setup-code-server ${seconds}s] ${message}`);
}

/** Runs a command with inherited output; a non-zero exit becomes a SetupError naming the step. */
function run(cmd, args, { cwd = root, env = {}, step } = {}) {
  const result = spawnSync(cmd, args, { cwd, stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.error) throw new SetupError(`${step}: could not start ${cmd}: ${result.error.message}`);
  if (result.status !== 0) {
    throw new SetupError(`${step}: \`${cmd} ${args.join(' ')}\` in ${cwd} exited with ${result.status ?? result.signal}`);
  }
}

function isInstalledDeb(name) {
  const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  return result.status === 0 && result.stdout.includes('install ok installed');
}

function ensureAptPackages() {
  const missing = APT_PACKAGES.filter((name) => !isInstalledDeb(name));
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    throw new SetupError(`Debian packages missing: ${missing.join(' ')}. Install them as root: apt-get install -y ${missing.join(' ')}`);
  }
  log(`apt-get install ${missing.join(' ')}`);
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-qq'], { env, step: 'apt-get update' });
  run('apt-get', ['install', '-y', '-qq', ...missing], { env, step: 'apt-get install' });
}

/** The project's own node-gyp (a devDependency), so nothing is installed globally. */
function localNodeGyp() {
  try {
    return createRequire(join(root, 'package.json')).resolve('node-gyp/bin/node-gyp.js');
  } catch {
    throw new SetupError('node-gyp is not installed: run `npm ci` in the repository first');
  }
}

function checkPlaywright() {
  try {
    createRequire(join(root, 'package.json')).resolve('playwright-core');
  } catch {
    throw new SetupError('playwright-core is not installed: run `npm ci` in the repository first');
  }
}

function install(staging, nodeGyp) {
  // Build native addons against the headers of the Node that runs them (this machine's Node has
  // them in <prefix>/include/node); node-gyp would otherwise try to download them, which fails
  // here. `npx node-gyp` (called by some build scripts) finds the local one through PATH.
  const prefix = dirname(dirname(process.execPath));
  const nodedir = existsSync(join(prefix, 'include', 'node', 'node.h')) ? prefix : undefined;
  const env = {
    npm_config_node_gyp: nodeGyp,
    PATH: `${join(root, 'node_modules', '.bin')}:${process.env.PATH}`,
    npm_config_update_notifier: 'false',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    ...(nodedir ? { npm_config_nodedir: nodedir } : {}),
  };
  const npm = (cwd, args, step) => run('npm', args, { cwd, env, step });

  log(`npm pack code-server@${CODE_SERVER_VERSION}`);
  npm(staging, ['pack', '--silent', `code-server@${CODE_SERVER_VERSION}`], 'npm pack');
  run('tar', ['xzf', `code-server-${CODE_SERVER_VERSION}.tgz`], { cwd: staging, step: 'unpack' });
  rmSync(join(staging, `code-server-${CODE_SERVER_VERSION}.tgz`));

  const pkg = join(staging, 'package');
  log('code-server dependencies (npm install --omit=dev --ignore-scripts)');
  npm(pkg, ['install', '--omit=dev', '--ignore-scripts', '--no-package-lock'], 'code-server dependencies');
  log('rebuild argon2');
  npm(pkg, ['rebuild', 'argon2'], 'rebuild argon2');

  const vscode = join(pkg, 'lib', 'vscode');
  log('VS Code dependencies (npm install --omit=dev --ignore-scripts)');
  npm(vscode, ['install', '--omit=dev', '--ignore-scripts'], 'VS Code dependencies');
  log('rebuild @vscode/spdlog kerberos native-watchdog');
  npm(vscode, ['rebuild', '@vscode/spdlog', 'kerberos', 'native-watchdog'], 'rebuild native VS Code modules');
  log('build node-pty');
  run(process.execPath, [nodeGyp, 'rebuild', ...(nodedir ? [`--nodedir=${nodedir}`] : [])], {
    cwd: join(vscode, 'node_modules', 'node-pty'), env, step: 'build node-pty',
  });
  // @vscode/ripgrep's postinstall would download rg from GitHub; Debian's is the same program.
  const rgDir = join(vscode, 'node_modules', '@vscode', 'ripgrep', 'bin');
  mkdirSync(rgDir, { recursive: true });
  cpSync('/usr/bin/rg', join(rgDir, 'rg'));
  symlinkSync('node_modules', join(vscode, 'node_modules.asar'));

  // What code-server's own postinstall would link.
  symlinkSync('code-linux.sh', join(vscode, 'bin', 'remote-cli', 'code-server'));
  symlinkSync('browser-linux.sh', join(vscode, 'bin', 'helpers', 'browser.sh'));

  log('built-in extensions dependencies');
  npm(join(vscode, 'extensions'), ['install', '--omit=dev', '--ignore-scripts'], 'built-in extensions dependencies');
}

function isReady() {
  return existsSync(entryPath) && existsSync(markerPath)
    && readFileSync(markerPath, 'utf8').trim() === CODE_SERVER_VERSION;
}

export function setupCodeServer({ force = false } = {}) {
  ensureAptPackages();
  checkPlaywright();
  if (!force && isReady()) {
    log(`code-server ${CODE_SERVER_VERSION} ready in ${cacheDir}`);
    return;
  }
  const nodeGyp = localNodeGyp();
  log(`installing code-server ${CODE_SERVER_VERSION} into ${cacheDir}`);
  // Build in a side folder and move it into place at the end, so an interrupted install is
  // never mistaken for a finished one.
  const staging = `${cacheDir}.partial`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  install(staging, nodeGyp);
  writeFileSync(join(staging, '.installed-version'), `${CODE_SERVER_VERSION}\n`);
  rmSync(cacheDir, { recursive: true, force: true });
  renameSync(staging, cacheDir);
  log(`code-server ${CODE_SERVER_VERSION} installed`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    setupCodeServer({ force: process.argv.includes('--force') });
  } catch (error) {
    if (!(error instanceof SetupError)) throw error;
    console.error(`\nsetup-code-server failed: ${error.message}`);
    process.exit(1);
  }
}
