import { createHmac } from 'node:crypto';

export interface RegistrationMacInput {
  nonce: string;
  user: string;
  password: string;
  admin: boolean;
  secret: string;
}

/**
 * MAC for Synapse's shared-secret registration admin API (`POST /_synapse/admin/v1/register`):
 * hex HMAC-SHA1 keyed by `registration_shared_secret` over nonce, user, password and
 * `admin`/`notadmin`, separated by NUL bytes. tuwunel accepts the same call.
 */
export function registrationMac({ nonce, user, password, admin, secret }: RegistrationMacInput): string {
  const hmac = createHmac('sha1', Buffer.from(secret, 'utf8'));
  const parts = [nonce, user, password, admin ? 'admin' : 'notadmin'];
  parts.forEach((part, index) => {
    if (index > 0) hmac.update(Buffer.from([0]));
    hmac.update(Buffer.from(part, 'utf8'));
  });
  return hmac.digest('hex');
}

export interface RegistrationRequest {
  nonce: string;
  username: string;
  displayname: string;
  password: string;
  admin: boolean;
  mac: string;
}

/** Body for the POST once a nonce was fetched with `GET /_synapse/admin/v1/register`. */
export function registrationRequest(input: RegistrationMacInput & { displayName?: string }): RegistrationRequest {
  return {
    nonce: input.nonce,
    username: input.user,
    displayname: input.displayName ?? input.user,
    password: input.password,
    admin: input.admin,
    mac: registrationMac(input),
  };
}
