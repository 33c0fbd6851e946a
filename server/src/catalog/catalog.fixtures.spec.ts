/** Shared test context for catalog and engine specs (a .spec file so it never ships in the build). */
import type { ApplianceSettings, RenderContext, SecretKey, SmtpSettings } from './catalog.types';
import { SECRET_KEYS } from './catalog.types';
import { profileFor } from './machine-profile';

export function testSecrets(): Record<SecretKey, string> {
  const secrets = {} as Record<SecretKey, string>;
  for (const key of SECRET_KEYS) secrets[key] = `secret-${key}`;
  secrets.synapseSigningKey = 'ed25519 a_AbCd 7Xq3aGlbMrVVhhbTRVsdTfN1xYqO1VnEqFvnvAoBtBo';
  return secrets;
}

export function testSettings(overrides: Partial<ApplianceSettings> = {}): ApplianceSettings {
  return {
    applianceId: 'tl1',
    domain: 'example.org',
    communityName: 'La Fabrique',
    adminUsername: 'camille',
    tls: 'acme',
    federation: { mode: 'open', allowedDomains: [] },
    maxUploadMb: 50,
    smtp: undefined,
    pad: { allowAnonymous: true, allowRegister: false },
    ...overrides,
  };
}

export function testContext(overrides: Partial<ApplianceSettings> = {}): RenderContext {
  return {
    settings: testSettings(overrides),
    secrets: testSecrets(),
    profile: profileFor({ totalMemoryBytes: 2 * 1024 ** 3, arch: 'arm64' }),
  };
}

/** A relay with STARTTLS and a sign-in, as the dashboard's mail settings give it. */
export const TEST_SMTP: SmtpSettings = {
  host: 'smtp.example.org',
  port: 587,
  security: 'starttls',
  username: 'relay-user',
  password: 'relay-secret',
  from: 'bonjour@fabrique.example.org',
  fromName: 'La Fabrique',
};
