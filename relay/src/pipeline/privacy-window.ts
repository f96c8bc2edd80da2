/**
 * When a privacy window holds the scene. A window falls due at random (privacy-schedule.ts), opens only
 * once the room has been still for a while (so the switch is invisible), holds for its drawn length, and
 * closes only when the live scene matches the held one again, so nothing jumps at either edge.
 */
import type { PrivacyStatus } from '@porthole/protocol';
import { nextPrivacyWindow, type PrivacyPolicy } from './privacy-schedule.ts';

/** A window that cannot close seamlessly (someone stayed, a lamp went on) closes anyway after this. */
const HARD_CAP_LENGTHS = 4;

export type PrivacyEvent =
  | { event: 'opened'; at: number; until: number }
  | { event: 'closed'; at: number; seamless: boolean };

export type PrivacyWindowState = PrivacyStatus;

export function privacyWindows(options: {
  policy: PrivacyPolicy | null;
  now: number;
  random?: () => number;
  onChange?: (event: PrivacyEvent) => void;
}) {
  const { policy, random = Math.random, onChange = () => {} } = options;
  let due = policy ? nextPrivacyWindow(policy, options.now, random) : undefined;
  let open: { until: number; hardUntil: number } | undefined;
  let stillSince: number | undefined;
  let opened = 0;
  let closedSeamlessly = 0;
  const stillForMs = () => policy?.stillMs ?? 0;

  return {
    /**
     * For one upload: true when the stand-in is to be published instead of the live frame.
     * `still`: nothing moved in this upload; `liveMatchesHeld`: the live frame looks like the stand-in.
     */
    holds(at: number, still: boolean, liveMatchesHeld: boolean): boolean {
      stillSince = still ? (stillSince ?? at) : undefined;
      if (open) {
        const seamless = liveMatchesHeld;
        if (at < open.until || !(seamless || at >= open.hardUntil)) return true;
        open = undefined;
        if (seamless) closedSeamlessly++;
        due = policy ? nextPrivacyWindow(policy, at, random) : undefined;
        onChange({ event: 'closed', at, seamless });
        return false;
      }
      if (!due || at < due.start || stillSince === undefined || at - stillSince < stillForMs()) return false;
      const length = due.end - due.start;
      open = { until: at + length, hardUntil: at + length * HARD_CAP_LENGTHS };
      due = undefined;
      opened++;
      onChange({ event: 'opened', at, until: open.until });
      return true;
    },

    /** Make a window due now (the owner, and tests); it opens once the room is still. */
    dueNow(at: number, lengthMs: number): void {
      due = { start: at, end: at + lengthMs };
    },

    state(at: number): PrivacyWindowState {
      const state = open ? 'open' : !due ? 'off' : at >= due.start ? 'due' : 'waiting';
      return { state, nextDueAt: due?.start ?? null, opened, closedSeamlessly };
    },
  };
}
