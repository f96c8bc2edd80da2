import { z } from 'zod';

/** Where the pause/play and wave buttons sit inside the hero, or `none` to render no buttons. */
export const placements = ['top-left', 'top-right', 'bottom-left', 'bottom-right', 'none'] as const;

const ms = (what: string, min: number, max: number) =>
  z
    .number({ error: `Expected a number of milliseconds for ${what}` })
    .int(`Expected a whole number of milliseconds for ${what}`)
    .min(min, `Expected at least ${min} ms for ${what}`)
    .max(max, `Expected at most ${max} ms for ${what}`);

// A relay is either absolute (https://cam.example.com/) or a path on the site's own origin
// (/porthole/) when the relay sits behind the same reverse proxy.
const relayUrl = z
  .string({ error: 'Expected the relay URL, for example "https://cam.example.com/"' })
  .refine((value) => /^https?:\/\/[^/]/i.test(value) || value.startsWith('/'), {
    error: 'Expected an http(s) URL or a path starting with "/" for the relay',
  })
  .transform((value) => (value.endsWith('/') ? value : `${value}/`));

/**
 * The one schema of the integration's options. Defaults live here and nowhere else.
 * Everything but `relay` is optional.
 */
export const optionsSchema = z
  .object({
    /** Base URL of the Porthole relay; falls back to the `PORTHOLE_RELAY_URL` environment variable. */
    relay: relayUrl,
    /**
     * Image shown before JavaScript runs and for reduced motion: a file or a folder of loop
     * frames (a path relative to the Astro project root, or a `file:` URL such as
     * `new URL('../loop', import.meta.url)`), an http(s) or "/…" URL used as-is, or `false` for
     * none (the hero's background shows until the first frame). When no image is found at the
     * path, the hero starts with the relay's `GET /poster`, the frame on air.
     */
    poster: z
      .union([z.string().min(1), z.instanceof(URL), z.literal(false)], {
        error: 'Expected a path, a folder, a URL or false for poster',
      })
      .default('./loop'),
    /** Width in pixels the poster is shrunk to when it is inlined (needs sharp, which Astro brings). */
    posterWidth: z.number().int().min(16).max(1280).default(320),
    /** Crossfade duration between frames. */
    fade: ms('fade', 0, 10_000).default(800),
    /** How the feed looks behind the hero's content. */
    look: z
      .object({
        blur: z.number().min(0).max(40, 'Expected a blur of at most 40 (px)').default(0),
        opacity: z.number().min(0).max(1, 'Expected an opacity between 0 and 1').default(0.6),
        /** Any CSS colour laid over the frame with `multiply`; `transparent` for none. */
        tint: z.string().min(1).default('transparent'),
      })
      .prefault({}),
    /** Bounds on the relay's `next` hint, and the cap of the backoff when the relay is unreachable. */
    poll: z
      .object({
        min: ms('poll.min', 250, 60_000).default(1000),
        max: ms('poll.max', 1000, 600_000).default(30_000),
        backoffCap: ms('poll.backoffCap', 1000, 3_600_000).default(60_000),
      })
      .prefault({})
      .refine((poll) => poll.min <= poll.max, { error: 'Expected poll.min to be at most poll.max' }),
    /** The pause/play toggle (a `<button aria-pressed>`). */
    pauseButton: z
      .object({
        placement: z
          .enum(placements, { error: `Expected one of ${placements.join(', ')}` })
          .default('bottom-right'),
        /** Accessible name of the toggle; it stays the same whether pressed or not. */
        label: z.string().min(1).default('Pause live view'),
      })
      .prefault({}),
    /** The wave button: visitors say hi, the owner's camera LED blinks. */
    wave: z
      .object({
        enabled: z.boolean().default(true),
        label: z.string().min(1).default('Wave'),
        /** Shown briefly when the relay reports a new wave. */
        wavedLabel: z.string().min(1).default('Someone waved'),
        cooldown: ms('wave.cooldown', 1000, 60_000).default(5000),
      })
      .prefault({}),
  })
  .strict();

/** Options as written in `astro.config.*`. */
export type PortholeOptions = z.input<typeof optionsSchema>;
/** Options after validation, with every default filled in. */
export type PortholeConfig = z.output<typeof optionsSchema>;
