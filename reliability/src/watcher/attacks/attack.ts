/**
 * An attack is a pure function of what a visitor recorded: it returns evidence, a suspicion score at a
 * moment, where higher means "more like a privacy window". It knows nothing of the real windows; the
 * scoring decides how high is suspicious from the stretches that were not windows.
 */
import type { SeenFrame } from '../frames.ts';
import type { Recording } from '../recording.ts';

export interface Evidence {
  at: number;
  score: number;
}

export interface AttackInput {
  recording: Recording;
  /** Every frame the pointer showed, decoded, in order. */
  frames: SeenFrame[];
}

export interface Attack {
  name: string;
  /** One line for the report: what it looks at. */
  looksAt: string;
  run(input: AttackInput): Evidence[];
}

/** Frames shown while the pointer said `live` whose predecessor was live too (mode changes are public). */
export function livePairs(frames: SeenFrame[]): [SeenFrame, SeenFrame][] {
  const pairs: [SeenFrame, SeenFrame][] = [];
  for (let i = 1; i < frames.length; i++) {
    const [a, b] = [frames[i - 1]!, frames[i]!];
    if (a.mode === 'live' && b.mode === 'live' && a.width === b.width && a.height === b.height)
      pairs.push([a, b]);
  }
  return pairs;
}
