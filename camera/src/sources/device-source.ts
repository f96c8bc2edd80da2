import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Frame, FrameSource } from './frame-source.ts';

const run = promisify(execFile);

/** Thrown when ffmpeg is missing, so the CLI can say how to get it instead of a stack trace. */
export class FfmpegMissingError extends Error {
  override name = 'FfmpegMissingError';
}

/** The ffmpeg arguments that grab one JPEG frame from `device` onto stdout. */
export function grabFrameArgs(device: string, platform: NodeJS.Platform = process.platform): string[] {
  // A /dev node is a V4L2 camera on Linux; on macOS, AVFoundation takes a device index;
  // anything else (a video file, an RTSP URL) is left to ffmpeg to probe.
  const input =
    device.startsWith('/dev/') && platform === 'linux'
      ? ['-f', 'v4l2', '-i', device]
      : platform === 'darwin' && /^\d+$/.test(device)
        ? ['-f', 'avfoundation', '-i', device]
        : ['-i', device];
  return [
    '-hide_banner',
    '-loglevel',
    'error',
    ...input,
    '-frames:v',
    '1',
    '-q:v',
    '4',
    '-f',
    'mjpeg',
    'pipe:1',
  ];
}

async function ensureFfmpeg(): Promise<void> {
  try {
    await run('ffmpeg', ['-version']);
  } catch {
    throw new FfmpegMissingError(
      '--device needs ffmpeg, which is not installed (or not on PATH). Install it, for example\n' +
        '  sudo apt-get install ffmpeg      (Debian, Ubuntu)\n' +
        '  brew install ffmpeg              (macOS)\n' +
        'or use --dir DIR or --synthetic instead.',
    );
  }
}

/** Grabs one frame from a webcam or video device per call, through ffmpeg. */
export async function openDeviceSource(device: string): Promise<FrameSource> {
  await ensureFfmpeg();
  let count = 0;
  return {
    describe: () => `device ${device} (through ffmpeg)`,
    async next(): Promise<Frame> {
      // Opening the device per frame costs a few hundred ms but leaves no long-lived
      // ffmpeg behind, and a device that disappears is retried on the next tick.
      const { stdout } = await run('ffmpeg', grabFrameArgs(device), {
        encoding: 'buffer',
        maxBuffer: 16 * 1024 * 1024,
        timeout: 15_000,
      });
      if (stdout.length === 0) throw new Error(`ffmpeg returned no image from ${device}`);
      return { bytes: stdout, type: 'image/jpeg', name: `device-${String(count++).padStart(6, '0')}.jpg` };
    },
    async close() {},
  };
}
