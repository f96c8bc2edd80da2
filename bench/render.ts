/** Re-render RESULTS.md from results.json (after a change to the report's wording; the figures stay). */
import { readFileSync, writeFileSync } from 'node:fs';
import { renderReport } from './src/report.ts';
import type { Results } from './src/results.ts';

const here = new URL('.', import.meta.url).pathname;
const results = JSON.parse(readFileSync(`${here}results.json`, 'utf8')) as Results;
writeFileSync(`${here}RESULTS.md`, renderReport(results));
console.log(`rendered ${here}RESULTS.md from results.json (${results.meta.date})`);
