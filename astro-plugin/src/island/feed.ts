// Through the package's own export, so the page shares one copy of the stores with other islands.
import { $feedState, $frame, $paused, $wavedAt, $waves } from '@porthole/astro/stores';
import type { FeedMode, Pointer, VariantFormat } from '@porthole/protocol';
import { chooseFormat } from './choose-format.ts';
import { crossfade } from './crossfade.ts';
import { feedPolls, feedState } from './feed-state.ts';
import { loadImage } from './load-image.ts';
import { backoffDelay, hintedDelay, retryAfterMs } from './poll-delay.ts';
import { createPoller } from './poller.ts';
import { fadeOnScroll } from './scroll-fade.ts';
import { pickVariant } from './variant.ts';
import type { VideoPath } from './video.ts';
import { wireWaveButton } from './wave-button.ts';

/**
 * Brings one server-rendered `<porthole-feed>` to life; returns the function that stops it and
 * removes every timer, observer and listener it added (view transitions call it on swap).
 */
export function startFeed(el: HTMLElement): () => void {
  const data = el.dataset;
  // The component resolved the relay's URLs; a relative relay is relative to this page.
  const urlOf = (name: 'pointer' | 'video' | 'wave') => new URL(data[name] as string, location.href).href;
  const pointerUrl = urlOf('pointer');
  const min = Number(data.min);
  const layer = el.firstElementChild as HTMLElement;
  const toggle = el.querySelector<HTMLElement>('.porthole-toggle');
  const waveButton = el.querySelector<HTMLElement>('.porthole-wave');
  const note = el.querySelector<HTMLElement>('.porthole-note');
  const stop = new AbortController();
  const { signal } = stop;
  const motion = matchMedia('(prefers-reduced-motion:reduce)');
  const saveData = () => (navigator as { connection?: { saveData?: boolean } }).connection?.saveData === true;
  let inView = false;
  let offline = false;
  let failures = 0;
  /** The `seq` of the pointer whose frame is on screen. */
  let shownSeq: number | undefined;
  let format: VariantFormat | undefined;
  let waves = -1;
  /** The video path once chosen; `null` where this browser cannot use it (then stills, as before). */
  let video: VideoPath | null | undefined;
  /** Aborts the request in flight when the feed stops fetching (a held video request can wait long). */
  let inFlight: AbortController | undefined;

  const update = () => {
    if (signal.aborted) return;
    const state = feedState($paused.get(), motion.matches || saveData(), offline, shownSeq !== undefined);
    $feedState.set(state);
    toggle?.setAttribute('aria-pressed', `${!feedPolls(state)}`);
    const on = inView && !document.hidden && feedPolls(state);
    if (!on) inFlight?.abort();
    poller.set(on);
  };

  /** Video where WebCodecs decodes what the relay sends, chosen once, after the first still is up. */
  const chooseVideo = async (pointer: Pointer) => {
    // A relay without video yet may start encoding later: ask again with the next pointer.
    if (!pointer.video) return;
    video =
      'VideoDecoder' in window
        ? ((await (await import('./video.ts')).openVideo(pointer.video, urlOf('video'))) ?? null)
        : null;
  };

  /** A good answer from the relay, pointer or run: what it says about the feed. */
  const heard = ({ mode, waves: count }: { mode: FeedMode; waves: number }) => {
    noticeWaves(count);
    offline = mode !== 'live';
    failures = 0;
    update();
  };

  const showFrameOf = async (pointer: Pointer) => {
    const width = el.clientWidth * devicePixelRatio;
    format ||= await chooseFormat(pointer.variants, width, pointerUrl);
    const variant = pickVariant(pointer.variants, format, width);
    if (!variant) return;
    const image = await loadImage(new URL(variant.url, pointerUrl).href);
    if (signal.aborted) return;
    shownSeq = pointer.seq;
    $frame.set({ ...variant, seq: shownSeq, mode: pointer.mode, url: image.src });
    crossfade(layer, image, Number(data.fade) > 0 && !motion.matches);
  };

  const noticeWaves = (count = 0) => {
    if (waves >= 0 && count > waves && note) {
      note.textContent = note.dataset.label ?? '';
      $wavedAt.set(Date.now());
    }
    waves = count;
    $waves.set(count);
  };

  const poller = createPoller(async () => {
    inFlight = new AbortController();
    const request = inFlight.signal;
    try {
      if (video) {
        const { seq, run, canvas } = await video.next(shownSeq, request);
        shownSeq = seq;
        if (canvas && run) {
          const { width, height } = canvas;
          $frame.set({ seq: seq as number, mode: run.mode, url: '', format: 'av1', width, height });
          crossfade(layer, canvas, Number(data.fade) > 0 && !motion.matches);
        }
        if (!run) return min;
        heard(run);
        // The relay held the request until there was a new frame: ask again at once. Nothing new (it
        // held as long as it would, or is stopping): a moment first.
        return 0;
      }
      const response = await fetch(pointerUrl, { cache: 'no-cache', signal: request });
      if (!response.ok) throw response;
      const pointer: Pointer = await response.json();
      if (pointer.seq !== shownSeq) await showFrameOf(pointer);
      if (video === undefined && shownSeq !== undefined) await chooseVideo(pointer);
      heard(pointer);
      return video ? 0 : hintedDelay(pointer.next, min, Number(data.max));
    } catch (failure) {
      if (request.aborted) return 0;
      offline = true;
      update();
      const retryAfter = failure instanceof Response ? retryAfterMs(failure.headers.get('retry-after')) : 0;
      return backoffDelay(failures++, min, Number(data.cap), retryAfter);
    }
  });

  const observer = new IntersectionObserver((entries) => {
    inView = entries.some((entry) => entry.isIntersecting);
    update();
  });
  observer.observe(el);
  const on = { signal };
  document.addEventListener('visibilitychange', update, on);
  motion.addEventListener('change', update, on);
  // Pressed means "not playing": pressing it plays, otherwise it pauses.
  toggle?.addEventListener('click', () => $paused.set(feedPolls($feedState.get())), on);
  if (waveButton) wireWaveButton(waveButton, urlOf('wave'), signal);
  note?.addEventListener('animationend', () => (note.textContent = ''), on);
  fadeOnScroll(el, layer, signal);
  const unlisten = $paused.listen(update);
  toggle?.parentElement?.removeAttribute('hidden');
  update();

  return () => {
    stop.abort();
    inFlight?.abort();
    poller.set(false);
    observer.disconnect();
    unlisten();
  };
}
