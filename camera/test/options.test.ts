import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OptionsError, resolveRecordLoopOptions, resolveUploadOptions } from '../src/options.ts';
import { parseCommandLine } from '../src/parse-flags.ts';

function uploadOptions(argv: string[], env: NodeJS.ProcessEnv = {}) {
  return resolveUploadOptions(parseCommandLine(argv).flags, env);
}

describe('upload options', () => {
  it('applies the defaults when only a token is given', () => {
    const options = uploadOptions(['--token', 't']);
    assert.equal(options.relay, 'http://127.0.0.1:8787/');
    assert.equal(options.interval, 2000);
    assert.equal(options.count, 0);
    assert.deepEqual(options.source, { kind: 'synthetic' });
    assert.deepEqual(options.tokenChoice, { kind: 'value', token: 't' });
  });

  it('lets flags win over PORTHOLE_* environment variables', () => {
    const env = { PORTHOLE_RELAY_URL: 'http://env.example/', PORTHOLE_INTERVAL: '9s', PORTHOLE_TOKEN: 'env' };
    const options = uploadOptions(
      ['--relay', 'http://flag.example/', '--interval', '500ms', '--token', 'f'],
      env,
    );
    assert.equal(options.relay, 'http://flag.example/');
    assert.equal(options.interval, 500);
    assert.deepEqual(options.tokenChoice, { kind: 'value', token: 'f' });
  });

  it('reads settings from the environment when no flag is given', () => {
    const env = {
      PORTHOLE_RELAY_URL: 'https://cam.example.com/porthole',
      PORTHOLE_INTERVAL: '1m',
      PORTHOLE_TOKEN_FILE: '/run/secrets/porthole',
      PORTHOLE_CAMERA_DIR: './frames',
    };
    const options = uploadOptions([], env);
    assert.equal(options.relay, 'https://cam.example.com/porthole/', 'a trailing slash is added');
    assert.equal(options.interval, 60_000);
    assert.deepEqual(options.tokenChoice, { kind: 'file', path: '/run/secrets/porthole' });
    assert.deepEqual(options.source, { kind: 'dir', dir: './frames' });
  });

  it('prefers a token flag over PORTHOLE_TOKEN and a token file flag over both env settings', () => {
    const env = { PORTHOLE_TOKEN: 'env-token' };
    assert.deepEqual(uploadOptions(['--token-file', 'f.txt'], env).tokenChoice, {
      kind: 'file',
      path: 'f.txt',
    });
  });

  it('lets a source flag replace the source from the environment', () => {
    const options = uploadOptions(['--token', 't', '--synthetic'], { PORTHOLE_CAMERA_DIR: './frames' });
    assert.deepEqual(options.source, { kind: 'synthetic' });
  });

  it('names the setting, what it accepts and what it got for a bad interval', () => {
    assert.throws(
      () => uploadOptions(['--token', 't', '--interval', 'often']),
      (error: Error) =>
        error instanceof OptionsError &&
        error.message.includes('--interval (PORTHOLE_INTERVAL)') &&
        error.message.includes('such as 2s') &&
        error.message.includes('"often"'),
    );
  });

  it('refuses an interval shorter than 100 ms', () => {
    assert.throws(() => uploadOptions(['--token', 't', '--interval', '10ms']), OptionsError);
  });

  it('refuses a relay URL that is not http or https', () => {
    assert.throws(
      () => uploadOptions(['--token', 't', '--relay', 'ftp://relay/']),
      /--relay \(PORTHOLE_RELAY_URL\)/,
    );
  });

  it('refuses to start without a token, naming both ways to give one', () => {
    assert.throws(
      () => uploadOptions([]),
      /--token \(PORTHOLE_TOKEN\) or --token-file \(PORTHOLE_TOKEN_FILE\)/,
    );
  });

  it('refuses two sources at once', () => {
    assert.throws(
      () => uploadOptions(['--token', 't', '--dir', 'a', '--device', '/dev/video0']),
      /one source but received --dir and --device/,
    );
  });

  it('refuses a negative or fractional count', () => {
    assert.throws(() => uploadOptions(['--token', 't', '--count', '-1']), /--count/);
    assert.throws(() => uploadOptions(['--token', 't', '--count', '1.5']), /--count/);
  });
});

describe('record-loop options', () => {
  it('defaults to 24 synthetic frames every 2 s into ./loop-recorded, with no relay', () => {
    const { command, flags } = parseCommandLine(['record-loop']);
    assert.equal(command, 'record-loop');
    assert.deepEqual(resolveRecordLoopOptions(flags, {}), {
      interval: 2000,
      frames: 24,
      out: './loop-recorded',
      source: { kind: 'synthetic' },
    });
  });

  it('chooses its source as uploading does: flags, then PORTHOLE_CAMERA_DIR, then the device', () => {
    const record = (argv: string[], env: NodeJS.ProcessEnv = {}) =>
      resolveRecordLoopOptions(parseCommandLine(['record-loop', ...argv]).flags, env).source;
    assert.deepEqual(record(['--dir', './frames']), { kind: 'dir', dir: './frames' });
    assert.deepEqual(record(['--device', '/dev/video0']), { kind: 'device', device: '/dev/video0' });
    const env = { PORTHOLE_CAMERA_DIR: './env-frames', PORTHOLE_CAMERA_DEVICE: '/dev/video1' };
    assert.deepEqual(record([], env), { kind: 'dir', dir: './env-frames' });
    assert.deepEqual(record([], { PORTHOLE_CAMERA_DEVICE: '/dev/video1' }), {
      kind: 'device',
      device: '/dev/video1',
    });
    assert.deepEqual(record(['--synthetic'], env), { kind: 'synthetic' });
    assert.deepEqual(record(['--device', '/dev/video2'], env), { kind: 'device', device: '/dev/video2' });
    assert.throws(
      () => record(['--dir', 'a', '--synthetic']),
      /one source but received --dir and --synthetic/,
    );
  });

  it('ignores the relay setting in the environment', () => {
    const { flags } = parseCommandLine(['record-loop']);
    const options = resolveRecordLoopOptions(flags, { PORTHOLE_RELAY_URL: 'not a url' });
    assert.ok(!('relay' in options));
  });

  it('refuses to write the loop into the folder it reads frames from', () => {
    const { flags } = parseCommandLine(['record-loop', '--dir', './frames', '--out', 'frames/']);
    assert.throws(() => resolveRecordLoopOptions(flags, {}), /another folder than --dir .* for --out/);
  });

  it('takes frames, interval and folder from flags', () => {
    const { flags } = parseCommandLine(['record-loop', '--frames', '5', '--interval', '250ms', '--out', 'x']);
    const options = resolveRecordLoopOptions(flags, { PORTHOLE_LOOP_FRAMES: '9' });
    assert.equal(options.frames, 5);
    assert.equal(options.interval, 250);
    assert.equal(options.out, 'x');
  });

  it('refuses zero frames', () => {
    const { flags } = parseCommandLine(['record-loop', '--frames', '0']);
    assert.throws(() => resolveRecordLoopOptions(flags, {}), /--frames \(PORTHOLE_LOOP_FRAMES\)/);
  });
});
