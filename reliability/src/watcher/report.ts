/** The watcher's report: what was watched, what a visitor could read, and one row per attack. */
import type { Analysis } from './analyse.ts';
import type { Calibration } from './calibrate.ts';
import type { WatchedRun } from './watch-relay.ts';

export function describeRun(run: WatchedRun, analysis: Analysis, label: string): string {
  const { recording, options } = run;
  const minutes = (recording.endedAt - recording.startedAt) / 60_000;
  const readable = (samples: { status: number }[]) => {
    const ok = samples.filter((s) => s.status === 200).length;
    return ok === samples.length
      ? `200 (${ok}×)`
      : ok === 0
        ? `refused (${statuses(samples)})`
        : `${ok}/${samples.length} × 200`;
  };
  const scored = analysis.bins.filter((b) => b.scored);
  const lengths = run.windows.map((w) => (w.end - w.start) / 1000).sort((a, b) => a - b);
  const { falseAlarmShare, alpha, attacks } = analysis.detector;
  const lines = [
    `# Privacy-window watcher: ${label}`,
    '',
    `- relay: its own process, \`privacyWindows: '${options.privacyWindows}'\`, \`interval: ${options.intervalMs}ms\`, \`offlineAfter: ${options.offlineAfterMs}ms\`, \`widths: '320'\`; loop: ${options.loop === 'recorded' ? `the owner's own (${options.loopFrames} calm frames of the same room, saved from the relay's JPEG)` : "the repository's default (another room)"}`,
    `- footage: seed ${options.seed}, 400×300 q80 JPEG every ${options.intervalMs} ms, σ 3.5 sensor noise, ±8 levels of light drift, people walking through and sitting down`,
    `- watched ${minutes.toFixed(1)} min: ${run.uploads.length} uploads (${run.cameraFailures} failed), ${analysis.frames} frames shown, ${recording.healthz.length} /healthz timings`,
    `- a visitor could read: /status ${readable(recording.status)}, /metrics ${readable(recording.metrics)}`,
    `- ground truth: ${run.groundTruth === 'log' ? 'the relay’s `privacy window opened/closed` log lines' : 'none found'}; ${run.windows.length} windows, ${lengths.length > 0 ? `${lengths[0]!.toFixed(1)}–${lengths.at(-1)!.toFixed(1)} s` : 'none'}`,
    `- scoring: ${analysis.binOptions.binMs / 1000} s bins (${scored.length} scored, ${scored.filter((b) => b.window >= 0).length} in windows, window ends stretched by ${analysis.binOptions.edgeMs / 1000} s); threshold = the top ${falseAlarmShare * 100} % of non-window bins per stratum (still / someone walking); better than chance = one-sided Fisher exact p < ${alpha}/${attacks} = ${(alpha / attacks).toFixed(4)}`,
    '',
    '| attack | windows | detected | non-window stretches | false alarms | detected − false alarm | p | verdict |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...analysis.results.map((r) => {
      const rate = (n: number, of: number) => (of === 0 ? 0 : n / of);
      const gap = rate(r.detected, r.windows) - rate(r.falseAlarms, r.stretches);
      const verdict = r.betterThanChance ? '**better than chance**' : 'chance';
      return `| ${r.attack} | ${r.windows} | ${r.detected} | ${r.stretches} (${r.stretchBins} bins) | ${r.falseAlarms} | ${gap.toFixed(2)} | ${formatP(r.p)} | ${verdict} |`;
    }),
    '',
    ...analysis.results.map((r) => `- **${r.attack}**: ${r.looksAt}`),
  ];
  return `${lines.join('\n')}\n`;
}

function statuses(samples: { status: number }[]): string {
  return [...new Set(samples.map((s) => s.status))].join(', ') || 'never asked';
}

function formatP(p: number): string {
  return p >= 0.001 ? p.toFixed(3) : p.toExponential(1);
}

export function describeCalibration(c: Calibration): string {
  const where = c.stillOnly ? 'opening only in still stretches' : 'opening anywhere';
  const rows = c.perAttack.map((a) => `| ${a.attack} | ${(a.rate * 100).toFixed(1)} % |`);
  return [
    `Calibration: ${c.draws} random sets of windows ${where}, on a run without windows.`,
    `Any attack "better than chance" in ${(c.anyRate * 100).toFixed(1)} % of draws (the false-failure rate).`,
    '',
    '| attack | draws where it beat chance |',
    '| --- | ---: |',
    ...rows,
    '',
  ].join('\n');
}
