import type { Writable } from 'node:stream';
import { formatDuration } from './format-duration.ts';
import type { UploadResult } from './upload/upload-frame.ts';

/** What the camera tells the person running it. */
export interface CameraLog {
  started(relay: string, intervalMs: number, source: string): void;
  progress(seq: number, sent: number, total: number): void;
  uploaded(seq: number, name: string, result: UploadResult): void;
  resuming(seq: number, attempt: number, delayMs: number, reason: string): void;
  failed(seq: number, reason: string, retryInMs: number): void;
  info(message: string): void;
}

function clock(): string {
  return new Date().toTimeString().slice(0, 8);
}

function kilobytes(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} kB`;
}

/** Plain lines on `out`; on a terminal, progress rewrites the current line. */
export function terminalLog(out: Writable & { isTTY?: boolean } = process.stdout): CameraLog {
  const tty = Boolean(out.isTTY);
  let progressShown = false;
  const line = (text: string) => {
    // Overwrite a pending progress line rather than leaving it half-printed above.
    out.write(`${progressShown ? '\r\x1b[2K' : ''}${clock()} ${text}\n`);
    progressShown = false;
  };
  return {
    started(relay, intervalMs, source) {
      line(`porthole-camera uploading to ${relay} every ${formatDuration(intervalMs)} from ${source}`);
    },
    progress(seq, sent, total) {
      if (!tty || sent >= total) return;
      out.write(`\r\x1b[2K${clock()} #${seq} uploading ${kilobytes(sent)} of ${kilobytes(total)}`);
      progressShown = true;
    },
    uploaded(seq, name, result) {
      const waves =
        result.waves > 0 ? ` · ${result.waves} wave${result.waves === 1 ? '' : 's'} from visitors` : '';
      line(
        `#${seq} uploaded ${name} ${kilobytes(result.bytes)} in ${formatDuration(result.durationMs)}${waves}`,
      );
    },
    resuming(seq, attempt, delayMs, reason) {
      line(`#${seq} ${reason}; resuming in ${formatDuration(delayMs)} (attempt ${attempt})`);
    },
    failed(seq, reason, retryInMs) {
      line(`#${seq} upload failed: ${reason}; next frame in ${formatDuration(retryInMs)}`);
    },
    info(message) {
      line(message);
    },
  };
}
