#!/usr/bin/env node
// npm run dev: the bot on its embedded default (SQLite in ./data, local mode, reloaded on
// every change under src/) plus the
// Microsoft 365 Agents Playground with the sample partnership from .m365agentsplayground.yml.
import { spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const botPort = 3978;
const playgroundPort = 56150;
const children = [];

function start(name, args, env = {}) {
  const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`${name} stopped (${signal ?? code}); stopping the rest.`);
      stop(code ?? 1);
    }
  });
  children.push(child);
  return child;
}

let stopping = false;
function stop(code = 0) {
  stopping = true;
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  setTimeout(() => process.exit(code), 3000).unref();
  Promise.all(children.map((c) => (c.exitCode !== null ? null : new Promise((r) => c.once('exit', r))))).then(() => process.exit(code));
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

async function waitForHealth() {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${botPort}/healthz`)).status === 200) return;
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the bot did not become healthy within 60 s');
}

// TypeScript straight from src/ through tsx (a devDependency, so `npm install` brings it;
// no build step on a fresh machine), restarted when a file changes. Production runs the
// compiled dist/ instead (npm run build && npm start).
start('bot', [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'watch', '--clear-screen=false', 'src/index.ts'], { PORT: String(botPort) });
await waitForHealth();
start('playground', [
  path.join(root, 'node_modules/@microsoft/m365agentsplayground/cli.js'),
  'start',
  '-e',
  `http://127.0.0.1:${botPort}/api/messages`,
  '-c',
  'msteams',
  '-p',
  String(playgroundPort),
  '--disable-telemetry',
], { TEAMSAPPTESTER_BROWSER: 'none', APPLICATION_INSIGHTS_NO_STATSBEAT: 'true' });
console.log(`\n  Agents Playground: http://localhost:${playgroundPort}  (Ctrl-C stops both)\n`);
