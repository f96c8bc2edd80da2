import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OptionsError } from '../src/options.ts';
import { parseCommandLine } from '../src/parse-flags.ts';

describe('command line', () => {
  it('uploads by default and turns dashed flags into setting names', () => {
    assert.deepEqual(parseCommandLine(['--token-file', 't', '--dir', 'frames']), {
      command: 'upload',
      flags: { tokenFile: 't', dir: 'frames' },
    });
  });

  it('shows help for --help, -h and the help command', () => {
    for (const argv of [['--help'], ['-h'], ['help'], ['record-loop', '--help']]) {
      assert.equal(parseCommandLine(argv).command, 'help', argv.join(' '));
    }
  });

  it('rejects unknown flags and points at --help', () => {
    assert.throws(
      () => parseCommandLine(['--tokn', 'x']),
      (error: Error) => {
        return error instanceof OptionsError && /--tokn/.test(error.message) && /--help/.test(error.message);
      },
    );
  });

  it('rejects an unknown command', () => {
    assert.throws(() => parseCommandLine(['record']), /"record-loop" but received "record"/);
  });

  it('rejects flags that belong to the other command', () => {
    assert.throws(() => parseCommandLine(['--frames', '3']), /--frames does not apply to uploading/);
    assert.throws(
      () => parseCommandLine(['record-loop', '--token', 'x']),
      /--token does not apply to record-loop/,
    );
    assert.throws(
      () => parseCommandLine(['record-loop', '--relay', 'http://127.0.0.1:8787/']),
      (error: Error) =>
        error instanceof OptionsError &&
        /--relay does not apply to record-loop/.test(error.message) &&
        /raw frames/.test(error.message),
    );
  });

  it('gives record-loop the same source flags as uploading', () => {
    assert.deepEqual(parseCommandLine(['record-loop', '--dir', 'frames', '--frames', '3']), {
      command: 'record-loop',
      flags: { dir: 'frames', frames: '3' },
    });
    assert.deepEqual(parseCommandLine(['record-loop', '--synthetic']).flags, { synthetic: true });
    assert.deepEqual(parseCommandLine(['record-loop', '--device', '/dev/video0']).flags, {
      device: '/dev/video0',
    });
  });
});
