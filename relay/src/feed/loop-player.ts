/** Plays the loop: one frame per camera interval, from the start whenever the loop comes on air. */
import type { LoopFrame } from './loop.ts';

export function createLoopPlayer(loop: readonly LoopFrame[], stepMs: number, at: number) {
  let index = 0;
  let nextStepAt = at + stepMs;
  return {
    current: (): LoopFrame | undefined => loop[index],
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
