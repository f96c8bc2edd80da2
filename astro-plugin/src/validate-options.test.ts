import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PortholeOptions } from './schema.ts';
import { validateOptions } from './validate-options.ts';

const relay = 'https://cam.example.com';
const fails = (options: unknown, env: Record<string, string> = {}) => {
  try {
    validateOptions(options as PortholeOptions, env);
  } catch (error) {
    return (error as Error).message;
  }
  assert.fail('expected the options to be refused');
};

describe('validateOptions', () => {
  it('fills in every default around the relay URL, which gains a trailing slash', () => {
    const config = validateOptions({ relay }, {});
    assert.equal(config.relay, 'https://cam.example.com/');
    assert.equal(config.fade, 800);
    assert.deepEqual(config.poll, { min: 1000, max: 30_000, backoffCap: 60_000 });
    assert.deepEqual(config.pauseButton, { placement: 'bottom-right', label: 'Pause live view' });
    assert.equal(config.wave.enabled, true);
    assert.equal(config.poster, './loop');
  });

  it('takes the relay URL from PORTHOLE_RELAY_URL when the config has none', () => {
    assert.equal(
      validateOptions(undefined, { PORTHOLE_RELAY_URL: 'http://127.0.0.1:8787/' }).relay,
      'http://127.0.0.1:8787/',
    );
  });

  it('prefers the config over the environment', () => {
    assert.equal(validateOptions({ relay }, { PORTHOLE_RELAY_URL: 'http://other/' }).relay, `${relay}/`);
  });

  it('accepts a relay on the site’s own origin', () => {
    assert.equal(validateOptions({ relay: '/porthole' }, {}).relay, '/porthole/');
  });

  it('names the relay option and the environment variable when neither is set', () => {
    const message = fails(undefined);
    assert.match(message, /relay: Expected the relay URL/);
    assert.match(message, /PORTHOLE_RELAY_URL/);
  });

  it('refuses a relay that is not a URL, saying what it received', () => {
    assert.match(
      fails({ relay: 'cam.example.com' }),
      /relay: Expected an http\(s\) URL .*received "cam.example.com"/,
    );
  });

  it('names nested options, the accepted values and the value given', () => {
    assert.match(
      fails({ relay, poll: { min: 10 } }),
      /poll\.min: Expected at least 250 ms for poll\.min, received 10/,
    );
    assert.match(
      fails({ relay, pauseButton: { placement: 'middle' } }),
      /pauseButton\.placement: Expected one of top-left, top-right, bottom-left, bottom-right, none, received "middle"/,
    );
    assert.match(
      fails({ relay, look: { opacity: 2 } }),
      /look\.opacity: Expected an opacity between 0 and 1/,
    );
    assert.match(
      fails({ relay, fade: '1s' }),
      /fade: Expected a number of milliseconds for fade, received "1s"/,
    );
  });

  it('reports every bad option at once', () => {
    const message = fails({ relay, fade: -1, wave: { label: '' } });
    assert.match(message, /fade:/);
    assert.match(message, /wave\.label:/);
  });

  it('refuses poll bounds the wrong way round', () => {
    assert.match(
      fails({ relay, poll: { min: 5000, max: 2000 } }),
      /poll: Expected poll\.min to be at most poll\.max/,
    );
  });

  it('refuses unknown options, catching typos', () => {
    assert.match(fails({ relay, fadeDuration: 300 }), /fadeDuration/);
  });
});
