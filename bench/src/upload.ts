/** One camera upload: a single tus 1.0 creation-with-upload request, as a simple camera would send it. */

export interface UploadResult {
  status: number;
  /** performance.now() when the relay answered (the frame was received and validated). */
  answeredAt: number;
}

export async function uploadFrame(base: string, token: string, jpeg: Buffer): Promise<UploadResult> {
  const res = await fetch(new URL('files/', base), {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${token}`,
      'Tus-Resumable': '1.0.0',
      'Upload-Length': String(jpeg.length),
      'Content-Type': 'application/offset+octet-stream',
    },
    body: new Uint8Array(jpeg),
  });
  await res.arrayBuffer();
  if (res.status !== 201) throw new Error(`upload answered ${res.status}`);
  return { status: res.status, answeredAt: performance.now() };
}
