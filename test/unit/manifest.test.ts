import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { promisify } from 'node:util';
import path from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { APP_PACKAGE_DIR, buildManifest, buildPackage, readManifestTemplate } from '../../scripts/package-lib.js';

const run = promisify(execFile);
const SCHEMA_DIR = path.resolve(__dirname, '../../node_modules/@microsoft/app-manifest/build/json-schemas/teams/v1.24');
const BOT_ID = '6a1f0c55-1234-4abc-8def-0123456789ab';
const BASE_URL = 'https://leerlab.voorbeeldschool.nl';
const OPTIONS = { botId: BOT_ID, publicBaseUrl: BASE_URL };

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
    const manifest = buildManifest(readManifestTemplate(), OPTIONS);
    const ok = validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    expect(manifest.id).toBe(BOT_ID);
    expect(Number(manifest.manifestVersion)).toBeGreaterThanOrEqual(1.24);
    const bot = (manifest.bots as Array<{ botId: string; scopes: string[]; commandLists: Array<{ scopes: string[]; commands: Array<{ title: string; description: string }> }> }>)[0]!;
    expect(bot.botId).toBe(BOT_ID);
    expect(bot.scopes).toEqual(['personal', 'team', 'groupChat']);
    const team = bot.commandLists.find((l) => l.scopes.includes('team'))!;
    expect(team.commands.map((c) => c.title)).toEqual(['help', 'instellen', 'reflectie', 'haalbaarheid', 'overeenkomst', 'voortgang', 'herinneringen', 'vakanties', 'groepsgrootte', 'auditlog']);
    expect(team.commands[1]!.description).toBe('Naam, scholen, rollen en werkgroepen instellen.');
    const personal = bot.commandLists.find((l) => l.scopes.includes('personal'))!;
    expect(personal.commands.map((c) => c.title)).not.toContain('instellen');
  });

  it('the validator is real: broken manifests are rejected', () => {
    const manifest = buildManifest(readManifestTemplate(), OPTIONS);
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
    const zip = await JSZip.loadAsync(await buildPackage(OPTIONS));
    expect(Object.keys(zip.files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string'));
    expect(manifest.id).toBe(BOT_ID);
    expect(JSON.stringify(manifest)).not.toContain('${{');
  });

  it('links privacy and terms of use to the pages the bot serves at PUBLIC_BASE_URL', async () => {
    const manifest = buildManifest(readManifestTemplate(), OPTIONS);
    expect(manifest.developer).toMatchObject({
      privacyUrl: 'https://leerlab.voorbeeldschool.nl/privacy',
      termsOfUseUrl: 'https://leerlab.voorbeeldschool.nl/voorwaarden',
    });
    // A base URL with a path and a trailing slash (a bot behind a reverse proxy) gives one slash.
    const proxied = buildManifest(readManifestTemplate(), { botId: BOT_ID, publicBaseUrl: 'https://scholen.example/leerlab/' });
    expect(proxied.developer).toMatchObject({ privacyUrl: 'https://scholen.example/leerlab/privacy', termsOfUseUrl: 'https://scholen.example/leerlab/voorwaarden' });
    expect(validate(proxied)).toBe(true);
    const zip = await JSZip.loadAsync(await buildPackage(OPTIONS));
    const zipped = JSON.parse(await zip.file('manifest.json')!.async('string'));
    expect(zipped.developer.privacyUrl).toBe('https://leerlab.voorbeeldschool.nl/privacy');
    expect(zipped.developer.termsOfUseUrl).toBe('https://leerlab.voorbeeldschool.nl/voorwaarden');
  });

  it('npm run package takes the URLs from PUBLIC_BASE_URL', async () => {
    const out = path.join(APP_PACKAGE_DIR, 'build', 'appPackage.zip');
    const tsx = path.resolve(__dirname, '../../node_modules/tsx/dist/cli.mjs');
    const { stdout } = await run(process.execPath, [tsx, 'scripts/package.ts'], {
      cwd: path.resolve(__dirname, '../..'),
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', MicrosoftAppId: BOT_ID, MicrosoftAppTenantId: 'tenant-a', PUBLIC_BASE_URL: 'https://bot.leerlab-west.nl/' },
    });
    expect(stdout).toContain('privacy https://bot.leerlab-west.nl/privacy, terms https://bot.leerlab-west.nl/voorwaarden');
    const manifest = JSON.parse(await (await JSZip.loadAsync(fs.readFileSync(out))).file('manifest.json')!.async('string'));
    expect(manifest.id).toBe(BOT_ID);
    expect(manifest.developer.privacyUrl).toBe('https://bot.leerlab-west.nl/privacy');
    expect(manifest.developer.termsOfUseUrl).toBe('https://bot.leerlab-west.nl/voorwaarden');
  });
});
