/**
 * A minimal browser for the OpenID flow: a cookie jar (names only, no paths or expiry, enough for one
 * origin) and redirects followed by hand, so a test sees every hop. The issuer's host is the
 * community's domain, which does not resolve here: requests to it go to the manager's own address.
 */
export class OidcBrowser {
  private readonly jar = new Map<string, string>();

  constructor(
    private readonly managerUrl: string,
    private readonly domain: string,
  ) {}

  /** Sets a cookie the way a sign-in would (the manager's session cookie). */
  setCookie(header: string): void {
    for (const part of header.split(';')) {
      const [name, ...value] = part.trim().split('=');
      if (name) this.jar.set(name, value.join('='));
    }
  }

  forget(name: string): void {
    this.jar.delete(name);
  }

  /** The manager's URL for a URL on the community's apex (relative URLs are the manager's). */
  local(url: string): string {
    const parsed = new URL(url, this.managerUrl);
    return parsed.host === this.domain ? `${this.managerUrl}${parsed.pathname}${parsed.search}` : parsed.href;
  }

  /** fetch for openid-client (its customFetch): the issuer's host is served by the manager. */
  readonly fetch = (url: string, options: object): Promise<Response> => fetch(this.local(url), options);

  async get(url: string): Promise<Response> {
    const res = await fetch(this.local(url), {
      redirect: 'manual',
      headers: { cookie: [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const header of res.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const [name, ...value] = pair.split('=');
      if (value.join('=') === '') this.jar.delete(name);
      else this.jar.set(name, value.join('='));
    }
    return res;
  }

  /**
   * Follows redirects while they stay on the manager; returns the first hop that leaves it (the
   * client's redirect URI with the code) or that is not a redirect (an error page).
   */
  async follow(url: string, maxHops = 10): Promise<{ status: number; location: string | null; body: string }> {
    let next = url;
    for (let hop = 0; hop < maxHops; hop++) {
      const res = await this.get(next);
      const location = res.headers.get('location');
      if (res.status < 300 || res.status >= 400 || !location) {
        return { status: res.status, location: null, body: await res.text() };
      }
      await res.arrayBuffer();
      const target = new URL(location, this.local(next));
      const onManager = target.host === this.domain || target.href.startsWith(this.managerUrl);
      // The web app's sign-in page (`/?return=...#/login`) is where a browser without a session stops.
      if (!onManager || !target.pathname.startsWith('/oidc/')) return { status: res.status, location, body: '' };
      next = target.href;
    }
    throw new Error(`more than ${maxHops} redirects from ${url}`);
  }
}
