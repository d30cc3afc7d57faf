// The entry of a drift check's scoring thread (bundled as score-worker.js next to each bin that
// checks drift, beside csv-worker.js): see parallel-score.ts.
import { parentPort } from 'node:worker_threads';
import { runScoreWorker } from './parallel-score.js';

if (parentPort !== null) runScoreWorker(parentPort);
