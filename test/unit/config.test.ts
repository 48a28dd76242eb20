import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('config', () => {
  it('runs in local mode with nothing set: SQLite under ./data, 127.0.0.1, port 3978', () => {
    const c = loadConfig({});
    expect(c.localMode).toBe(true);
    expect(c.host).toBe('127.0.0.1');
    expect(c.port).toBe(3978);
    expect(c.database).toEqual({ kind: 'sqlite', file: path.resolve('data', 'leerlab.db') });
    expect(c.allowedTenants).toEqual([]);
  });

  it('never listens beyond loopback in local mode, even when HOST says so', () => {
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('127.0.0.1');
  });

  it('refuses production without credentials with one clear line', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      'NODE_ENV=production needs bot credentials; missing: MicrosoftAppId, MicrosoftAppPassword, MicrosoftAppTenantId (see env.sample).',
    );
    expect(() => loadConfig({ NODE_ENV: 'production', MicrosoftAppId: 'x', MicrosoftAppType: 'UserAssignedMSI' })).toThrow(
      'missing: MicrosoftAppTenantId',
    );
  });

  it('uses PostgreSQL with DATABASE_URL and takes the single tenant as the allowed tenant', () => {
    const c = loadConfig({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test',
      MicrosoftAppId: 'app',
      MicrosoftAppPassword: 'secret',
      MicrosoftAppTenantId: 'tenant-a',
      HOST: '0.0.0.0',
      PORT: '8080',
    });
    expect(c.localMode).toBe(false);
    expect(c.database).toEqual({ kind: 'postgres', url: 'postgres://postgres@127.0.0.1:5432/test' });
    expect(c.allowedTenants).toEqual(['tenant-a']);
    expect(c.host).toBe('0.0.0.0');
    expect(c.port).toBe(8080);
  });

  it('parses ALLOWED_TENANTS and rejects nonsense values', () => {
    expect(loadConfig({ ALLOWED_TENANTS: ' a, b ,,c ' }).allowedTenants).toEqual(['a', 'b', 'c']);
    expect(() => loadConfig({ PORT: 'abc' })).toThrow('Invalid configuration: PORT');
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow('DATABASE_URL must start with postgres://');
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow('Invalid configuration: LOG_LEVEL');
  });

  it('reads NODE_ENV without regard to case', () => {
    const creds = { MicrosoftAppId: 'app', MicrosoftAppPassword: 'secret', MicrosoftAppTenantId: 'tenant-a' };
    expect(loadConfig({ NODE_ENV: 'Production', ...creds }).production).toBe(true);
    expect(loadConfig({ NODE_ENV: ' PRODUCTION ', ...creds }).production).toBe(true);
    expect(() => loadConfig({ NODE_ENV: 'Production' })).toThrow('NODE_ENV=production needs bot credentials');
    expect(loadConfig({ NODE_ENV: 'productie' }).production).toBe(false);
  });

  it('allows the bot\'s own tenant by default for every app type', () => {
    const base = { MicrosoftAppId: 'app', MicrosoftAppPassword: 'secret', MicrosoftAppTenantId: 'tenant-a' };
    for (const type of ['SingleTenant', 'MultiTenant', 'UserAssignedMSI']) {
      expect(loadConfig({ ...base, MicrosoftAppType: type }).allowedTenants).toEqual(['tenant-a']);
    }
    expect(loadConfig({ ...base, MicrosoftAppType: 'MultiTenant', ALLOWED_TENANTS: 'b,c' }).allowedTenants).toEqual(['b', 'c']);
  });

  it('refuses production with an empty allow-list unless ALLOWED_TENANTS=* says so on purpose', () => {
    const multi = { NODE_ENV: 'production', MicrosoftAppId: 'app', MicrosoftAppPassword: 'secret', MicrosoftAppType: 'MultiTenant' };
    expect(() => loadConfig(multi)).toThrow(
      'NODE_ENV=production needs ALLOWED_TENANTS or MicrosoftAppTenantId; set ALLOWED_TENANTS=* to accept every tenant on purpose (see env.sample).',
    );
    expect(loadConfig({ ...multi, ALLOWED_TENANTS: '*' }).allowedTenants).toEqual([]);
    expect(loadConfig({ ...multi, ALLOWED_TENANTS: ' * ' }).allowedTenants).toEqual([]);
    expect(() => loadConfig({ ...multi, ALLOWED_TENANTS: '*,tenant-b' })).toThrow('ALLOWED_TENANTS is either * (any tenant) or a list of tenant ids, not both');
  });

  it('has 10 s for headers and 15 s for a whole request by default, and refuses a header limit above the request limit', () => {
    expect(loadConfig({}).http).toEqual({ headersTimeoutMs: 10_000, requestTimeoutMs: 15_000, keepAliveTimeoutMs: 5_000, maxConnections: 1_000, timeoutCheckMs: 1_000 });
    expect(() => loadConfig({ HTTP_HEADERS_TIMEOUT_MS: '20000' })).toThrow('HTTP_HEADERS_TIMEOUT_MS must not be larger than HTTP_REQUEST_TIMEOUT_MS');
    expect(() => loadConfig({ HTTP_MAX_CONNECTIONS: '0' })).toThrow('Invalid configuration: HTTP_MAX_CONNECTIONS');
  });

  it('retention periods: the defaults of env.sample, each settable, nonsense refused at start', () => {
    expect(loadConfig({}).retention).toEqual({ partnershipDays: 30, answersMonths: 24, leftMembersDays: 30, handledDays: 7, handledResponseMinutes: 10, operationalDays: 30, auditMonths: 12 });
    expect(loadConfig({ RETENTION_PARTNERSHIP_DAYS: '14', RETENTION_AUDIT_MONTHS: '6' }).retention).toMatchObject({ partnershipDays: 14, auditMonths: 6 });
    expect(() => loadConfig({ RETENTION_ANSWERS_MONTHS: 'altijd' })).toThrow('Invalid configuration: RETENTION_ANSWERS_MONTHS');
    // Shorter than Teams' retries would give a retried click a neutral line instead of its answer.
    expect(() => loadConfig({ RETENTION_HANDLED_RESPONSE_MINUTES: '1' })).toThrow('Invalid configuration: RETENTION_HANDLED_RESPONSE_MINUTES');
  });
});
