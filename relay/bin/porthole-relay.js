#!/usr/bin/env node
// Runs the TypeScript CLI directly: the project's pinned Node (>= 24) strips types natively.
import '../src/cli.ts';
