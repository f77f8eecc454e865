/**
 * Entry point of the `identikit` binary (built to `dist/cli/main.js`).
 * @module
 */
import { run } from './run.js';

process.exitCode = await run(process.argv.slice(2));
