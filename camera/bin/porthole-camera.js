#!/usr/bin/env node
// `#cli` is the built CLI (dist/cli.js); inside the repository the `porthole-source` condition
// (set in the root .npmrc) makes it the TypeScript source, so no build is needed there.
import { main } from '#cli';

process.exitCode = await main(process.argv.slice(2));
