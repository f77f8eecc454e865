/**
 * What the benchmark scripts share at their end: print the table, optionally save the results as
 * JSON, and run as a script only when invoked directly.
 * @module
 */
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** Prints `results` with `print`, and writes them to `json` when a path is given. */
export function report<T>(results: T[], print: (results: T[]) => void, json: unknown): T[] {
  console.log('');
  print(results);
  if (typeof json === 'string') {
    writeFileSync(json, `${JSON.stringify(results, null, 2)}\n`);
    console.log(`\nresults written to ${json}`);
  }
  return results;
}

/** Runs `main` with the command-line arguments when `moduleUrl` is the script node was started with. */
export async function runIfMain(moduleUrl: string, main: (argv: string[]) => Promise<unknown>): Promise<void> {
  if (process.argv[1] && moduleUrl === pathToFileURL(process.argv[1]).href) {
    await main(process.argv.slice(2));
    process.exitCode = 0; // benchmarks report; they never gate
  }
}
