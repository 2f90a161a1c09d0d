import assert from 'node:assert/strict';
import { it } from 'node:test';
import { DocumentScheduler } from '../../server/src/lsp/scheduler';

it('aborts the running check when the document changes again, and runs only the latest', async () => {
  const runs: { uri: string; signal: AbortSignal }[] = [];
  let release!: () => void;
  const blocked = new Promise<void>((resolve) => (release = resolve));
  const scheduler = new DocumentScheduler(async (uri, signal) => {
    runs.push({ uri, signal });
    if (runs.length === 1) await blocked;
  }, (_uri, error) => assert.fail(String(error)));

  scheduler.schedule('file:///a.zone', 0);
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(runs.length, 1);
  // A change while the first check runs: it is aborted, and pending runs collapse into one.
  scheduler.schedule('file:///a.zone', 5);
  scheduler.schedule('file:///a.zone', 5);
  assert.equal(runs[0].signal.aborted, true);
  await new Promise((resolve) => setTimeout(resolve, 40));
  assert.equal(runs.length, 2);
  assert.equal(runs[1].signal.aborted, false);
  release();
  scheduler.dispose();
});

it('cancel drops a pending run without running it', async () => {
  let ran = 0;
  const scheduler = new DocumentScheduler(async () => {
    ran += 1;
  }, () => undefined);
  scheduler.schedule('file:///b.zone', 10);
  scheduler.cancel('file:///b.zone');
  await new Promise((resolve) => setTimeout(resolve, 30));
  assert.equal(ran, 0);
});
