import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SettingsStore, overlaySettings } from '../../server/src/lsp/settings';

/** A connection whose client answers workspace/configuration with `answer` (or fails). */
function client(answer: unknown | Error): ConstructorParameters<typeof SettingsStore>[0] {
  return {
    workspace: {
      getConfiguration: () => (answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer)),
    },
  } as unknown as ConstructorParameters<typeof SettingsStore>[0];
}

const init = { settings: { dns: { live: false, servers: ['127.0.0.1:5353'] }, validationDelayMs: 0 } };

describe('SettingsStore', () => {
  it('uses initializationOptions.settings when the client cannot be asked (Neovim 0.7)', async () => {
    const settings = await new SettingsStore(client(null), false, init).get('file:///a.zone');
    assert.equal(settings.dns.live, false);
    assert.deepEqual(settings.dns.servers, ['127.0.0.1:5353']);
    assert.equal(settings.validationDelayMs, 0);
  });

  it('lays a pulled spfLens section over them key by key', async () => {
    const settings = await new SettingsStore(client({ rules: { 'spf-ptr': 'ignore' }, dns: { timeoutMs: 500 } }), true, init).get('file:///a.zone');
    assert.equal(settings.dns.live, false, 'a pull without dns.live keeps the initial "off"');
    assert.equal(settings.dns.timeoutMs, 500);
    assert.deepEqual(settings.rules, { 'spf-ptr': 'ignore' });
  });

  it('lets a pulled value win where both say something', async () => {
    const settings = await new SettingsStore(client({ dns: { live: true, servers: [] } }), true, init).get('file:///a.zone');
    assert.equal(settings.dns.live, true);
    assert.deepEqual(settings.dns.servers, [], 'an empty list replaces, it does not merge');
  });

  it('treats null, [] (an empty Lua table) and a failed pull as "nothing for this section"', async () => {
    for (const answer of [null, [], new Error('no')]) {
      const settings = await new SettingsStore(client(answer), true, init).get('file:///a.zone');
      assert.equal(settings.dns.live, false, JSON.stringify(answer));
    }
  });

  it('takes pushed settings (didChangeConfiguration { spfLens }) over the initial ones', async () => {
    const store = new SettingsStore(client(null), false, init);
    assert.equal((await store.get('file:///a.zone')).dns.live, false);
    store.changed({ spfLens: { dns: { live: true } } });
    const settings = await store.get('file:///a.zone');
    assert.equal(settings.dns.live, true);
    assert.deepEqual(settings.dns.servers, ['127.0.0.1:5353']);
    store.changed({ somethingElse: {} });
    assert.equal((await store.get('file:///a.zone')).dns.live, true, 'a push without spfLens keeps the last one');
  });

  it('defaults without any settings', async () => {
    const settings = await new SettingsStore(client(null), true, undefined).get('file:///a.zone');
    assert.equal(settings.dns.live, true);
    assert.equal(settings.workspaceTrusted, true);
  });
});

describe('overlaySettings', () => {
  it('merges objects and replaces everything else', () => {
    assert.deepEqual(overlaySettings({ a: { b: 1, c: [1] }, d: 1 }, { a: { c: [] }, e: 2 }), { a: { b: 1, c: [] }, d: 1, e: 2 });
    assert.deepEqual(overlaySettings({ a: 1 }, undefined), { a: 1 });
    assert.deepEqual(overlaySettings({ a: 1 }, null), { a: 1 });
    assert.deepEqual(overlaySettings({ a: { b: 1 } }, { a: null }), { a: { b: 1 } });
  });
});
