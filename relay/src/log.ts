/** Structured logs (pino): JSON for machines, readable lines on a terminal. Secrets are redacted. */
import pino, { type DestinationStream, type Logger } from 'pino';

/** What waits in memory for a slow log reader before new lines are dropped: the relay never waits for its logs. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
/** How long closing waits for the last lines to reach a reader that is slow (a gone one costs nothing). */
const END_TIMEOUT_MS = 500;

/** Whatever could carry a token: the token settings, the token table, and Authorization headers wherever a request is logged. */
export const REDACTED_PATHS = [
  'token',
  '*.token',
  'tokens',
  '*.tokens',
  'authorization',
  'headers.authorization',
  'req.headers.authorization',
  '*.headers.authorization',
  'headers["proxy-authorization"]',
  'req.headers["proxy-authorization"]',
  '*.headers["proxy-authorization"]',
];

interface LogOutput extends DestinationStream {
  /** Write what is buffered (bounded by END_TIMEOUT_MS), then drop any later line. */
  end(): Promise<void>;
}

const outputs = new WeakMap<Logger, LogOutput>();
let watchingStdout = false;
let stdoutGone = false;

/** `destination` lets tests (and embedders) read the log lines; it implies JSON. */
export function createLogger(
  level: string,
  format: 'auto' | 'json' | 'pretty',
  destination?: DestinationStream,
): Logger {
  const pretty =
    !destination && (format === 'pretty' || (format === 'auto' && process.stdout.isTTY === true));
  const options = {
    level,
    base: { service: 'porthole-relay' },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    ...(pretty
      ? {
          transport: {
            target: 'pino-pretty',
            options: { translateTime: 'HH:MM:ss', ignore: 'pid,hostname,service' },
          },
        }
      : {}),
  };
  if (pretty) return pino(options);
  const output = destination ?? stdoutOutput();
  const log = pino(options, output);
  if (!destination) outputs.set(log, output as LogOutput);
  return log;
}

/** Let the last lines out (briefly), then stop writing: the relay's very last step before exiting. */
export function endLog(log: Logger): Promise<void> {
  log.flush();
  return outputs.get(log)?.end() ?? Promise.resolve();
}

/**
 * stdout for JSON lines, built so that nothing that happens to the reader can stop the relay. It is Node's own
 * process.stdout, whose pipe writes never wait (what the pipe cannot take yet waits in memory, up to
 * MAX_BUFFERED_BYTES, beyond which lines are dropped), so a stalled reader neither blocks nor bloats the
 * relay; a reader that has gone (EPIPE, or any write error) silences logging instead of throwing; and nothing
 * is left to do at exit. pino's own destination (sonic-boom 4) did all three wrong: its exit hook retried a
 * failed write forever, and a write stuck on a full pipe held a thread that exit waited for.
 */
function stdoutOutput(): LogOutput {
  const out = process.stdout;
  // One listener for the process, however many relays it starts (tests start dozens).
  if (!watchingStdout) {
    watchingStdout = true;
    out.on('error', () => {
      stdoutGone = true;
    });
  }
  let open = true;
  return {
    write(line: string) {
      if (open && !stdoutGone && out.writableLength < MAX_BUFFERED_BYTES) out.write(line);
    },
    end() {
      const pending = open && !stdoutGone && out.writableLength > 0;
      open = false;
      if (!pending) return Promise.resolve();
      return new Promise<void>((done) => {
        const timer = setTimeout(done, END_TIMEOUT_MS);
        const finish = () => {
          clearTimeout(timer);
          done();
        };
        // An empty write's callback runs once everything before it has been handed to the pipe, or failed.
        out.write('', finish);
      });
    },
  };
}
