/** A valid wizard submission; tests change one field at a time from here. */
export function setupPayload(setupToken: string) {
  return {
    setupToken,
    language: 'fr',
    community: { name: 'La Fabrique du Coin', color: '#2f7d5b' },
    domain: 'fabrique.example.org',
    admin: { username: 'camille', email: 'camille@example.org', password: 'correct horse battery staple' },
    features: ['chat', 'pad'],
  };
}

/** Collects Set-Cookie values into a Cookie header and the CSRF token a browser would echo. */
export function sessionFrom(setCookie: string[] | string | undefined): { cookie: string; csrf: string } {
  const list = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const pairs = list.map((c) => c.split(';')[0]);
  const csrfPair = pairs.find((p) => /^(__Host-)?tl_csrf=/.test(p));
  const csrf = csrfPair?.slice(csrfPair.indexOf('=') + 1) ?? '';
  return { cookie: pairs.join('; '), csrf };
}
