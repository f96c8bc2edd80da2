/** The firmware's uploader, host build (firmware/build/porthole-upload): build it if needed, run it once. */
import { execFile } from 'node:child_process';
import { access } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { UPLOADER } from '../../firmware/test/uploader-process.ts';

// Running it is the firmware's own test helper: one way to start the uploader and read what it prints.
export {
  runUploader as runFirmwareUploader,
  type UploaderRun,
} from '../../firmware/test/uploader-process.ts';
export const FIRMWARE_UPLOADER = UPLOADER;
const FIRMWARE = fileURLToPath(new URL('../../firmware', import.meta.url));

/**
 * Make sure the host uploader exists (`make host` in firmware/). Resolves with undefined when it is
 * ready, or with the reason it cannot be built here (no compiler, a build error), for a clear skip.
 */
export async function buildFirmwareUploader(): Promise<string | undefined> {
  const made = await new Promise<string | undefined>((resolve) => {
    execFile('make', ['-s', '-C', FIRMWARE, 'host'], { timeout: 120_000 }, (error, _out, stderr) =>
      resolve(error ? `make -C firmware host failed: ${stderr.trim() || error.message}` : undefined),
    );
  });
  if (made) return made;
  return access(FIRMWARE_UPLOADER).then(
    () => undefined,
    () => `${FIRMWARE_UPLOADER} is missing after make`,
  );
}
