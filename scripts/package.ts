// npm run package: appPackage/build/appPackage.zip with the bot id and PUBLIC_BASE_URL from the environment.
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../src/config.js';
import { APP_PACKAGE_DIR, buildPackage, PLACEHOLDER_BOT_ID } from './package-lib.js';

const config = loadConfig();
const botId = config.bot.appId ?? PLACEHOLDER_BOT_ID;
if (!config.bot.appId) {
  console.warn(`MicrosoftAppId is not set: the package uses the placeholder id ${PLACEHOLDER_BOT_ID}. Set MicrosoftAppId for a real tenant.`);
}
// The manifest's privacy and terms-of-use links point at this bot's own /privacy and
// /voorwaarden; without PUBLIC_BASE_URL that is the local address, which Teams users cannot open.
const publicBaseUrl = config.publicBaseUrl;
if (!publicBaseUrl.startsWith('https://')) {
  console.warn(`PUBLIC_BASE_URL is not an https address: the privacy and terms-of-use links point at ${publicBaseUrl}. Set PUBLIC_BASE_URL for a real tenant.`);
}
const out = path.join(APP_PACKAGE_DIR, 'build', 'appPackage.zip');
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, await buildPackage({ botId, publicBaseUrl }));
console.log(`wrote ${path.relative(process.cwd(), out)} (bot id ${botId}, privacy ${publicBaseUrl}/privacy, terms ${publicBaseUrl}/voorwaarden)`);
