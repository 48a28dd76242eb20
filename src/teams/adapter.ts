import { CallerIdConstants, type Activity, type ConfigurationBotFrameworkAuthenticationOptions, type InvokeResponse, type TurnContext } from 'botbuilder';
import {
  AuthenticationConstants,
  AuthenticationError,
  type AuthenticateRequestResult,
  type BotFrameworkAuthentication,
  type ClaimsIdentity,
  type ConnectorClient,
  type ConnectorFactory,
  type UserTokenClient,
} from 'botframework-connector';
import { TeamsAdapter } from './teamsAi.js';
import type { Config } from '../config.js';
import { holdLibraryOutput } from './libraryConsole.js';

/** What jsonwebtoken throws for a token it rejects; botframework-connector passes these on unwrapped. */
const JWT_REJECTIONS = new Set(['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError']);

/**
 * True when the caller failed to authenticate: botframework-connector's AuthenticationError
 * with a 4xx code (no token, wrong audience, issuer or serviceUrl, expired) or a token
 * jsonwebtoken rejected (bad signature). An AuthenticationError with a 5xx code means the
 * signing keys could not be loaded: our failure, not the caller's.
 */
export function isAuthenticationFailure(err: unknown): boolean {
  if (err instanceof AuthenticationError) return err.statusCode >= 400 && err.statusCode < 500;
  return err instanceof Error && JWT_REJECTIONS.has(err.name);
}

/** Decides the HTTP answer when an activity fails outside its turn; `libraryOutput` is what botbuilder wrote to the console meanwhile. */
export type ProcessFailureHandler = (err: unknown, activity: Activity, libraryOutput: string[]) => InvokeResponse;

/** Clients kept at most, per kind: one per app id, audience and serviceUrl (Teams has a few serviceUrls per region). */
const CLIENTS_KEPT = 100;

/**
 * botbuilder builds a new ConnectorClient and UserTokenClient for every activity (each with
 * its own HTTP pipeline of policies: about a tenth of a help turn's work). They hold nothing of
 * the turn (the app's credentials, the serviceUrl, options), so one per app id, audience and
 * serviceUrl is kept and shared by the turns and proactive sends that would each have built
 * the same. A client that failed to build is not kept, so the next activity tries again.
 */
export function reuseClients(auth: BotFrameworkAuthentication): BotFrameworkAuthentication {
  const connectors = new Map<string, Promise<ConnectorClient>>();
  const userTokens = new Map<string, Promise<UserTokenClient>>();
  function keep<T>(cache: Map<string, Promise<T>>, key: string, create: () => Promise<T>): Promise<T> {
    let kept = cache.get(key);
    if (!kept) {
      if (cache.size >= CLIENTS_KEPT) cache.delete(cache.keys().next().value!);
      kept = create();
      cache.set(key, kept);
      kept.catch(() => cache.get(key) === kept && cache.delete(key));
    }
    return kept;
  }
  const reusing = (factory: ConnectorFactory): ConnectorFactory => {
    // botframework-connector's factory is made for one app id; without that field, nothing is shared.
    if (!('appId' in factory)) return factory;
    const appId = String((factory as { appId?: unknown }).appId ?? '');
    return { create: (serviceUrl, audience) => keep(connectors, JSON.stringify([appId, audience ?? '', serviceUrl]), () => factory.create(serviceUrl, audience)) };
  };
  // The app id as botframework-connector takes it from the claims: the audience, else the appid claim.
  const appIdOf = (identity: ClaimsIdentity) => identity.getClaimValue(AuthenticationConstants.AudienceClaim) ?? identity.getClaimValue(AuthenticationConstants.AppIdClaim) ?? '';
  const wrapper = Object.create(auth) as BotFrameworkAuthentication;
  Object.assign(wrapper, {
    async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
      const result = await auth.authenticateRequest(activity, authHeader);
      return result.connectorFactory ? { ...result, connectorFactory: reusing(result.connectorFactory) } : result;
    },
    createConnectorFactory: (identity: ClaimsIdentity) => reusing(auth.createConnectorFactory(identity)),
    createUserTokenClient: (identity: ClaimsIdentity) => keep(userTokens, appIdOf(identity), () => auth.createUserTokenClient(identity)),
  });
  return wrapper;
}

/**
 * teams-ai's adapter, except that a failure before the turn (authentication, loading the
 * signing keys) goes to `onProcessFailure` instead of CloudAdapter.process, which would
 * print it with console.error and answer 500 for anything but an AuthenticationError.
 */
export class LeerlabAdapter extends TeamsAdapter {
  onProcessFailure?: ProcessFailureHandler;

  constructor(...args: ConstructorParameters<typeof TeamsAdapter>) {
    super(...args);
    // TeamsAdapter builds its BotFrameworkAuthentication itself; the clients it makes are shared (reuseClients).
    const self = this as unknown as { botFrameworkAuthentication: BotFrameworkAuthentication };
    self.botFrameworkAuthentication = reuseClients(self.botFrameworkAuthentication);
  }

  protected override processActivity(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined>;
  protected override processActivity(authenticateRequestResult: AuthenticateRequestResult, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined>;
  protected override processActivity(auth: string | AuthenticateRequestResult, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return holdLibraryOutput(async (output) => {
      try {
        const response = await super.processActivity(auth as string, activity, async (context) => {
          output.release();
          await logic(context);
        });
        output.flush();
        return response;
      } catch (err) {
        if (!this.onProcessFailure) {
          output.flush();
          throw err;
        }
        return this.onProcessFailure(err, activity, output.summary());
      }
    });
  }
}

/**
 * The Bot Framework adapter. With an app id, botbuilder validates every request's JWT
 * (issuer, audience, signing keys, serviceUrl); that is never switched off. Without one
 * (local mode only, see config.ts) requests are accepted unauthenticated.
 */
export function createAdapter(config: Config): LeerlabAdapter {
  const auth: ConfigurationBotFrameworkAuthenticationOptions = {
    MicrosoftAppId: config.bot.appId ?? '',
    MicrosoftAppPassword: config.bot.appPassword ?? '',
    // Without an app id botbuilder only accepts the (credential-less) MultiTenant type.
    MicrosoftAppType: config.bot.appId ? config.bot.appType : 'MultiTenant',
    MicrosoftAppTenantId: config.bot.tenantId ?? '',
  } as ConfigurationBotFrameworkAuthenticationOptions;
  if (config.bot.openIdMetadataUrl) {
    // Setting one endpoint makes botbuilder expect all of them: keep the public cloud's
    // values and replace only where the channel's signing keys are published.
    Object.assign(auth, {
      ValidateAuthority: true,
      ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
      ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
      ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
      OAuthUrl: AuthenticationConstants.OAuthUrl,
      ToBotFromChannelOpenIdMetadataUrl: config.bot.openIdMetadataUrl,
      ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
      CallerId: CallerIdConstants.PublicAzureChannel,
    });
  }
  return new LeerlabAdapter(auth);
}
