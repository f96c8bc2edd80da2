import { HELP } from './help.ts';
import { OptionsError, resolveRecordLoopOptions, resolveUploadOptions } from './options.ts';
import { parseCommandLine } from './parse-flags.ts';
import { recordLoop } from './record-loop.ts';
import { runCamera } from './run-camera.ts';
import { FfmpegMissingError } from './sources/device-source.ts';
import { openFrameSource } from './sources/open-source.ts';
import { terminalLog } from './terminal-log.ts';
import { loadToken } from './token.ts';

/** Aborts on the first Ctrl-C or SIGTERM so uploads and waits end promptly. */
function stopOnSignals(): AbortController {
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return controller;
}

async function upload(argvFlags: ReturnType<typeof parseCommandLine>['flags']): Promise<number> {
  const options = resolveUploadOptions(argvFlags, process.env);
  const token = await loadToken(options.tokenChoice);
  const source = await openFrameSource(options.source);
  const { signal } = stopOnSignals();
  const log = terminalLog();
  const summary = await runCamera({
    relay: options.relay,
    token,
    intervalMs: options.interval,
    count: options.count,
    source,
    log,
    signal,
  });
  log.info(
    `stopped: ${summary.uploaded} uploaded, ${summary.failed} failed, ${summary.waves} waves received`,
  );
  return options.count > 0 && summary.uploaded < options.count && !signal.aborted ? 1 : 0;
}

async function record(argvFlags: ReturnType<typeof parseCommandLine>['flags']): Promise<number> {
  const options = resolveRecordLoopOptions(argvFlags, process.env);
  const source = await openFrameSource(options.source);
  const { signal } = stopOnSignals();
  const result = await recordLoop({
    source,
    frames: options.frames,
    intervalMs: options.interval,
    out: options.out,
    signal,
    say: (line) => console.log(line),
  });
  // Information, not a fault: a real camera's frames differ by sensor noise, while a still
  // synthetic scene or a folder with few images repeats frames legitimately.
  const identical = result.repeats === 1 ? '1 frame was' : `${result.repeats} frames were`;
  console.log(
    `recorded ${result.files.length} frames into ${options.out}; ${identical} byte-identical to the frame before`,
  );
  return 0;
}

/** Runs the CLI; resolves with the process exit code. */
export async function main(argv: string[]): Promise<number> {
  try {
    const { command, flags } = parseCommandLine(argv);
    if (command === 'help') {
      process.stdout.write(HELP);
      return 0;
    }
    return command === 'record-loop' ? await record(flags) : await upload(flags);
  } catch (error) {
    const known = error instanceof OptionsError || error instanceof FfmpegMissingError;
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`porthole-camera: ${message}\n`);
    if (!known && error instanceof Error && process.env.PORTHOLE_DEBUG) console.error(error.stack);
    return known ? 2 : 1;
  }
}
