/** The repository's own loop (loop/): what a relay plays by default, so what the benches measure. */
export const LOOP_DIR = new URL('../../loop/', import.meta.url).pathname;
