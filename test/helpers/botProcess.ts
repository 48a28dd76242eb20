import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fakeClockEnv } from './children.js';

const ROOT = path.resolve(__dirname, '../..');

export interface BotProcess {
  child: ChildProcess;
  /** Resolves with the port the child says it listens on; rejects if the child ends first. */
  listening: Promise<number>;
  exited: Promise<number | null>;
  output(): string;
}

/**
 * `src/index.ts` as its own process, the way `npm start` runs it, with a clean environment
 * (plus the fake-clock settings, if any) and PORT=0 unless given: the OS picks a free port and
 * the child reports it in its "listening" log line, so no test owns a fixed port and the port
 * we talk to is the one this child bound.
 */
export function startBotProcess(env: Record<string, string>): BotProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'info', PORT: '0', ...fakeClockEnv(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let onPort: (port: number) => void = () => {};
  let onEarlyExit: (err: Error) => void = () => {};
  const listening = new Promise<number>((resolve, reject) => ((onPort = resolve), (onEarlyExit = reject)));
  listening.catch(() => {});
  const keep = (d: Buffer) => {
    output += d.toString();
    if (output.length > 200_000) output = output.slice(-100_000);
    const line = output.split('\n').find((l) => l.includes('"msg":"leerlab bot listening"'));
    const port = line?.match(/"port":(\d+)/)?.[1];
    if (port) onPort(Number(port));
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code, signal) => {
      onEarlyExit(new Error(`the bot process ended (code ${code}, signal ${signal}) before it listened:\n${output.slice(-4000)}`));
      resolve(code);
    }),
  );
  return { child, listening, exited, output: () => output };
}
