import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The architecture rules as checks on the source, so a change that breaks one fails here and
 * not in a reviewer's head: which folder may import the SDK, read the environment, read the
 * wall clock or write SQL, and that no two folders import each other.
 */
const root = path.resolve(__dirname, '../..');
const src = path.join(root, 'src');

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}
/** Files (relative to src/) whose code, without comments, matches. */
function where(pattern: RegExp): string[] {
  return files(src)
    .filter((f) => pattern.test(fs.readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '')))
    .map((f) => path.relative(src, f).split(path.sep).join('/'))
    .sort();
}

describe('layers', () => {
  it('no folder of src/ imports one that imports it back', () => {
    const out = execFileSync(process.execPath, [path.join(root, 'scripts/folder-cycles.mjs'), '--json'], { encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual([]);
  });

  it('the Teams SDK is imported only in src/teams/', () => {
    expect(where(/from '(botbuilder|botframework-[a-z]+|@microsoft\/teams-ai)[^']*'/).filter((f) => !f.startsWith('teams/'))).toEqual([]);
  });

  it('only config.ts reads the environment', () => {
    expect(where(/process\.env/)).toEqual(['config.ts']);
  });

  it('only clock.ts reads the wall clock', () => {
    expect(where(/Date\.now\(\)/)).toEqual(['clock.ts']);
  });

  it('SQL lives in repositories and the store', () => {
    expect(where(/store\.db\b|\bthis\.db\./).filter((f) => !f.startsWith('store/') && !f.endsWith('/repo.ts'))).toEqual([]);
  });

  it('only the kernel and the partnership scope resolve a scope', () => {
    expect(where(/resolveScope/)).toEqual(['core/router.ts', 'partnership/scope.ts']);
  });
});
