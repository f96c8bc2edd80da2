/**
 * The synthetic camera's scene, as pure functions of the frame number and the time:
 * a study corner with a wall clock showing the real time, and someone at the desk for a
 * while (motion), then an empty chair (a still period, frames identical apart from the
 * clock), so a relay's change detection and loop fallback both get exercised.
 */

export const SCENE_WIDTH = 640;
export const SCENE_HEIGHT = 480;

/** Frames with someone moving at the desk, then frames with nobody, repeating. */
export const MOTION_FRAMES = 12;
export const STILL_FRAMES = 8;

export interface SceneMoment {
  /** Someone is at the desk and moving. */
  moving: boolean;
  /** Progress through the current motion period, in [0, 1); 0 while still. */
  phase: number;
  /** Seed for the sensor grain: constant through a still period so those frames repeat exactly. */
  grainSeed: number;
  hours: number;
  minutes: number;
}

/** What the scene looks like at frame `index`, with the clock showing `time`. */
export function sceneMoment(index: number, time: Date): SceneMoment {
  const period = MOTION_FRAMES + STILL_FRAMES;
  const cycle = Math.floor(index / period);
  const within = index % period;
  const moving = within < MOTION_FRAMES;
  return {
    moving,
    phase: moving ? within / MOTION_FRAMES : 0,
    grainSeed: moving ? index + 1 : -(cycle + 1),
    hours: time.getHours(),
    minutes: time.getMinutes(),
  };
}

const TURN = Math.PI * 2;

function hand(angle: number, length: number, width: number): string {
  const x = 110 + length * Math.sin(angle);
  const y = 100 - length * Math.cos(angle);
  return `<line x1="110" y1="100" x2="${x.toFixed(1)}" y2="${y.toFixed(1)}" stroke="#222" stroke-width="${width}" stroke-linecap="round"/>`;
}

function wallClock(hours: number, minutes: number): string {
  const minuteAngle = (minutes / 60) * TURN;
  const hourAngle = (((hours % 12) + minutes / 60) / 12) * TURN;
  const ticks = Array.from({ length: 12 }, (_, i) => {
    const a = (i / 12) * TURN;
    const x1 = 110 + 40 * Math.sin(a);
    const y1 = 100 - 40 * Math.cos(a);
    const x2 = 110 + 46 * Math.sin(a);
    const y2 = 100 - 46 * Math.cos(a);
    return `<line x1="${x1.toFixed(1)}" y1="${y1.toFixed(1)}" x2="${x2.toFixed(1)}" y2="${y2.toFixed(1)}" stroke="#333" stroke-width="3"/>`;
  });
  return `
    <circle cx="110" cy="100" r="54" fill="#f3efe6" stroke="#3b3b3b" stroke-width="6"/>
    ${ticks.join('')}
    ${hand(hourAngle, 26, 6)}
    ${hand(minuteAngle, 38, 4)}
    <circle cx="110" cy="100" r="4" fill="#222"/>`;
}

function bookshelf(): string {
  const books = [18, 14, 22, 12, 16, 20, 14].map((width, i, all) => {
    const x = 470 + all.slice(0, i).reduce((sum, w) => sum + w + 2, 0);
    const tint = ['#7a4b3a', '#3e5b7a', '#6b6b3a', '#8a8a8a', '#4a6b4a', '#704a6b', '#5a5a7a'][i];
    return `<rect x="${x}" y="${62 + (i % 3) * 4}" width="${width}" height="${58 - (i % 3) * 4}" fill="${tint}"/>`;
  });
  return `
    <rect x="460" y="50" width="150" height="160" fill="#6b5544"/>
    <rect x="466" y="56" width="138" height="66" fill="#3a2f27"/>
    <rect x="466" y="132" width="138" height="70" fill="#3a2f27"/>
    ${books.join('')}
    <circle cx="540" cy="180" r="18" fill="#9aa88a"/>`;
}

function deskAndMonitor(): string {
  return `
    <rect x="0" y="330" width="640" height="150" fill="#8a6d55"/>
    <rect x="0" y="330" width="640" height="10" fill="#6f5643"/>
    <rect x="250" y="200" width="200" height="120" rx="6" fill="#1e1e22"/>
    <rect x="258" y="208" width="184" height="104" fill="#3b4a5e"/>
    <rect x="340" y="320" width="20" height="14" fill="#2a2a2a"/>
    <rect x="310" y="332" width="80" height="6" fill="#2a2a2a"/>`;
}

function emptyChair(): string {
  return `
    <rect x="300" y="270" width="100" height="90" rx="14" fill="#3d3d44"/>
    <rect x="292" y="350" width="116" height="20" rx="8" fill="#34343a"/>`;
}

/** Someone seen from behind, shifting in the chair and nodding as they type. */
function personAtDesk(phase: number): string {
  const shift = 36 * Math.sin(TURN * phase);
  const nod = 6 * Math.sin(TURN * 3 * phase);
  const cx = 350 + shift;
  return `
    ${emptyChair()}
    <path d="M${(cx - 86).toFixed(1)},480 C${(cx - 84).toFixed(1)},236 ${(cx + 84).toFixed(1)},236 ${(cx + 86).toFixed(1)},480 Z" fill="#4d5b6e"/>
    <rect x="${(cx - 14).toFixed(1)}" y="${(290 + nod).toFixed(1)}" width="28" height="30" fill="#c9a58a"/>
    <ellipse cx="${cx.toFixed(1)}" cy="${(262 + nod).toFixed(1)}" rx="38" ry="44" fill="#2f2520"/>`;
}

/** The scene as an SVG document of SCENE_WIDTH x SCENE_HEIGHT pixels. */
export function syntheticSceneSvg(moment: SceneMoment): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${SCENE_WIDTH}" height="${SCENE_HEIGHT}">
    <rect width="${SCENE_WIDTH}" height="${SCENE_HEIGHT}" fill="#b9b2a6"/>
    <rect x="0" y="0" width="${SCENE_WIDTH}" height="40" fill="#c8c2b7"/>
    ${wallClock(moment.hours, moment.minutes)}
    ${bookshelf()}
    ${deskAndMonitor()}
    ${moment.moving ? personAtDesk(moment.phase) : emptyChair()}
    <text x="16" y="466" font-family="DejaVu Sans, sans-serif" font-size="14" fill="#f0ead8" opacity="0.8">porthole-camera --synthetic</text>
  </svg>`;
}
