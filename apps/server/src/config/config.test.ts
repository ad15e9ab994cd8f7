import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './index.ts';

describe('loadConfig', () => {
  it('has defaults that run the embedded database on port 3000', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.publicUrl).toBe('http://localhost:3000');
    expect(config.registrationMode).toBe('open');
    expect(config.dataDir).toMatch(/data$/);
  });

  it('lists every problem at once, readably', () => {
    try {
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        PUBLIC_URL: 'not a url',
        REGISTRATION_MODE: 'sometimes',
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      for (const key of ['PORT', 'DATABASE_URL', 'PUBLIC_URL', 'REGISTRATION_MODE'])
        expect(problems).toContain(key);
      expect((error as Error).message).toContain('4 problem(s)');
    }
  });

  it('derives the domain from PUBLIC_URL and parses trusted proxies', () => {
    const config = loadConfig({
      PUBLIC_URL: 'https://rounds.example/',
      TRUSTED_PROXIES: '10.0.0.1, 10.0.0.2',
    });
    expect(config.publicUrl).toBe('https://rounds.example');
    expect(config.domain).toBe('rounds.example');
    expect(config.trustedProxies).toEqual(['10.0.0.1', '10.0.0.2']);
  });
});
