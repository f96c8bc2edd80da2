/** The video path's part of RESULTS.md: headline rows, its subsections, and where it stands on its goals. */

import { ENCODER_SETTINGS } from '../../relay/src/video/encoder.ts';
import {
  type BandwidthResult,
  GOAL_BYTES_PER_MINUTE,
  GOAL_SSIM,
  type VideoBandwidth,
} from './benches/bandwidth.ts';
import type { PipelineResult } from './benches/pipeline.ts';
import type { VideoLatencyResult } from './benches/video-latency.ts';
import { kB, ms, plainRatio, ratio, ssim, table } from './format.ts';
import type { Results } from './results.ts';

/** The issue's goal: the video path at no more than this share of the stills' bytes at equal SSIM. */
export const GOAL_VS_STILLS = 0.4;

const seconds = (value: number) => `${(value / 1000).toFixed(value < 10_000 ? 1 : 0)} s`;
const crf = (value: number) => (Number.isInteger(value) ? String(value) : `≈ ${value.toFixed(1)}`);

/** Video and AVIF 640 from one sequence's run. */
function videoOf(result: BandwidthResult | null): { result: BandwidthResult; v: VideoBandwidth } | null {
  return result?.video ? { result, v: result.video } : null;
}

const videoRow = (result: BandwidthResult) => result.rows.find((x) => x.what.startsWith('Porthole video'));

/** Pipeline rows of one input with the video path off and on, when the run has both. */
export function pipelinePairs(pipeline: PipelineResult[]): { off: PipelineResult; on: PipelineResult }[] {
  const out = [];
  for (const on of pipeline.filter((p) => p.video === true)) {
    const off = pipeline.find((p) => p.video === false && p.input === on.input);
    if (off) out.push({ off, on });
  }
  return out;
}

export function videoHeadlineRows(r: Results): string[][] {
  const rows: string[][] = [];
  for (const [label, result] of [
    ['Photo sequence', r.bandwidth.photo],
    ['Default loop as camera', r.bandwidth.loopCamera],
  ] as const) {
    const got = videoOf(result);
    if (!got) continue;
    const { v } = got;
    const row = videoRow(got.result);
    const stills = `AVIF 640 + pointer: ${kB(v.avif640.bytesPerViewerMinute)} (SSIM ${ssim(v.avif640.ssimPublished)})`;
    if (row)
      rows.push([
        `${label}: bytes per viewer-minute, video path AV1 640 at the relay's crf ${v.crf}, all-in (SSIM ${ssim(row.ssimPublished)})`,
        kB(row.bytesPerViewerMinute),
        stills,
        ratio(v.vsAvif640),
      ]);
    rows.push(
      v.atAvifSsim
        ? [
            `${label}: video path at AVIF 640's SSIM (${ssim(v.atAvifSsim.targetSsim)}: crf ${crf(v.atAvifSsim.crf)}, from the crf sweep; goal ≤ ${GOAL_VS_STILLS}×)`,
            kB(v.atAvifSsim.bytesPerViewerMinute),
            stills,
            ratio(v.atAvifSsim.vsAvif640),
          ]
        : [`${label}: video path at AVIF 640's SSIM`, 'not reached by the sweep', stills, 'n/a'],
    );
  }
  const photo = videoOf(r.bandwidth.photo);
  if (photo) {
    const { v } = photo;
    const at = v.atGoalSsim;
    rows.push([
      `Photo sequence: video path at SSIM ${GOAL_SSIM.toFixed(2)}${at ? ` (crf ${crf(at.crf)})` : ''}, all-in per viewer-minute`,
      at ? kB(at.bytesPerViewerMinute) : 'not reached by the sweep',
      `goal: ${kB(GOAL_BYTES_PER_MINUTE)}`,
      at ? ratio(at.bytesPerViewerMinute / GOAL_BYTES_PER_MINUTE) : 'n/a',
    ]);
    const n = v.newcomer;
    rows.push([
      'Photo sequence: newcomer, bytes to first moving frame, catch-up run `GET /video/0` (pointer + AVIF 640 still + run)',
      kB(n.firstFrameBytes + n.catchUpRunBytes),
      `waiting for the next key instead: ${kB(n.firstFrameBytes + n.nextKeyRunBytes)}`,
      ratio((n.firstFrameBytes + n.catchUpRunBytes) / (n.firstFrameBytes + n.nextKeyRunBytes)),
    ]);
    const catchUpMs = n.firstFrameMs + n.catchUpFetchMs + n.catchUpDecodeMs;
    rows.push([
      'Photo sequence: newcomer, time to first moving frame, catch-up run (fetch + decode in Node)',
      ms(catchUpMs),
      `waiting for the next key: ${seconds(n.nextKeyWaitMs)} expected (${seconds(n.nextKeyWaitAtPublishedShareMs)} with still frames skipped)`,
      ratio(catchUpMs / n.nextKeyWaitMs),
    ]);
  }
  for (const { off, on } of pipelinePairs(r.pipeline))
    rows.push([
      `Pipeline ${on.input}: CPU per frame with the video path on (relay process, every thread)`,
      `${on.cpuSecondsPerFrame.toFixed(3)} s`,
      `video path off, same run: ${off.cpuSecondsPerFrame.toFixed(3)} s`,
      ratio(on.cpuSecondsPerFrame / off.cpuSecondsPerFrame),
    ]);
  const l = r.videoLatency;
  if (l)
    rows.push([
      'Video path, relay side: upload sent → held `GET /video/<seq>` answered, p50 / p95 (no Chromium row yet)',
      `${ms(l.runReceivedP50Ms)} / ${ms(l.runReceivedP95Ms)}`,
      `upload sent → pointer moved (stills), same uploads: ${ms(l.pointerMovedP50Ms)} / ${ms(l.pointerMovedP95Ms)}`,
      ratio(l.runReceivedP50Ms / l.pointerMovedP50Ms),
    ]);
  return rows;
}

/** One line per goal of the issue, said plainly, with what crf would meet it. */
export function videoGoals(r: Results): string[] {
  const out: string[] = [];
  const photo = videoOf(r.bandwidth.photo);
  if (photo) {
    const { v } = photo;
    const m = v.atAvifSsim;
    if (m)
      out.push(
        `Video at ≤ ${GOAL_VS_STILLS}× the stills' bytes at equal SSIM (photo sequence): ${m.vsAvif640 <= GOAL_VS_STILLS ? '**met**' : '**not met**'}, ${m.vsAvif640.toFixed(3)}× at SSIM ${ssim(m.targetSsim)} (crf ${crf(m.crf)}); at the relay's crf ${v.crf} the video path is ${v.vsAvif640.toFixed(3)}× at SSIM ${ssim(videoRow(photo.result)?.ssimPublished ?? null)}.`,
      );
    const g = v.atGoalSsim;
    const b = v.atGoalBytes;
    if (g)
      out.push(
        `≤ ${kB(GOAL_BYTES_PER_MINUTE)} per viewer-minute all-in at SSIM ≥ ${GOAL_SSIM.toFixed(2)} (photo sequence): ${g.bytesPerViewerMinute <= GOAL_BYTES_PER_MINUTE ? '**met**' : '**not met**'}: SSIM ${GOAL_SSIM.toFixed(2)} needs crf ${crf(g.crf)} and costs ${kB(g.bytesPerViewerMinute)}${b ? `; ${kB(GOAL_BYTES_PER_MINUTE)} buys crf ${crf(b.crf)} at SSIM ${ssim(b.ssim)}` : ''}. Keys are ${kB(v.meanKeyBytes)} each at crf ${v.crf} (${v.keys} in ${photo.result.frames} uploads) against ${kB(v.meanDeltaBytes)} for a delta.`,
      );
  }
  const pairs = pipelinePairs(r.pipeline);
  if (pairs.length > 0)
    out.push(
      `Pipeline CPU per frame no higher than with stills only: ${pairs.every((p) => p.on.cpuSecondsPerFrame <= p.off.cpuSecondsPerFrame) ? '**met**' : '**not met**'}: ${pairs.map((p) => `${p.on.input} ${plainRatio(p.on.cpuSecondsPerFrame / p.off.cpuSecondsPerFrame)}`).join(', ')} of video off.`,
    );
  if (r.videoLatency)
    out.push(`Glass-to-glass in Chromium with the video path: not measured: ${r.videoLatency.chromium}.`);
  return out;
}

/** The video subsection under one sequence's bandwidth table. */
export function videoBandwidthSection(result: BandwidthResult): string {
  const v = result.video;
  if (!v) return '';
  const minutes = (frames: number) => frames / 30;
  const perMinuteOfSweep = (bytes: number) => bytes / minutes(result.frames);
  const avif = v.avif640.bytesPerViewerMinute;
  const row = videoRow(result);
  const n = v.newcomer;
  const catchUpMs = n.firstFrameMs + n.catchUpFetchMs + n.catchUpDecodeMs;
  const matched = (
    label: string,
    m: { crf: number; bytesPerViewerMinute: number } | null,
    at: number | null,
  ) =>
    m
      ? [
          `${crf(m.crf)} (${label})`,
          kB(m.bytesPerViewerMinute - v.overheadBytesPerMinute),
          kB(m.bytesPerViewerMinute),
          ssim(at),
          ratio(m.bytesPerViewerMinute / avif),
        ]
      : [`${label}: not reached by the sweep`, '', '', '', ''];
  return [
    `#### Video path on this sequence (AV1 640, crf ${v.crf}, beside the stills in the same run)`,
    '',
    `An up-to-date video viewer joined after the first upload with \`GET /frame\` and \`GET /video/0\`, then kept one \`GET /video/<seq>\` held: ${v.runs} runs, ${v.chunks} chunks (${v.keys} ${v.keys === 1 ? 'key' : 'keys'}, mean ${kB(v.meanKeyBytes)}; deltas mean ${kB(v.meanDeltaBytes)}), each decoded with libaom (mean ${ms(v.meanDecodeMs)} a chunk in Node) and scored against the same references as the AVIF 640 row. Held requests that would time out in still scenes at the camera's 2 s pace: ${v.timedOutHolds}, each a ${v.timedOutHoldBytes} B 204 as measured on the socket (the bench uploads faster than a camera, so their number is counted on the camera's clock; ${v.wallClockTimeouts} timed out for real and are not counted twice).`,
    '',
    table(
      ['per viewer-minute', 'bytes'],
      [
        ['AV1 chunks', kB(v.chunkBytesPerMinute)],
        ['run framing (mode, waves; seq, key, length per chunk)', kB(v.framingBytesPerMinute)],
        ['status lines and headers of the runs', kB(v.headerBytesPerMinute)],
        ['the one pointer, to join', kB(v.pointerBytesPerMinute)],
        ['204s of timed-out holds', kB(v.timeoutBytesPerMinute)],
        [
          `**all-in** (SSIM of new frames ${ssim(row?.ssimPublished ?? null)}, on screen ${ssim(row?.ssimSeen ?? null)})`,
          kB(row?.bytesPerViewerMinute ?? Number.NaN),
        ],
        [
          `AVIF 640 + pointer, same run (SSIM of new frames ${ssim(v.avif640.ssimPublished)})`,
          `${kB(avif)}: video ${ratio(v.vsAvif640)}`,
        ],
      ],
    ),
    '',
    `Equal SSIM: the ${v.sweepFrames} frames the relay published, normalised as the relay does, encoded straight through the relay's stream encoder (\`openStreamEncoder({ crf, speed: ${ENCODER_SETTINGS.speed} })\`, keys where the relay put them), decoded and scored; the all-in figure adds the overhead measured above (${kB(v.overheadBytesPerMinute)} a minute). Interpolated rows are linear in SSIM for crf and log bytes.`,
    '',
    table(
      ['crf', 'chunks / min', 'all-in / min', 'SSIM of new frames', '÷ AVIF 640 + pointer'],
      [
        ...v.sweep.map((p) => {
          const allIn = v.overheadBytesPerMinute + perMinuteOfSweep(p.chunkBytes);
          return [
            p.crf === v.crf ? `${p.crf} (relay's)` : String(p.crf),
            kB(perMinuteOfSweep(p.chunkBytes)),
            kB(allIn),
            ssim(p.ssim),
            ratio(allIn / avif),
          ];
        }),
        matched("at AVIF 640's SSIM", v.atAvifSsim, v.atAvifSsim?.targetSsim ?? null),
        ...(v.goals
          ? [
              matched(`at SSIM ${GOAL_SSIM.toFixed(2)}`, v.atGoalSsim, GOAL_SSIM),
              matched(`at ${kB(GOAL_BYTES_PER_MINUTE)} all-in`, v.atGoalBytes, v.atGoalBytes?.ssim ?? null),
            ]
          : []),
      ],
    ),
    '',
    `Newcomers: ${n.joins} join moments, one after every ${n.every === 1 ? 'upload' : `${n.every} uploads`}, each on a connection of its own; means. Times are on loopback, so they are the relay's and the decoder's, not a network's; decoding is libaom in WebAssembly in Node, one thread (a browser's VideoDecoder is likely faster). (a) is measured: the still first, then the run from the newest key, decoded to the frame on air; from there each held run is the next frame. (b) is computed: a key chunk (mean size here, with a run's headers) after half a group of 30 chunks at one per 2 s, or longer when the change check skips still frames (${Math.round((result.published / result.frames) * 100)} % published here); what a client would spend while it waits (pointer polls to spot the key, or deltas it cannot decode) is not in it.`,
    '',
    table(
      [
        'newcomer',
        'bytes to first frame',
        'time to first frame',
        'bytes to first moving frame',
        'time to first moving frame',
      ],
      [
        [
          'stills: `GET /frame` + AVIF 640 (as the island does today)',
          kB(n.firstFrameBytes),
          ms(n.firstFrameMs),
          '',
          '',
        ],
        [
          `(a) then the catch-up run \`GET /video/0\` (${n.catchUpChunks.toFixed(1)} chunks, largest run ${kB(n.catchUpRunMaxBytes)})`,
          kB(n.firstFrameBytes),
          ms(n.firstFrameMs),
          kB(n.firstFrameBytes + n.catchUpRunBytes),
          `${ms(catchUpMs)} (fetch ${ms(n.catchUpFetchMs)}, decode ${ms(n.catchUpDecodeMs)})`,
        ],
        [
          '(b) then wait for the next key',
          kB(n.firstFrameBytes),
          ms(n.firstFrameMs),
          kB(n.firstFrameBytes + n.nextKeyRunBytes),
          `${seconds(n.nextKeyWaitMs)} expected (${seconds(n.nextKeyWaitAtPublishedShareMs)} with still frames skipped)`,
        ],
      ],
    ),
    '',
  ].join('\n');
}

/** Bench 5b, under the glass-to-glass section. */
export function videoLatencySection(l: VideoLatencyResult | undefined): string {
  if (!l) return '';
  return [
    '### Video path, relay side',
    '',
    `No Chromium row yet: ${l.chromium}. Instead, from the camera sending an upload to an up-to-date viewer's held \`GET /video/<seq>\` answered (and its chunk decoded in Node), one upload every 2 s, a moving scene; baseline: upload sent → pointer moved for the same uploads (when a stills viewer could first learn of the frame, before its poll and image fetch). The run can arrive before the pointer moves: the chunk goes on the tape just before the pointer is swapped.`,
    '',
    table(
      ['upload sent →', 'samples', 'p50', 'p95'],
      [
        ['held run received', String(l.samples), ms(l.runReceivedP50Ms), ms(l.runReceivedP95Ms)],
        ['chunk decoded', String(l.samples), ms(l.decodedP50Ms), ms(l.decodedP95Ms)],
        [
          'pointer moved (stills, baseline)',
          String(l.samples),
          ms(l.pointerMovedP50Ms),
          ms(l.pointerMovedP95Ms),
        ],
      ],
    ),
    '',
  ].join('\n');
}
