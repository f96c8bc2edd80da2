/**
 * The default loop's scene: a quiet desk by a window, drawn as SVG.
 *
 * `deskScene(phase)` returns the SVG for one moment of the loop, `phase` in [0, 1).
 * Every moving part is a sine of a whole number of turns of `phase`, so the frame at
 * phase 1 equals the frame at phase 0 and the loop has no seam.
 */

export const WIDTH = 640;
export const HEIGHT = 480;

const TURN = Math.PI * 2;

/** A sine wave that completes `cycles` whole periods over the loop. */
function wave(phase: number, cycles: number, offset = 0): number {
  return Math.sin(TURN * (cycles * phase + offset));
}

function round(n: number): string {
  return n.toFixed(1);
}

/** Sunlight through the window: a soft slanted patch that drifts along the wall and desk. */
function windowLight(phase: number): string {
  const drift = 14 * wave(phase, 1);
  const glow = 0.32 + 0.06 * wave(phase, 1, 0.25);
  const x = 60 + drift;
  return `
    <polygon points="${round(x + 150)},120 ${round(x + 290)},120 ${round(x + 360)},330 ${round(x + 200)},330"
      fill="#fff" opacity="${round(glow)}" filter="url(#soft)"/>`;
}

function windowFrame(): string {
  return `
    <rect x="40" y="40" width="200" height="190" fill="#d8d8d8"/>
    <rect x="40" y="40" width="200" height="190" fill="url(#sky)"/>
    <rect x="136" y="40" width="8" height="190" fill="#5a5a5a"/>
    <rect x="40" y="131" width="200" height="8" fill="#5a5a5a"/>
    <rect x="34" y="34" width="212" height="202" fill="none" stroke="#4a4a4a" stroke-width="12"/>
    <rect x="28" y="236" width="224" height="10" fill="#6a6a6a"/>`;
}

function desk(): string {
  return `
    <polygon points="0,330 640,300 640,480 0,480" fill="url(#deskTop)"/>
    <polygon points="0,330 640,300 640,312 0,342" fill="#8a8a8a"/>`;
}

/** An angle-poise lamp on the right; its pool of light breathes very slightly. */
function lamp(phase: number): string {
  const pool = 0.22 + 0.04 * wave(phase, 2);
  return `
    <ellipse cx="520" cy="360" rx="120" ry="34" fill="#fff" opacity="${round(pool)}" filter="url(#soft)"/>
    <ellipse cx="560" cy="338" rx="38" ry="9" fill="#2e2e2e"/>
    <line x1="560" y1="334" x2="590" y2="210" stroke="#333" stroke-width="7" stroke-linecap="round"/>
    <line x1="590" y1="210" x2="520" y2="160" stroke="#333" stroke-width="7" stroke-linecap="round"/>
    <polygon points="500,150 540,168 522,214 470,196" fill="#3a3a3a"/>
    <ellipse cx="496" cy="206" rx="30" ry="10" fill="#f4f4f4" opacity="0.85" filter="url(#soft)"/>`;
}

/** A laptop seen from the side, lid half open, screen faintly lit. */
function laptop(): string {
  return `
    <polygon points="290,352 470,340 478,352 296,366" fill="#444"/>
    <polygon points="300,350 460,340 430,236 280,246" fill="#2a2a2a"/>
    <polygon points="306,344 452,335 426,244 288,253" fill="#6e6e6e" opacity="0.6"/>`;
}

/** A mug with three wisps of steam rising and fading in turn. */
function mugAndSteam(phase: number): string {
  const wisps = [0, 1 / 3, 2 / 3].map((lag, i) => {
    // Each wisp rises over one loop, offset by a third, so one is always visible.
    const rise = (phase + lag) % 1;
    const y = 300 - rise * 90;
    const sway = 6 * wave(phase, 2, i / 3);
    const opacity = 0.7 * Math.sin(Math.PI * rise);
    const x = 228 + i * 10 + sway;
    return `<path d="M${round(x)},${round(y + 30)} q10,-12 0,-22 q-10,-12 0,-24"
      fill="none" stroke="#fafafa" stroke-width="6" stroke-linecap="round"
      opacity="${round(opacity)}" filter="url(#steam)"/>`;
  });
  return `
    ${wisps.join('\n    ')}
    <rect x="214" y="300" width="56" height="60" rx="6" fill="#cfcfcf"/>
    <ellipse cx="242" cy="302" rx="28" ry="6" fill="#7a7a7a"/>
    <path d="M270,312 q22,4 18,20 q-4,14 -18,12" fill="none" stroke="#bdbdbd" stroke-width="7"/>
    <ellipse cx="242" cy="362" rx="30" ry="5" fill="#5a5a5a" opacity="0.5"/>`;
}

/** A potted plant on the left; the long leaf sways, the others barely move. */
function plant(phase: number): string {
  const sway = 5 * wave(phase, 1);
  const nod = 2 * wave(phase, 2, 0.1);
  const leaf = (angle: number, length: number, shade: string) =>
    `<path d="M0,0 C${round(length * 0.3)},-${round(length * 0.35)} ${round(length * 0.75)},-${round(length * 0.25)} ${length},0
      C${round(length * 0.7)},${round(length * 0.1)} ${round(length * 0.3)},${round(length * 0.1)} 0,0 Z"
      transform="rotate(${round(angle)})" fill="${shade}"/>`;
  return `
    <g transform="translate(110,300)">
      <g transform="rotate(${round(sway)})">${leaf(-120, 110, '#3c3c3c')}</g>
      <g transform="rotate(${round(nod)})">${leaf(-70, 90, '#4c4c4c')}</g>
      ${leaf(-150, 70, '#444')}
      ${leaf(-35, 75, '#555')}
      <g transform="rotate(${round(-nod)})">${leaf(-95, 100, '#363636')}</g>
    </g>
    <polygon points="78,298 142,298 134,362 86,362" fill="#7c7c7c"/>
    <rect x="74" y="292" width="72" height="10" fill="#8c8c8c"/>`;
}

function definitions(): string {
  return `
    <defs>
      <linearGradient id="wall" x1="0" y1="0" x2="1" y2="1">
        <stop offset="0" stop-color="#9a9a9a"/><stop offset="1" stop-color="#6a6a6a"/>
      </linearGradient>
      <linearGradient id="sky" x1="0" y1="0" x2="0" y2="1">
        <stop offset="0" stop-color="#f2f2f2"/><stop offset="1" stop-color="#c4c4c4"/>
      </linearGradient>
      <linearGradient id="deskTop" x1="0" y1="0" x2="0" y2="1">
        <stop offset="0" stop-color="#a8a8a8"/><stop offset="1" stop-color="#5e5e5e"/>
      </linearGradient>
      <radialGradient id="vignette" cx="0.5" cy="0.5" r="0.75">
        <stop offset="0.6" stop-color="#000" stop-opacity="0"/><stop offset="1" stop-color="#000" stop-opacity="0.45"/>
      </radialGradient>
      <filter id="soft" x="-60%" y="-60%" width="220%" height="220%"><feGaussianBlur stdDeviation="14"/></filter>
      <filter id="steam" x="-100%" y="-50%" width="300%" height="200%"><feGaussianBlur stdDeviation="3"/></filter>
    </defs>`;
}

/** The whole scene at `phase` in [0, 1), as an SVG document of WIDTH x HEIGHT pixels. */
export function deskScene(phase: number): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}">
    ${definitions()}
    <rect width="${WIDTH}" height="${HEIGHT}" fill="url(#wall)"/>
    ${windowFrame()}
    ${windowLight(phase)}
    ${desk()}
    ${laptop()}
    ${lamp(phase)}
    ${plant(phase)}
    ${mugAndSteam(phase)}
    <rect width="${WIDTH}" height="${HEIGHT}" fill="url(#vignette)"/>
  </svg>`;
}
