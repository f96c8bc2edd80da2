/** A relay's pointer (`GET /frame`), as any viewer reads it. */
import { PATHS, type Pointer } from '@porthole/protocol';

export async function getPointer(base: string): Promise<Pointer> {
  const res = await fetch(new URL(`.${PATHS.pointer}`, base));
  if (res.status !== 200) throw new Error(`GET ${PATHS.pointer} answered ${res.status}`);
  return (await res.json()) as Pointer;
}
