import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { HELP } from '../src/help.ts';
import { flagOf, SETTING_NAMES, setting } from '../src/settings.ts';

describe('--help', () => {
  it('lists every setting with its variable and default, from the settings table', () => {
    for (const name of SETTING_NAMES) {
      const { env, default: fallback } = setting(name);
      assert.ok(HELP.includes(`\n  ${flagOf(name)} `), flagOf(name));
      if (env) assert.ok(HELP.includes(` ${env}`), env);
      if (env && fallback) assert.ok(HELP.includes(`${env}, default ${fallback}`), `${env} default`);
    }
    assert.ok(HELP.includes('PORTHOLE_INTERVAL, default 2s'));
  });

  it('is echoed by the README, which names every flag and variable', async () => {
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    for (const name of SETTING_NAMES) {
      assert.ok(readme.includes(`\`${flagOf(name)}`), `README names ${flagOf(name)}`);
      const { env } = setting(name);
      if (env) assert.ok(readme.includes(`\`${env}\``), `README names ${env}`);
    }
  });
});
