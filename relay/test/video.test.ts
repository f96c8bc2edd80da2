import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { decodeRun, PATHS, type Pointer, type Run, VIDEO_CODEC } from '@porthole/protocol';
import {
  type Av1Decoder,
  type DecodedPicture,
  eventually,
  fetchFrameOnAir,
  getPointer,
  makeJpeg,
  openAv1Decoder,
  pixelDistance,
  SAME_FRAME,
  startTestRelay,
  type TestRelay,
  uploadWithTus,
  widestJpeg,
} from '@porthole/testing';
import sharp from 'sharp';

const asImage = (p: DecodedPicture) =>
  sharp(p.gray, { raw: { width: p.width, height: p.height, channels: 1 } })
    .png()
    .toBuffer();

async function getRun(
  base: string,
  seq: number,
  userAgent = 'node',
): Promise<{ status: number; run?: Run; res: Response }> {
  const res = await fetch(new URL(`.${PATHS.video}${seq}`, base), { headers: { 'User-Agent': userAgent } });
  if (res.status !== 200) return { status: res.status, res };
  return { status: 200, run: decodeRun(new Uint8Array(await res.arrayBuffer())), res };
}

/** Decode a run the way the island does: a key resets, and the last picture is what shows. */
async function show(decoder: Av1Decoder, run: Run): Promise<DecodedPicture> {
  let picture: DecodedPicture | undefined;
  for (const chunk of run.chunks) picture = await decoder.decode(chunk.data, chunk.key);
  assert.ok(picture);
  return picture;
}

/** How far the decoded picture is from the still the pointer names now. */
async function distanceFromStill(base: string, picture: DecodedPicture): Promise<number> {
  return pixelDistance(await asImage(picture), widestJpeg(await fetchFrameOnAir(base)).data);
}

describe('video chunks', () => {
  let relay: TestRelay;
  let decoder: Av1Decoder;
  before(async () => {
    relay = await startTestRelay({ offlineAfter: '1h' });
    decoder = await openAv1Decoder();
    await uploadWithTus(relay.url, await makeJpeg(1));
    await relay.idle();
    await relay.feed.settled();
  });
  after(async () => {
    await decoder.close();
    await relay.dispose();
  });

  test('the pointer names the codec, the size and the newest chunk, an immutable file', async () => {
    const pointer = (await getPointer(relay.url)) as Pointer;
    assert.ok(pointer.video, 'the pointer has a video field');
    assert.equal(pointer.video.codec, VIDEO_CODEC);
    assert.equal(pointer.video.width, 640);
    assert.equal(pointer.video.height, 480);
    assert.match(pointer.video.chunk.url, /^frames\/[0-9a-f]{24}\.obu$/);
    const res = await fetch(new URL(pointer.video.chunk.url, relay.url));
    assert.equal(res.status, 200);
    assert.match(res.headers.get('cache-control') ?? '', /immutable/);
    assert.equal((await res.arrayBuffer()).byteLength, pointer.video.chunk.bytes);
  });

  test('a newcomer gets one run from the newest key, and it decodes to the frame on air', async () => {
    const pointer = (await getPointer(relay.url)) as Pointer;
    const { status, run, res } = await getRun(relay.url, 0);
    assert.equal(status, 200);
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    assert.ok(run!.chunks[0]!.key, 'the run starts with a key');
    assert.equal(run!.chunks.at(-1)!.seq, pointer.seq);
    assert.equal(run!.mode, 'live');
    const distance = await distanceFromStill(relay.url, await show(decoder, run!));
    assert.ok(distance < SAME_FRAME, `decoded picture is ${distance.toFixed(1)} from the still`);
  });

  test('an up-to-date viewer holds one request open, and it answers with just the new frame as a delta', async () => {
    const first = await getRun(relay.url, 0);
    await show(decoder, first.run!);
    const seq = first.run!.chunks.at(-1)!.seq;
    const held = getRun(relay.url, seq);
    await uploadWithTus(relay.url, await makeJpeg(2));
    const { status, run } = await held;
    assert.equal(status, 200);
    assert.equal(run!.chunks.length, 1, 'exactly one chunk for one new frame');
    assert.equal(run!.chunks[0]!.seq, seq + 1);
    assert.equal(run!.chunks[0]!.key, false, 'a delta, not a picture');
    const distance = await distanceFromStill(relay.url, await show(decoder, run!));
    assert.ok(distance < SAME_FRAME, `decoded picture is ${distance.toFixed(1)} from the still`);
  });

  test('a still room publishes nothing, so the held request stays open', async () => {
    const { run } = await getRun(relay.url, 0);
    const seq = run!.chunks.at(-1)!.seq;
    const held = getRun(relay.url, seq);
    const settledEarly = await Promise.race([held.then(() => true), relay.idle().then(() => false)]);
    await uploadWithTus(relay.url, await makeJpeg(2)); // the frame on air again: unchanged
    await relay.idle();
    assert.equal(settledEarly, false);
    await uploadWithTus(relay.url, await makeJpeg(3));
    assert.equal(
      (await held).run!.chunks[0]!.seq,
      seq + 1,
      'answered by the next change, not the unchanged upload',
    );
  });

  test('a malformed seq is a 400', async () => {
    for (const bad of ['x', '-1', '1.5', '99999999999']) {
      const res = await fetch(new URL(`.${PATHS.video}${bad}`, relay.url));
      assert.equal(res.status, 400, bad);
    }
  });

  test('pausing switches to the loop with a key, and resuming back to the camera with a key', async () => {
    const { run } = await getRun(relay.url, 0);
    let seq = run!.chunks.at(-1)!.seq;
    for (const paused of [true, false]) {
      const held = getRun(relay.url, seq);
      const res = await fetch(new URL('control', relay.url), {
        method: 'POST',
        headers: { Authorization: 'Bearer test-token-0123456789abcdef', 'Content-Type': 'application/json' },
        body: JSON.stringify({ paused }),
      });
      assert.equal(res.status, 200);
      const answer = (await held).run!;
      assert.equal(answer.mode, paused ? 'paused' : 'live');
      assert.ok(answer.chunks[0]!.key, `${paused ? 'to the loop' : 'back to the camera'}: a key first`);
      const distance = await distanceFromStill(relay.url, await show(decoder, answer));
      assert.ok(distance < SAME_FRAME, `decoded picture is ${distance.toFixed(1)} from the still`);
      seq = answer.chunks.at(-1)!.seq;
    }
  });
});

test('after a restart, a viewer asking after an old seq gets a key of the frame on air', async () => {
  const first = await startTestRelay({ offlineAfter: '1h' });
  await uploadWithTus(first.url, await makeJpeg(4));
  await first.idle();
  const before = (await getPointer(first.url)) as Pointer;
  await first.close();
  const again = await startTestRelay({ offlineAfter: '1h', dataDir: first.dataDir, loopDir: first.loopDir });
  const decoder = await openAv1Decoder();
  try {
    await again.feed.settled();
    const { run } = await getRun(again.url, before.seq);
    assert.ok(run!.chunks[0]!.key);
    assert.ok(run!.chunks[0]!.seq > before.seq);
    const distance = await distanceFromStill(again.url, await show(decoder, run!));
    assert.ok(distance < SAME_FRAME, `decoded picture is ${distance.toFixed(1)} from the still`);
  } finally {
    await decoder.close();
    await again.dispose();
    await first.dispose();
  }
});

test('a relay stopping answers its held requests at once', async () => {
  const relay = await startTestRelay({ offlineAfter: '1h' });
  await uploadWithTus(relay.url, await makeJpeg(5));
  await relay.idle();
  await relay.feed.settled();
  const seq = ((await getPointer(relay.url)) as Pointer).seq;
  const held = getRun(relay.url, seq, 'a held viewer');
  // Held on the relay once it counts a second viewer (the pointer read above was the first).
  await eventually(
    async () =>
      ((await (await fetch(new URL('status', relay.url))).json()) as { viewers: number }).viewers >= 2,
  );
  const closed = relay.dispose();
  assert.equal((await held).status, 204);
  await closed;
});

test('with video off: no video field, no /video/', async () => {
  const relay = await startTestRelay({ video: false });
  try {
    await uploadWithTus(relay.url, await makeJpeg(6));
    await relay.idle();
    const pointer = (await getPointer(relay.url)) as Pointer;
    assert.equal(pointer.video, undefined);
    assert.equal((await fetch(new URL(`.${PATHS.video}0`, relay.url))).status, 404);
  } finally {
    await relay.dispose();
  }
});
