/**
 * What npm start prints. Whoever reads it may leave early (a `| head`, a `| tee` or `| less` that was
 * closed): from then on its lines are dropped, and npm start carries on, so that Ctrl-C still stops
 * everything it started. Without a listener, the first EPIPE was an uncaught error that killed npm start
 * and left its children (in their own process groups) running.
 */
const gone = { stdout: false, stderr: false };
for (const name of ['stdout', 'stderr'] as const) {
  process[name].on('error', () => {
    gone[name] = true;
  });
}

/** A line for the terminal (stdout). */
export function say(line: string): void {
  if (!gone.stdout) process.stdout.write(`${line}\n`);
}

/** A line about something wrong (stderr). */
export function complain(line: string): void {
  if (!gone.stderr) process.stderr.write(`${line}\n`);
}
