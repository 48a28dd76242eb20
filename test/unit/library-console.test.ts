import { afterAll, describe, expect, it } from 'vitest';
import { holdLibraryOutput, holdsInProgress } from '../../src/teams/libraryConsole.js';

// What reaches the console itself: installed before the first hold, so the router passes writes on to it.
const printed: string[] = [];
const realError = console.error;
console.error = (...args: unknown[]) => void printed.push(args.map(String).join(' '));
afterAll(() => {
  console.error = realError;
});

const tick = () => new Promise((r) => setImmediate(r));

describe('library console output held per request', () => {
  it('keeps each concurrent request’s writes apart, only until the turn starts, and stops tracking when nobody holds', async () => {
    let refusedSummary: string[] = [];
    const refused = holdLibraryOutput(async (output) => {
      await tick();
      console.error(new Error('TokenExpiredError: jwt expired'));
      await tick();
      refusedSummary = output.summary();
      return 'refused';
    });
    const accepted = holdLibraryOutput(async (output) => {
      console.error('key dump\nsecond line');
      await tick();
      expect(holdsInProgress()).toBe(2);
      output.release();
      // The turn runs: its writes are the console's again.
      await tick();
      console.error('during the turn');
      return output.summary();
    });
    expect(await Promise.all([refused, accepted])).toEqual(['refused', ['key dump']]);
    expect(refusedSummary).toEqual(['Error: TokenExpiredError: jwt expired']);
    expect(printed).toEqual(['during the turn']);
    expect(holdsInProgress()).toBe(0);
  });

  it('ends the hold when the request fails before its turn, and flush prints what was held', async () => {
    await expect(
      holdLibraryOutput(async () => {
        console.error('before');
        throw new Error('keys could not be loaded');
      }),
    ).rejects.toThrow('keys could not be loaded');
    expect(holdsInProgress()).toBe(0);
    printed.length = 0;
    await holdLibraryOutput(async (output) => {
      console.error('held');
      await tick();
      output.flush();
    });
    expect(printed).toEqual(['held']);
    // Outside any hold a write goes straight through.
    console.error('outside');
    expect(printed).toEqual(['held', 'outside']);
  });
});
