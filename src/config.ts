import path from 'node:path';
import { z } from 'zod';

/**
 * The only module that reads the environment. Everything else gets a typed Config.
 * Validation fails fast with one line that says what is wrong, so a misconfigured
 * deployment stops at start instead of misbehaving later.
 */

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = z.preprocess(emptyToUndefined, z.string().trim().optional());

const envSchema = z.object({
  PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(65535).default(3978)),
  HOST: optionalString,
  DATA_DIR: z.preprocess(emptyToUndefined, z.string().default('./data')),
  DATABASE_URL: z.preprocess(
    emptyToUndefined,
    z.string().regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// or postgresql://').optional(),
  ),
  MicrosoftAppId: optionalString,
  MicrosoftAppPassword: optionalString,
  MicrosoftAppType: z.preprocess(
    emptyToUndefined,
    z.enum(['SingleTenant', 'MultiTenant', 'UserAssignedMSI']).default('SingleTenant'),
  ),
  MicrosoftAppTenantId: optionalString,
  ALLOWED_TENANTS: optionalString,
  LOG_LEVEL: z.preprocess(emptyToUndefined, z.enum(LOG_LEVELS).default('info')),
  NODE_ENV: z.preprocess(emptyToUndefined, z.string().default('development')),
  PUBLIC_BASE_URL: z.preprocess(emptyToUndefined, z.string().url().optional()),
  ToBotFromChannelOpenIdMetadataUrl: z.preprocess(emptyToUndefined, z.string().url().optional()),
  JOB_POLL_MS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(50).max(60_000).default(1000)),
  JOB_RUNNER: z.preprocess((v) => (typeof v === 'string' ? emptyToUndefined(v.trim().toLowerCase()) : v), z.enum(['on', 'off']).default('on')),
  TENANT_RATE_PER_SECOND: z.preprocess(emptyToUndefined, z.coerce.number().positive().max(50).default(40)),
  HTTP_HEADERS_TIMEOUT_MS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(100).max(120_000).default(10_000)),
  HTTP_REQUEST_TIMEOUT_MS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(100).max(300_000).default(15_000)),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(100).max(120_000).default(5_000)),
  HTTP_MAX_CONNECTIONS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(100_000).default(1_000)),
  HTTP_TIMEOUT_CHECK_MS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(10).max(30_000).default(1_000)),
  // Retention (AVG art. 5(1)(e)): how long each kind of data is kept; env.sample explains each.
  RETENTION_PARTNERSHIP_DAYS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(365).default(30)),
  RETENTION_ANSWERS_MONTHS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(120).default(24)),
  RETENTION_LEFT_MEMBERS_DAYS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(365).default(30)),
  RETENTION_HANDLED_DAYS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(90).default(7)),
  // At least 2 minutes: Teams retries an unanswered invoke after about 15 seconds, a few times.
  RETENTION_HANDLED_RESPONSE_MINUTES: z.preprocess(emptyToUndefined, z.coerce.number().int().min(2).max(24 * 60).default(10)),
  RETENTION_OPERATIONAL_DAYS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(365).default(30)),
  RETENTION_AUDIT_MONTHS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(120).default(12)),
});

export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Config {
  port: number;
  host: string;
  /** Local mode: no credentials, not production. Requests are not authenticated. */
  localMode: boolean;
  production: boolean;
  dataDir: string;
  database: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };
  bot: {
    appId?: string;
    appPassword?: string;
    appType: 'SingleTenant' | 'MultiTenant' | 'UserAssignedMSI';
    tenantId?: string;
    /** Only set to point JWT validation at another OpenID document (sovereign clouds, tests). */
    openIdMetadataUrl?: string;
  };
  /** Empty means every tenant is accepted: local mode without a tenant id, or ALLOWED_TENANTS=*. */
  allowedTenants: string[];
  logLevel: LogLevel;
  /** Base URL for links the bot serves itself (downloads). */
  publicBaseUrl: string;
  jobPollMs: number;
  /**
   * Whether this process polls for due jobs. Off: it only answers Teams, and due jobs wait for
   * a process that has it on (jobs live in the database) or for an explicit runDue().
   */
  jobRunner: boolean;
  tenantRatePerSecond: number;
  http: HttpLimits;
  retention: RetentionPeriods;
}

/** How long the bot keeps each kind of data (the daily retention job, src/retention/). */
export interface RetentionPeriods {
  /** A partnership whose Team removed the bot is deleted this many days later. */
  partnershipDays: number;
  /** Raw reflection answers and comments, counted from the run's close (its figures stay). */
  answersMonths: number;
  /** Personal data of members who left the Team (erased through the member erase hook). */
  leftMembersDays: number;
  /** The record of handled activities (deduplication of Teams' retries). */
  handledDays: number;
  /** The stored invoke answer of a handled activity: only as long as Teams may retry. */
  handledResponseMinutes: number;
  /** Finished and failed jobs, sent reminder slots. */
  operationalDays: number;
  /** The audit log. */
  auditMonths: number;
}

/** Limits on the HTTP edge, so slow or idle clients cannot hold sockets for long. */
export interface HttpLimits {
  /** All request headers must arrive within this. */
  headersTimeoutMs: number;
  /** The whole request (headers and body) must arrive within this. */
  requestTimeoutMs: number;
  /** An idle keep-alive socket is closed after this. */
  keepAliveTimeoutMs: number;
  /** Sockets beyond this many are refused. */
  maxConnections: number;
  /** How often Node checks the two timeouts above (its default is every 30 s). */
  timeoutCheckMs: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`Invalid configuration: ${issue.path.join('.')}: ${issue.message}`);
  }
  const e = parsed.data;
  // Hosting panels write "Production" as often as "production"; both mean production.
  const production = e.NODE_ENV.trim().toLowerCase() === 'production';
  const hasCredentials = Boolean(e.MicrosoftAppId);

  if (production) {
    const missing: string[] = [];
    if (!e.MicrosoftAppId) missing.push('MicrosoftAppId');
    if (e.MicrosoftAppType !== 'UserAssignedMSI' && !e.MicrosoftAppPassword) missing.push('MicrosoftAppPassword');
    if (e.MicrosoftAppType !== 'MultiTenant' && !e.MicrosoftAppTenantId) missing.push('MicrosoftAppTenantId');
    if (missing.length > 0) {
      throw new ConfigError(
        `NODE_ENV=production needs bot credentials; missing: ${missing.join(', ')} (see env.sample).`,
      );
    }
  } else if (hasCredentials && e.MicrosoftAppType === 'SingleTenant' && !e.MicrosoftAppTenantId) {
    throw new ConfigError('MicrosoftAppType=SingleTenant needs MicrosoftAppTenantId (see env.sample).');
  }

  const localMode = !hasCredentials && !production;
  const dataDir = path.resolve(e.DATA_DIR);
  // Local mode accepts unauthenticated requests, so it must never be reachable from outside.
  const host = localMode ? '127.0.0.1' : (e.HOST ?? '0.0.0.0');
  const listed = (e.ALLOWED_TENANTS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  // "*" is the explicit choice for any tenant; it cannot be combined with a list.
  const anyTenant = listed.length === 1 && listed[0] === '*';
  if (listed.includes('*') && !anyTenant) {
    throw new ConfigError('ALLOWED_TENANTS is either * (any tenant) or a list of tenant ids, not both (see env.sample).');
  }
  const allowedTenants = anyTenant ? [] : listed;
  // The bot's own tenant is the safe default whatever the app type: a MultiTenant or MSI
  // registration does not mean the school wants requests from every tenant.
  if (!anyTenant && allowedTenants.length === 0 && e.MicrosoftAppTenantId) allowedTenants.push(e.MicrosoftAppTenantId);
  if (production && !anyTenant && allowedTenants.length === 0) {
    throw new ConfigError(
      'NODE_ENV=production needs ALLOWED_TENANTS or MicrosoftAppTenantId; set ALLOWED_TENANTS=* to accept every tenant on purpose (see env.sample).',
    );
  }
  if (e.HTTP_HEADERS_TIMEOUT_MS > e.HTTP_REQUEST_TIMEOUT_MS) {
    throw new ConfigError('HTTP_HEADERS_TIMEOUT_MS must not be larger than HTTP_REQUEST_TIMEOUT_MS (see env.sample).');
  }

  return {
    port: e.PORT,
    host,
    localMode,
    production,
    dataDir,
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL }
      : { kind: 'sqlite', file: path.join(dataDir, 'leerlab.db') },
    bot: {
      appId: e.MicrosoftAppId,
      appPassword: e.MicrosoftAppPassword,
      appType: e.MicrosoftAppType,
      tenantId: e.MicrosoftAppTenantId,
      openIdMetadataUrl: e.ToBotFromChannelOpenIdMetadataUrl,
    },
    allowedTenants,
    logLevel: e.LOG_LEVEL,
    publicBaseUrl: (e.PUBLIC_BASE_URL ?? `http://${host === '0.0.0.0' ? 'localhost' : host}:${e.PORT}`).replace(/\/$/, ''),
    jobPollMs: e.JOB_POLL_MS,
    jobRunner: e.JOB_RUNNER === 'on',
    tenantRatePerSecond: e.TENANT_RATE_PER_SECOND,
    http: {
      headersTimeoutMs: e.HTTP_HEADERS_TIMEOUT_MS,
      requestTimeoutMs: e.HTTP_REQUEST_TIMEOUT_MS,
      keepAliveTimeoutMs: e.HTTP_KEEP_ALIVE_TIMEOUT_MS,
      maxConnections: e.HTTP_MAX_CONNECTIONS,
      timeoutCheckMs: e.HTTP_TIMEOUT_CHECK_MS,
    },
    retention: {
      partnershipDays: e.RETENTION_PARTNERSHIP_DAYS,
      answersMonths: e.RETENTION_ANSWERS_MONTHS,
      leftMembersDays: e.RETENTION_LEFT_MEMBERS_DAYS,
      handledDays: e.RETENTION_HANDLED_DAYS,
      handledResponseMinutes: e.RETENTION_HANDLED_RESPONSE_MINUTES,
      operationalDays: e.RETENTION_OPERATIONAL_DAYS,
      auditMonths: e.RETENTION_AUDIT_MONTHS,
    },
  };
}
