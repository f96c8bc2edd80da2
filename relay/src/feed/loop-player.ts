/** Plays the loop: one frame per camera interval, from the start whenever the loop comes on air. */
import type { Variant } from '../variant.ts';

export function createLoopPlayer(loop: readonly { variants: Variant[] }[], stepMs: number, at: number) {
  let index = 0;
  let nextStepAt = at + stepMs;
  return {
    variants: (): Variant[] | undefined => loop[index]?.variants,
    nextStepAt: (): number => nextStepAt,
    restart(at: number): void {
      index = 0;
      nextStepAt = at + stepMs;
    },
    /** Advance when a step is due; true when the frame changed. */
    stepIfDue(at: number): boolean {
      if (loop.length < 2 || at < nextStepAt) return false;
      index = (index + 1) % loop.length;
      nextStepAt = at + stepMs;
      return true;
    },
  };
}
