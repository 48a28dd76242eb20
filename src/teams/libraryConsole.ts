import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * botframework-connector writes to console.error while it checks a token (the whole
 * TokenExpiredError with its stack, a dump of the signing key, the JsonWebTokenError). A
 * refused request must cost one warning line in our log, so while an activity is being
 * authenticated those writes are held here and the caller decides what becomes of them.
 * Output outside such a window, or once the turn itself runs, goes to the console as before.
 */

type Level = 'error' | 'warn';
interface Held {
  level: Level;
  args: unknown[];
}

export interface LibraryOutput {
  /** One short line per held write: an error's name and message, or the first line of a text. */
  summary(): string[];
  /** Stops holding: from now on this request's writes go straight to the console. */
  release(): void;
  /** Writes what was held to the console, as the library meant to. */
  flush(): void;
}

interface Capture {
  held: Held[];
  holding: boolean;
}

const ROUTED = Symbol.for('leerlab.libraryConsole');
type RoutedConsole = Console & { [ROUTED]?: { storage: AsyncLocalStorage<Capture>; original: Record<Level, (...args: unknown[]) => void> } };

/** Installs the router once per console object (test runners may swap the console per file). */
function router() {
  const c = console as RoutedConsole;
  if (!c[ROUTED]) {
    const storage = new AsyncLocalStorage<Capture>();
    const original = { error: c.error.bind(c), warn: c.warn.bind(c) };
    for (const level of ['error', 'warn'] as const) {
      c[level] = (...args: unknown[]) => {
        const capture = storage.getStore();
        if (capture?.holding) capture.held.push({ level, args });
        else original[level](...args);
      };
    }
    c[ROUTED] = { storage, original };
  }
  return c[ROUTED];
}

function summarise(arg: unknown): string {
  if (arg instanceof Error) return `${arg.name}: ${arg.message}`;
  return String(arg).split('\n', 1)[0]!.slice(0, 200);
}

/** How many requests are holding right now. */
let holding = 0;

/** Requests whose library output is held right now (0: the async tracking is off). */
export function holdsInProgress(): number {
  return holding;
}

/**
 * Runs `fn` with the library's console writes held, for this async call chain only, until
 * `release()` (the turn starts) or `fn` ends. The chain is followed through an
 * AsyncLocalStorage, which on Node 20 and 22 puts a hook on every promise of the process
 * while it is enabled: a turn makes hundreds, so once no request is holding any more the
 * storage is switched off again (Node turns it back on at the next hold). Only the
 * authentication of a request, not its turn, pays for the tracking.
 */
export function holdLibraryOutput<T>(fn: (output: LibraryOutput) => Promise<T>): Promise<T> {
  const { storage, original } = router();
  const capture: Capture = { held: [], holding: true };
  holding++;
  const release = () => {
    if (!capture.holding) return;
    capture.holding = false;
    if (--holding === 0) storage.disable();
  };
  const output: LibraryOutput = {
    summary: () => capture.held.map((h) => h.args.map(summarise).join(' ')),
    release,
    flush: () => {
      for (const h of capture.held.splice(0)) original[h.level](...h.args);
    },
  };
  return storage.run(capture, async () => {
    try {
      return await fn(output);
    } finally {
      release();
    }
  });
}
