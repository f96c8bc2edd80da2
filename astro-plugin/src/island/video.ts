/**
 * The video path, loaded only where it can run: AV1 chunks from the relay decoded with WebCodecs into a
 * canvas. One held request per new frame (`GET /video/<seq>`); a run that starts with a key resets the
 * decoder, so a newcomer, a switch to the loop and a relay restart all land on a picture at once.
 */
import type { PointerVideo } from '@porthole/protocol';
import { decodeRun, type Run } from '@porthole/protocol/video';

export interface VideoShown {
  /** The seq now on screen (unchanged when the relay had nothing new). */
  seq: number | undefined;
  /** A fully decoded picture to put on screen, or nothing new. */
  canvas?: HTMLCanvasElement;
  run?: Run;
}

export interface VideoPath {
  next(seq: number | undefined, signal: AbortSignal): Promise<VideoShown>;
}

/**
 * A decoder for what the relay sends, or undefined where this browser cannot decode it. `runs` is the
 * relay's `/video/` URL (this module imports nothing of the island's, so it loads as one small file).
 */
export async function openVideo(video: PointerVideo, runs: string): Promise<VideoPath | undefined> {
  // Latency first: without it a decoder may hold each picture back until the next chunk arrives.
  const config: VideoDecoderConfig = {
    codec: video.codec,
    codedWidth: video.width,
    codedHeight: video.height,
    optimizeForLatency: true,
  };
  if (!(await VideoDecoder.isConfigSupported(config).catch(() => undefined))?.supported) return undefined;
  let pending: { count: number; last?: VideoFrame; done(): void; fail(e: unknown): void } | undefined;
  const open = () =>
    new VideoDecoder({
      output(frame) {
        if (!pending) return frame.close();
        pending.last?.close();
        pending.last = frame;
        if (--pending.count === 0) pending.done();
      },
      error: (e) => pending?.fail(e),
    });
  let decoder = open();

  /** Decode a run; resolves with its last picture once every chunk has come out of the decoder. */
  const decode = (run: Run) =>
    new Promise<VideoFrame | undefined>((resolve, reject) => {
      const job = { count: run.chunks.length, done: () => resolve(job.last), fail: reject } as NonNullable<
        typeof pending
      >;
      pending = job;
      for (const chunk of run.chunks) {
        if (chunk.key) decoder.configure(config);
        const type = chunk.key ? 'key' : 'delta';
        decoder.decode(new EncodedVideoChunk({ type, timestamp: chunk.seq, data: chunk.data }));
      }
    });

  return {
    async next(seq, signal) {
      // A decoder that failed (or never started) needs a key: ask for the run from the newest one.
      const after = decoder.state === 'configured' ? (seq ?? 0) : 0;
      const response = await fetch(`${runs}${after}`, { signal });
      if (response.status === 204) return { seq };
      if (!response.ok) throw response;
      const run = decodeRun(new Uint8Array(await response.arrayBuffer()));
      if (!run.chunks.length) return { seq, run };
      let frame: VideoFrame | undefined;
      try {
        frame = await decode(run);
      } catch (error) {
        // A decoder that erred is closed for good: the next request starts a new one from a key.
        if (decoder.state === 'closed') decoder = open();
        else decoder.reset();
        throw error;
      }
      if (!frame) return { seq, run };
      const canvas = document.createElement('canvas');
      canvas.width = frame.displayWidth;
      canvas.height = frame.displayHeight;
      canvas.className = 'porthole-frame';
      canvas.dataset.seq = String(run.chunks.at(-1)?.seq);
      canvas.getContext('2d')?.drawImage(frame, 0, 0);
      frame.close();
      return { seq: run.chunks.at(-1)?.seq, canvas, run };
    },
  };
}
