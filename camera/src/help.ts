/** `porthole-camera --help`. Keep in step with SETTINGS in options.ts. */
export const HELP = `porthole-camera: a software camera for a Porthole relay

Usage
  porthole-camera [source] --relay URL --token TOKEN [--interval 2s] [--count N]
  porthole-camera record-loop --relay URL [--frames 24] [--interval 2s] [--out DIR]

Sources (pick one; the synthetic scene is the default)
  --synthetic          a generated study corner: someone at the desk, then an empty chair
  --dir DIR            the images in DIR (.jpg .png .webp) in name order, looping
  --device DEV         a webcam or video device through ffmpeg, e.g. /dev/video0

Upload options
  --relay URL          relay base URL          PORTHOLE_RELAY_URL   default http://127.0.0.1:8787/
  --token TOKEN        bearer token            PORTHOLE_TOKEN       required (or a token file)
  --token-file FILE    file holding the token  PORTHOLE_TOKEN_FILE
  --interval DURATION  time between frames     PORTHOLE_INTERVAL    default 2s (100ms to 1h)
  --count N            stop after N uploads    PORTHOLE_CAMERA_COUNT  default 0 = forever
  Sources from the environment: PORTHOLE_CAMERA_DIR, PORTHOLE_CAMERA_DEVICE.

record-loop options: saves N frames from the relay's GET /latest as frame-000.jpg …,
ready for porthole-relay --loop-dir
  --frames N           frames to record        PORTHOLE_LOOP_FRAMES default 24
  --out DIR            folder to write into    PORTHOLE_LOOP_OUT    default ./loop-recorded

Flags win over environment variables, which win over defaults.
Uploads use tus: a dropped connection is resumed (after 0, 1, 3 and 5 s); if the relay stays
unreachable the camera keeps trying with a growing pause (up to 30 s). Waves from visitors,
reported by the relay after each upload, are printed. Ctrl-C stops.

Examples
  porthole-camera --synthetic --relay http://127.0.0.1:8787/ --token-file ~/.porthole-token
  porthole-camera --dir ./frames --interval 5s --token "$TOKEN"
  porthole-camera record-loop --relay https://cam.example.com/ --frames 30 --out ./loop
`;
