import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultClientConditions, defaultExternalConditions, defaultServerConditions } from 'vite';
import { sourceConditions } from './source-conditions.ts';

test('an integration running from its TypeScript source gives Vite the source condition', () => {
  const vite = sourceConditions('file:///repo/astro-plugin/src/integration.ts');
  assert.deepEqual(vite.resolve?.conditions, ['porthole-source', ...defaultClientConditions]);
  assert.deepEqual(vite.ssr?.resolve.conditions, ['porthole-source', ...defaultServerConditions]);
  assert.deepEqual(vite.ssr?.resolve.externalConditions, ['porthole-source', ...defaultExternalConditions]);
});

test('an installed, built integration leaves Vite’s conditions alone', () => {
  assert.deepEqual(sourceConditions('file:///site/node_modules/@porthole/astro/dist/integration.js'), {});
});
