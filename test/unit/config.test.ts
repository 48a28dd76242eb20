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
});
