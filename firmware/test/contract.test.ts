/**
 * The firmware's copy of the wire contract (lib/porthole/src/porthole/protocol.h) against
 * @porthole/protocol: a change on either side fails here, and so does a contract literal written
 * anywhere else in the C++ instead of the header's constant.
 */
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { HEADERS, PATHS, TUS_VERSION } from '@porthole/protocol';

const FIRMWARE = join(import.meta.dirname, '..');
const HEADER = join(FIRMWARE, 'lib/porthole/src/porthole/protocol.h');

/** What each constant of protocol.h must equal. */
const EXPECTED: Record<string, string> = {
  kTusVersion: TUS_VERSION,
  kTusPath: PATHS.tus,
  kControlPath: PATHS.control,
  kWavesHeader: HEADERS.waves,
};

/** `constexpr const char* kName = "value";` */
const STRING_CONSTANT = /constexpr\s+const\s+char\s*\*\s*(\w+)\s*=\s*"([^"\\]*)"\s*;/g;

/** The string constants a header declares, by name. */
function stringConstants(source: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const [, name, value] of source.matchAll(STRING_CONSTANT)) {
    found[name as string] = value as string;
  }
  return found;
}

/** Every C++ source and header under the firmware's code folders (not the tests' fakes). */
async function cppFiles(): Promise<string[]> {
  const files: string[] = [];
  for (const dir of ['lib', 'src', 'host']) {
    for (const entry of await readdir(join(FIRMWARE, dir), { recursive: true, withFileTypes: true })) {
      if (entry.isFile() && /\.(cpp|h|ino)$/.test(entry.name)) files.push(join(entry.parentPath, entry.name));
    }
  }
  return files;
}

/** "/files/" and "Porthole-Waves" as a literal would spell them in any case, with or without slashes. */
const normalise = (text: string) => text.toLowerCase().replace(/^\/+|\/+$/g, '');

describe('the firmware speaks @porthole/protocol', () => {
  it('declares every constant of protocol.h with the value the protocol package exports', async () => {
    assert.deepEqual(stringConstants(await readFile(HEADER, 'utf8')), EXPECTED);
  });

  it('writes no contract value as a literal outside protocol.h', async () => {
    const values = new Set(Object.values(EXPECTED).map(normalise));
    const strays: string[] = [];
    for (const file of await cppFiles()) {
      if (file === HEADER) continue;
      const code = (await readFile(file, 'utf8')).replace(/(^|[^:])\/\/.*$/gm, '$1');
      for (const [literal, text] of code.matchAll(/"((?:[^"\\\n]|\\.)*)"/g)) {
        if (values.has(normalise(text as string))) strays.push(`${relative(FIRMWARE, file)}: ${literal}`);
      }
    }
    assert.deepEqual(strays, [], 'use the constants of lib/porthole/src/porthole/protocol.h');
  });
});
