/**
 * `npm run bench`: the accuracy benchmark, then the speed benchmark. Arguments pass through:
 *
 *   npm run bench                         # everything (speed up to 1M records)
 *   npm run bench -- --only febrl3        # one accuracy set; speed is skipped unless --sizes is given
 *   npm run bench -- --sizes 10000,200000 # all accuracy sets, speed at two sizes
 *   npm run bench -- --skip-accuracy      # speed only (or --skip-speed)
 *
 * Always exits 0: it reports, it does not gate.
 * @module
 */
import { parseArgs } from 'node:util';
import { runAccuracy } from './accuracy.js';
import { runSpeed } from './speed.js';

const argv = process.argv.slice(2);
const { values } = parseArgs({
  args: argv,
  strict: false,
  options: {
    only: { type: 'string' },
    sizes: { type: 'string' },
    'skip-accuracy': { type: 'boolean', default: false },
    'skip-speed': { type: 'boolean', default: false },
  },
});

if (values['skip-accuracy'] !== true) await runAccuracy(argv);
if (values['skip-speed'] === true) {
  // Nothing more.
} else if (values.only !== undefined && values.sizes === undefined) {
  console.log('\nspeed benchmark skipped (--only given; add --sizes to run it too)');
} else {
  console.log('');
  await runSpeed(argv);
}
process.exitCode = 0;
