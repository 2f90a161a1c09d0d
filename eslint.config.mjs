// Lint rules, chiefly the layering: dependencies point down, the engine does no I/O,
// and only server.ts talks to the LSP connection.
import tseslint from 'typescript-eslint';

const lspPackages = ['vscode-languageserver', 'vscode-languageserver/*', 'vscode-languageserver-types', 'vscode-languageserver-textdocument', 'vscode-languageclient', 'vscode-languageclient/*', 'vscode'];
const ioModules = ['fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'dns', 'node:dns', 'net', 'node:net', 'dgram', 'node:dgram', 'child_process', 'node:child_process', 'http', 'node:http', 'https', 'node:https'];

// `paths` are exact module names; `patterns` are gitignore-style globs over relative imports.
const restrict = (paths, patterns, message) => ({
  'no-restricted-imports': ['error', {
    paths: paths.filter((name) => !name.includes('*')).map((name) => ({ name, message })),
    patterns: [{ group: [...paths.filter((name) => name.includes('*')), ...patterns], message }],
  }],
});

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'test-results/**', '**/*.js', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      // `X.from(value)` normalisers live in a namespace merged with their type (see shared/settings.ts).
      '@typescript-eslint/no-namespace': 'off',
    },
  },
  {
    files: ['server/src/spf/**/*.ts'],
    rules: restrict([...lspPackages, ...ioModules], ['**/hosts/**', '**/features/**', '**/lsp/**', '**/dns/live*', '**/server', '**/cli'], 'server/src/spf is the pure engine: no I/O, no LSP, no upper layers (DNS goes through the Resolver interface).'),
  },
  {
    files: ['server/src/dns/**/*.ts'],
    rules: restrict(lspPackages, ['**/hosts/index', '**/features/**', '**/lsp/**', '**/server', '**/cli'], 'server/src/dns implements the Resolver seam; it knows nothing of LSP or features.'),
  },
  {
    files: ['server/src/hosts/**/*.ts'],
    rules: restrict([...lspPackages, ...ioModules], ['**/features/**', '**/lsp/**', '**/dns/**', '**/server', '**/cli'], 'server/src/hosts read document text only; file access is injected.'),
  },
  {
    files: ['server/src/features/**/*.ts'],
    rules: restrict(['vscode', 'vscode-languageserver', 'vscode-languageserver/*', 'vscode-languageclient', 'vscode-languageclient/*', ...ioModules], ['**/lsp/**', '**/server', '**/cli'], 'server/src/features return LSP types from the analysis; the connection and I/O belong to server.ts and the service.'),
  },
  {
    files: ['client/**/*.ts'],
    rules: restrict([], ['**/server/**'], 'The client talks to the server over LSP only; share types through shared/.'),
  },
);
