/**
 * Decode the relay's AV1 chunks in Node, the way a browser's VideoDecoder would: a key resets, deltas
 * continue. Uses libaom's decoder from the same libav.js build the relay encodes with.
 */
import LibAVFactory from '@libav.js/variant-av1-opus';

interface LibAV {
  ff_init_decoder(name: string): Promise<[number, number, number, number]>;
  ff_decode_multi(
    c: number,
    pkt: number,
    frame: number,
    packets: { data: Uint8Array; flags: number; pts: number }[],
  ): Promise<
    { data: Uint8Array; width: number; height: number; layout?: { offset: number; stride: number }[] }[]
  >;
  ff_free_decoder(c: number, pkt: number, frame: number): Promise<void>;
  av_log_set_level(level: number): Promise<void>;
}

export interface DecodedPicture {
  width: number;
  height: number;
  /** The luma plane, full range again (the relay encodes limited range), `width × height`. */
  gray: Buffer;
}

export interface Av1Decoder {
  /** Decode one chunk; throws when the decoder refuses it (a delta without its reference, corrupt bytes). */
  decode(data: Uint8Array, key: boolean): Promise<DecodedPicture>;
  close(): Promise<void>;
}

export async function openAv1Decoder(): Promise<Av1Decoder> {
  const libav = (await (LibAVFactory as { LibAV(o: object): Promise<LibAV> }).LibAV({
    noworker: true,
  })) as LibAV;
  await libav.av_log_set_level(-8);
  let [, c, pkt, frame] = await libav.ff_init_decoder('libaom-av1');
  let pts = 0;
  return {
    async decode(data, key) {
      if (key) {
        // A fresh decoder at each key, as a client that joins there would have.
        await libav.ff_free_decoder(c, pkt, frame);
        [, c, pkt, frame] = await libav.ff_init_decoder('libaom-av1');
      }
      const frames = await libav.ff_decode_multi(c, pkt, frame, [{ data, flags: key ? 1 : 0, pts: pts++ }]);
      const out = frames.at(-1);
      if (!out) throw new Error('the chunk decoded to no picture');
      const stride = out.layout?.[0]?.stride ?? out.width;
      const gray = Buffer.alloc(out.width * out.height);
      for (let y = 0; y < out.height; y++)
        for (let x = 0; x < out.width; x++) {
          const v = out.data[(out.layout?.[0]?.offset ?? 0) + y * stride + x]!;
          gray[y * out.width + x] = Math.max(0, Math.min(255, Math.round(((v - 16) * 255) / 219)));
        }
      return { width: out.width, height: out.height, gray };
    },
    close: () => libav.ff_free_decoder(c, pkt, frame),
  };
}
