import type { ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import { TeamsAdapter } from '@microsoft/teams-ai';
import type { Config } from '../config.js';

/**
 * The Bot Framework adapter. With an app id, botbuilder validates every request's JWT
 * (issuer, audience, signing keys, serviceUrl); that is never switched off. Without one
 * (local mode only, see config.ts) requests are accepted unauthenticated.
 */
export function createAdapter(config: Config): TeamsAdapter {
  const auth: ConfigurationBotFrameworkAuthenticationOptions = {
    MicrosoftAppId: config.bot.appId ?? '',
    MicrosoftAppPassword: config.bot.appPassword ?? '',
    // Without an app id botbuilder only accepts the (credential-less) MultiTenant type.
    MicrosoftAppType: config.bot.appId ? config.bot.appType : 'MultiTenant',
    MicrosoftAppTenantId: config.bot.tenantId ?? '',
  } as ConfigurationBotFrameworkAuthenticationOptions;
  if (config.bot.openIdMetadataUrl) {
    (auth as Record<string, string>).ToBotFromChannelOpenIdMetadataUrl = config.bot.openIdMetadataUrl;
  }
  return new TeamsAdapter(auth);
}
