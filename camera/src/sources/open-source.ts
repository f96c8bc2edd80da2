import type { FrameSourceChoice } from '../options.ts';
import { openDeviceSource } from './device-source.ts';
import { openDirSource } from './dir-source.ts';
import type { FrameSource } from './frame-source.ts';
import { openSyntheticSource } from './synthetic-source.ts';

/** Opens the source the options chose. */
export function openFrameSource(choice: FrameSourceChoice): Promise<FrameSource> {
  switch (choice.kind) {
    case 'dir':
      return openDirSource(choice.dir);
    case 'device':
      return openDeviceSource(choice.device);
    case 'synthetic':
      return Promise.resolve(openSyntheticSource());
  }
}
