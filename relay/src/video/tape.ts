/**
 * The tape: what has been on air lately, as a chain of chunks that always decodes from its first key.
 * It answers "what comes after seq N" with the fewest bytes that bring a client up to date.
 */
import type { FeedMode } from '@porthole/protocol';
import { follows, type VideoChunk } from './chunk.ts';

export interface TapeEntry {
  seq: number;
  /** The mode the pointer says with this frame. */
  mode: FeedMode;
  chunk: VideoChunk;
  data: Buffer;
}

/** Enough for a group of a minute at one frame a second; older entries go once a newer key exists. */
const KEEP = 64;

export function createTape() {
  let entries: TapeEntry[] = [];
  const waiting = new Set<() => void>();

  const lastKeyIndex = () => entries.findLastIndex((e) => e.chunk.key);

  return {
    newest: (): TapeEntry | undefined => entries.at(-1),
    /** True when `chunk` can go on next as it is; false when a key must replace it. */
    accepts: (chunk: VideoChunk): boolean => follows(chunk, entries.at(-1)?.chunk),
    record(entry: TapeEntry): void {
      if (!follows(entry.chunk, entries.at(-1)?.chunk))
        throw new Error('a chunk that does not follow the tape');
      entries.push(entry);
      if (entries.length > KEEP) entries = entries.slice(Math.max(lastKeyIndex(), entries.length - KEEP));
      for (const wake of waiting) wake();
      waiting.clear();
    },
    /**
     * The chunks a client showing `seq` needs: those after it when the tape still has it, from the newest
     * key when that is shorter or when it does not. Empty when nothing is newer.
     */
    after(seq: number): TapeEntry[] {
      const newest = entries.at(-1);
      if (!newest || newest.seq <= seq) return [];
      const at = entries.findIndex((e) => e.seq === seq);
      const key = lastKeyIndex();
      return entries.slice(at >= 0 ? Math.max(at + 1, key) : key);
    },
    /** Resolves when something newer than `seq` is on the tape, or after `ms`. */
    newerThan(seq: number, ms: number): Promise<void> {
      if ((entries.at(-1)?.seq ?? -1) > seq) return Promise.resolve();
      return new Promise((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          waiting.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, ms);
        waiting.add(wake);
      });
    },
    names: (): string[] => entries.map((e) => e.chunk.name),
    /** Answer every held request now (the relay is stopping). */
    release(): void {
      for (const wake of waiting) wake();
    },
  };
}

export type Tape = ReturnType<typeof createTape>;
