/** One image ready to upload. */
export interface Frame {
  bytes: Buffer;
  /** MIME type sent as tus metadata `filetype`. */
  type: string;
  /** A name for logs and tus metadata `filename`. */
  name: string;
}

/** Anything that can hand the camera its next frame. */
export interface FrameSource {
  /** One line for the terminal, e.g. "synthetic scene" or "folder ./frames (24 images)". */
  describe(): string;
  next(): Promise<Frame>;
  close(): Promise<void>;
}
