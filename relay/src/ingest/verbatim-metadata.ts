/**
 * @tus/server keeps Upload-Metadata decoded as UTF-8 and encodes it again for HEAD, so a value that is
 * not UTF-8 comes back changed; tus 1.0 wants HEAD to carry it "as specified by the Client during the
 * creation". So the client's header is stored verbatim beside the decoded pairs, and HEAD answers with it.
 */
import type { Upload } from '@tus/server';
import { Metadata } from '@tus/server';

const VERBATIM = 'porthole-verbatim';

type UploadMetadata = Upload['metadata'];

/** For onUploadCreate: the upload's metadata with the client's header kept verbatim. */
export function keepVerbatim(metadata: UploadMetadata, header: string | null): UploadMetadata {
  return header ? { ...metadata, [VERBATIM]: header } : metadata;
}

/** The Upload-Metadata a HEAD of this upload must answer with, or undefined when it had none. */
export function verbatimMetadata(metadata: UploadMetadata): string | undefined {
  if (!metadata) return undefined;
  return metadata[VERBATIM] ?? Metadata.stringify(metadata);
}

/** Replace the Upload-Metadata @tus/server answered a HEAD with by the client's own header. */
export function restoreVerbatimMetadata(headers: Headers): void {
  const answered = headers.get('upload-metadata');
  if (!answered) return;
  const pair = answered.split(',').find((p) => p.startsWith(`${VERBATIM} `));
  if (pair) headers.set('upload-metadata', Buffer.from(pair.slice(VERBATIM.length + 1), 'base64').toString());
}
