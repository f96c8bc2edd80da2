/** The original ESP32 sketch's upload, for the relay's compatibility endpoint. */
import { PATHS } from '@porthole/protocol';

/** The sketch's `multipart/form-data` body (boundary `LMR`, field `img`), byte for byte. */
export function legacyBody(jpeg: Buffer): Buffer {
  const head = `--LMR\r\nContent-Disposition: form-data; name="${PATHS.legacyUploadField}"; filename="latest.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`;
  return Buffer.concat([Buffer.from(head), jpeg, Buffer.from('\r\n--LMR--\r\n')]);
}
