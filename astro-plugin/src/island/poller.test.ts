import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import { createPoller } from './poller.ts';

// Lets the poller's awaited poll settle under fake timers.
const settle = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe('createPoller', () => {
  beforeEach(() => mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 1_000_000 }));
  afterEach(() => mock.timers.reset());

  it('polls at once when switched on, then after the delay each poll returns', async () => {
    const times: number[] = [];
    const poller = createPoller(async () => {
      times.push(Date.now());
      return 2000;
    });
    poller.set(true);
    mock.timers.tick(0);
    await settle();
    mock.timers.tick(2000);
    await settle();
    mock.timers.tick(2000);
    await settle();
    assert.deepEqual(times, [1_000_000, 1_002_000, 1_004_000]);
  });

  it('does nothing while off', async () => {
    let polls = 0;
    createPoller(async () => {
      polls++;
      return 1000;
    });
    mock.timers.tick(60_000);
    await settle();
    assert.equal(polls, 0);
  });

  it('stops polling when switched off, even with a timer pending', async () => {
    let polls = 0;
    const poller = createPoller(async () => {
      polls++;
      return 1000;
    });
    poller.set(true);
    mock.timers.tick(0);
    await settle();
    poller.set(false);
    mock.timers.tick(60_000);
    await settle();
    assert.equal(polls, 1);
  });

  it('never runs two polls at once when switched on repeatedly during a slow poll', async () => {
    let inFlight = 0;
    let most = 0;
    let finish = () => {};
    const poller = createPoller(async () => {
      most = Math.max(most, ++inFlight);
      await new Promise<void>((resolve) => {
        finish = resolve;
      });
      inFlight--;
      return 1000;
    });
    poller.set(true);
    mock.timers.tick(0);
    for (let i = 0; i < 5; i++) {
      poller.set(false);
      poller.set(true);
      mock.timers.tick(0);
    }
    assert.equal(most, 1);
    finish();
    await settle();
    mock.timers.tick(1000);
    await settle();
    assert.equal(most, 1);
  });

  it('a poll that finishes after switching off schedules nothing', async () => {
    let polls = 0;
    let finish = () => {};
    const poller = createPoller(async () => {
      polls++;
      await new Promise<void>((resolve) => {
        finish = resolve;
      });
      return 1000;
    });
    poller.set(true);
    mock.timers.tick(0);
    poller.set(false);
    finish();
    await settle();
    mock.timers.tick(60_000);
    await settle();
    assert.equal(polls, 1);
  });

  it('resumes at once when the due time passed while off', async () => {
    const times: number[] = [];
    const poller = createPoller(async () => {
      times.push(Date.now());
      return 2000;
    });
    poller.set(true);
    mock.timers.tick(0);
    await settle();
    poller.set(false);
    mock.timers.tick(10_000);
    poller.set(true);
    mock.timers.tick(0);
    await settle();
    assert.deepEqual(times, [1_000_000, 1_010_000]);
  });

  it('honours the remaining delay (a Retry-After, say) when switched back on early', async () => {
    const times: number[] = [];
    const poller = createPoller(async () => {
      times.push(Date.now());
      return 30_000;
    });
    poller.set(true);
    mock.timers.tick(0);
    await settle();
    poller.set(false);
    mock.timers.tick(5000);
    poller.set(true);
    mock.timers.tick(24_999);
    await settle();
    assert.equal(times.length, 1);
    mock.timers.tick(1);
    await settle();
    assert.deepEqual(times, [1_000_000, 1_030_000]);
  });

  it('keeps at most one timer however often it is switched on and off', async () => {
    const realSet = globalThis.setTimeout;
    const realClear = globalThis.clearTimeout;
    const pending = new Set<unknown>();
    let most = 0;
    const setSpy = mock.method(globalThis, 'setTimeout', (fn: () => void, ms: number) => {
      const id: unknown = realSet(() => {
        pending.delete(id);
        fn();
      }, ms);
      pending.add(id);
      most = Math.max(most, pending.size);
      return id;
    });
    const clearSpy = mock.method(globalThis, 'clearTimeout', (id: Parameters<typeof realClear>[0]) => {
      pending.delete(id);
      realClear(id);
    });
    const poller = createPoller(async () => 5000);
    for (let i = 0; i < 10; i++) poller.set(true);
    for (let i = 0; i < 10; i++) {
      poller.set(false);
      poller.set(true);
      mock.timers.tick(2500);
      await settle();
    }
    poller.set(false);
    setSpy.mock.restore();
    clearSpy.mock.restore();
    assert.equal(most, 1);
    assert.equal(pending.size, 0);
  });
});
