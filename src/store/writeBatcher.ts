/**
 * Group commit for one kind of write: the first caller's write goes at once; callers that
 * arrive while it is in flight wait and then go together, as one statement. Idle, nothing
 * waits (SQLite answers before the next caller comes, so there each write goes alone); on
 * PostgreSQL, where a commit waits for the disk, concurrent turns share round trips and
 * commits instead of queueing for a connection each.
 */
export class WriteBatcher<I, O> {
  private queue: Array<{ item: I; resolve: (out: O) => void; reject: (err: unknown) => void }> = [];
  private running = false;

  constructor(
    /** Writes the items in one statement; gives one result per item, in order. */
    private readonly write: (items: I[]) => Promise<O[]>,
    private readonly maxBatch = 64,
  ) {}

  run(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch);
        try {
          const out = await this.write(batch.map((b) => b.item));
          batch.forEach((b, i) => b.resolve(out[i]!));
        } catch (err) {
          // Each caller learns of the failure as if its own write had failed.
          for (const b of batch) b.reject(err);
        }
      }
    } finally {
      this.running = false;
    }
  }
}
