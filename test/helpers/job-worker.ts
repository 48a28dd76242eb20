// A bot-like process for the two-process job test: runs the job runner against the
// database in argv[2] until no job is left, recording each run in job_effects.
import { sql } from 'kysely';
import { JobRunner } from '../../src/jobs/runner.js';
import { createLogger } from '../../src/logger.js';
import { openStore, type DatabaseConfig } from '../../src/store/db.js';

const config = JSON.parse(process.argv[2]!) as DatabaseConfig;
const workerId = process.argv[3]!;
const store = await openStore(config);
const runner = new JobRunner({ store, clock: { now: () => Date.now() }, logger: createLogger('silent'), workerId, batchSize: 5 });
runner.register('count', async (_payload, job) => {
  await new Promise((r) => setTimeout(r, 5));
  await sql`insert into job_effects (job_id, worker) values (${job.id}, ${workerId})`.execute(store.db);
});
const until = Date.now() + 30_000;
while (Date.now() < until) {
  const ran = await runner.runDue();
  if (ran === 0) {
    const left = await store.db.selectFrom('jobs').select('id').where('status', 'in', ['pending', 'running']).executeTakeFirst();
    if (!left) break;
    await new Promise((r) => setTimeout(r, 20));
  }
}
await store.close();
