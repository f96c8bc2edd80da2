/**
 * Structural similarity (Wang et al. 2004) of two grayscale images of the same size: an 11-tap Gaussian
 * window (σ = 1.5), K1 = 0.01, K2 = 0.03, L = 255, mean over every valid window position.
 */

export interface GrayImage {
  data: Uint8Array;
  width: number;
  height: number;
}

const RADIUS = 5;
const SIGMA = 1.5;
const C1 = (0.01 * 255) ** 2;
const C2 = (0.03 * 255) ** 2;

const KERNEL = (() => {
  const taps = Array.from({ length: 2 * RADIUS + 1 }, (_, i) =>
    Math.exp(-((i - RADIUS) ** 2) / (2 * SIGMA ** 2)),
  );
  const total = taps.reduce((a, b) => a + b, 0);
  return Float64Array.from(taps, (t) => t / total);
})();

/** Separable Gaussian blur over the "valid" region only: the output is (w - 10) x (h - 10). */
function blur(input: Float64Array, width: number, height: number): Float64Array {
  const outW = width - 2 * RADIUS;
  const outH = height - 2 * RADIUS;
  const rows = new Float64Array(outW * height);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < outW; x++) {
      let sum = 0;
      for (let k = 0; k < KERNEL.length; k++) sum += KERNEL[k]! * input[row + x + k]!;
      rows[y * outW + x] = sum;
    }
  }
  const out = new Float64Array(outW * outH);
  for (let y = 0; y < outH; y++) {
    for (let x = 0; x < outW; x++) {
      let sum = 0;
      for (let k = 0; k < KERNEL.length; k++) sum += KERNEL[k]! * rows[(y + k) * outW + x]!;
      out[y * outW + x] = sum;
    }
  }
  return out;
}

/** Mean SSIM in [-1, 1]; 1 means identical. Throws when the sizes differ or the image is under 11 px. */
export function ssim(a: GrayImage, b: GrayImage): number {
  if (a.width !== b.width || a.height !== b.height)
    throw new Error(`SSIM needs equal sizes, got ${a.width}x${a.height} and ${b.width}x${b.height}`);
  const { width, height } = a;
  if (width <= 2 * RADIUS || height <= 2 * RADIUS) throw new Error('SSIM needs images of at least 11x11');
  const n = width * height;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const xx = new Float64Array(n);
  const yy = new Float64Array(n);
  const xy = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const p = a.data[i]!;
    const q = b.data[i]!;
    x[i] = p;
    y[i] = q;
    xx[i] = p * p;
    yy[i] = q * q;
    xy[i] = p * q;
  }
  const mx = blur(x, width, height);
  const my = blur(y, width, height);
  const sxx = blur(xx, width, height);
  const syy = blur(yy, width, height);
  const sxy = blur(xy, width, height);
  let total = 0;
  for (let i = 0; i < mx.length; i++) {
    const ux = mx[i]!;
    const uy = my[i]!;
    const vx = sxx[i]! - ux * ux;
    const vy = syy[i]! - uy * uy;
    const cov = sxy[i]! - ux * uy;
    total += ((2 * ux * uy + C1) * (2 * cov + C2)) / ((ux * ux + uy * uy + C1) * (vx + vy + C2));
  }
  return total / mx.length;
}
