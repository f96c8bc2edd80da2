/** Programmatic use of the software camera (the CLI is `porthole-camera`). */
export { type RecordLoopResult, type RecordLoopRun, recordLoop } from './record-loop.ts';
export { type RunCameraOptions, type RunSummary, runCamera } from './run-camera.ts';
export { openDeviceSource } from './sources/device-source.ts';
export { openDirSource } from './sources/dir-source.ts';
export type { Frame, FrameSource } from './sources/frame-source.ts';
export { addGrain } from './sources/grain.ts';
export { seededRandom } from './sources/seeded-random.ts';
export { openSyntheticSource, renderSyntheticFrame } from './sources/synthetic-source.ts';
export { type CameraLog, terminalLog } from './terminal-log.ts';
export { type UploadResult, type UploadTarget, uploadFrame } from './upload/upload-frame.ts';
