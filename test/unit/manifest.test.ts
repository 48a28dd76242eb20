import fs from 'node:fs';
import path from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { APP_PACKAGE_DIR, buildManifest, buildPackage, readManifestTemplate } from '../../scripts/package-lib.js';

const SCHEMA_DIR = path.resolve(__dirname, '../../node_modules/@microsoft/app-manifest/build/json-schemas/teams/v1.24');
const BOT_ID = '6a1f0c55-1234-4abc-8def-0123456789ab';

// ajv-draft-04 is CommonJS: under NodeNext its class sits on .default at run time.
type AjvClass = new (options: object) => { addFormat(name: string, test: (s: string) => boolean): void; compile(schema: object): ((data: unknown) => boolean) & { errors?: unknown[] | null } };
const Ajv = ((AjvDraft04 as unknown as { default?: AjvClass }).default ?? AjvDraft04) as unknown as AjvClass;

function validator() {
  const ajv = new Ajv({ allErrors: true, strict: false });
  // The schema uses a few string formats; check the ones that matter here ourselves.
  ajv.addFormat('uri', (s: string) => /^https?:\/\/\S+$/.test(s));
  ajv.addFormat('regex', () => true);
  return ajv.compile(JSON.parse(fs.readFileSync(path.join(SCHEMA_DIR, 'MicrosoftTeams.schema.json'), 'utf8')));
}

function pngSize(file: Buffer) {
  expect(file.subarray(1, 4).toString('ascii')).toBe('PNG');
  return { width: file.readUInt32BE(16), height: file.readUInt32BE(20), colorType: file[25] };
}

describe('Teams app package', () => {
  const validate = validator();

  it('the filled-in manifest is valid against the Teams 1.24 schema shipped in @microsoft/app-manifest', () => {
    const manifest = buildManifest(readManifestTemplate(), BOT_ID);
    const ok = validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    expect(manifest.id).toBe(BOT_ID);
    expect(Number(manifest.manifestVersion)).toBeGreaterThanOrEqual(1.24);
    const bot = (manifest.bots as Array<{ botId: string; scopes: string[]; commandLists: Array<{ scopes: string[]; commands: Array<{ title: string; description: string }> }> }>)[0]!;
    expect(bot.botId).toBe(BOT_ID);
    expect(bot.scopes).toEqual(['personal', 'team', 'groupChat']);
    const team = bot.commandLists.find((l) => l.scopes.includes('team'))!;
    expect(team.commands.map((c) => c.title)).toEqual(['help', 'instellen', 'reflectie', 'haalbaarheid', 'overeenkomst', 'voortgang', 'herinneringen', 'vakanties']);
    expect(team.commands[1]!.description).toBe('Naam, scholen, rollen en werkgroepen instellen.');
    const personal = bot.commandLists.find((l) => l.scopes.includes('personal'))!;
    expect(personal.commands.map((c) => c.title)).not.toContain('instellen');
  });

  it('the validator is real: broken manifests are rejected', () => {
    const manifest = buildManifest(readManifestTemplate(), BOT_ID);
    expect(validate({ ...manifest, manifestVersion: '0.1' })).toBe(false);
    expect(validate({ ...manifest, id: 'not-a-guid' })).toBe(false);
    const { developer: _, ...noDeveloper } = manifest;
    expect(validate(noDeveloper)).toBe(false);
  });

  it('has a 192x192 colour icon and a 32x32 outline icon with transparency', () => {
    const color = pngSize(fs.readFileSync(path.join(APP_PACKAGE_DIR, 'color.png')));
    expect([color.width, color.height]).toEqual([192, 192]);
    const outline = pngSize(fs.readFileSync(path.join(APP_PACKAGE_DIR, 'outline.png')));
    expect([outline.width, outline.height, outline.colorType]).toEqual([32, 32, 6]);
  });

  it('builds a flat zip with the bot id filled in', async () => {
    const zip = await JSZip.loadAsync(await buildPackage(BOT_ID));
    expect(Object.keys(zip.files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string'));
    expect(manifest.id).toBe(BOT_ID);
    expect(JSON.stringify(manifest)).not.toContain('${{');
  });
});
