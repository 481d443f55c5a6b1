import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import type { OidcIssuerConfig } from '../../server/core/config.ts';

/** A test account at the provider: who signs in with login `id`. */
export interface TestAccount {
  email: string;
  name: string;
  organisation?: string;
  groups?: string[];
  /** What the provider says of the e-mail (default true). */
  emailVerified?: boolean;
}

export const SECRETARIAT_GROUP = 'referat-sekretariat';
const CLIENT_ID = 'referat';
const CLIENT_SECRET = 'test-client-secret-0123456789abcdef';

/**
 * A real OpenID Connect provider on loopback: the certified oidc-provider
 * package with its own login page (devInteractions: any password, the login
 * names the account), test accounts, and one client, Referat, whose redirect
 * URI is set once Referat listens (`register`). Consent is granted for
 * Referat without asking, as an organisation's own provider does for its
 * own applications.
 */
export async function startOidcProvider(accounts: Record<string, TestAccount>) {
  const http: Server = createServer();
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  let provider: Provider | null = null;
  // Its own signing key (not the package's development key).
  const signing = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
    format: 'jwk',
  });
  const jwks = { keys: [{ ...signing, kid: 'test-signing', use: 'sig', alg: 'RS256' }] };
  // One listener, answering with the provider of the latest registration.
  http.on('request', (req, res) => {
    if (provider) provider.callback()(req, res);
    else res.writeHead(503).end();
  });

  return {
    issuer,
    /** What Referat's REFERAT_OIDC entry for this provider says. */
    config(overrides: Partial<OidcIssuerConfig> = {}): OidcIssuerConfig {
      return {
        id: 'test',
        label: 'Testregionens login',
        issuer,
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
        scope: 'openid email profile',
        claims: { organisation: 'organisation' },
        secretariat: { claim: 'groups', value: SECRETARIAT_GROUP },
        allowInsecure: true,
        ...overrides,
      };
    },
    /**
     * Starts answering, with Referat's redirect URI registered. Without
     * `requireAuthTime` the id token says when the person authenticated only
     * when asked to (max_age), as Entra ID does.
     */
    register(redirectUri: string, { requireAuthTime = true } = {}) {
      provider = new Provider(issuer, {
        clients: [
          {
            client_id: CLIENT_ID,
            client_secret: CLIENT_SECRET,
            redirect_uris: [redirectUri],
            grant_types: ['authorization_code'],
            response_types: ['code'],
            require_auth_time: requireAuthTime,
          },
        ],
        jwks,
        pkce: { required: () => true },
        conformIdTokenClaims: false,
        claims: {
          openid: ['sub'],
          email: ['email', 'email_verified'],
          profile: ['name', 'organisation', 'groups'],
        },
        cookies: { keys: ['test-cookie-key-0123456789'] },
        async findAccount(_ctx, sub) {
          const account = accounts[sub];
          if (!account) return undefined;
          return {
            accountId: sub,
            claims: async () => ({
              sub,
              email: account.email,
              email_verified: account.emailVerified ?? true,
              name: account.name,
              organisation: account.organisation ?? '',
              groups: account.groups ?? [],
            }),
          };
        },
        async loadExistingGrant(ctx) {
          const { oidc } = ctx;
          const grantId =
            oidc.result?.consent?.grantId ?? oidc.session!.grantIdFor(oidc.client!.clientId);
          if (grantId) return oidc.provider.Grant.find(grantId);
          const grant = new oidc.provider.Grant({
            clientId: oidc.client!.clientId,
            accountId: oidc.session!.accountId,
          });
          grant.addOIDCScope('openid email profile');
          await grant.save();
          return grant;
        },
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}
export type TestOidcProvider = Awaited<ReturnType<typeof startOidcProvider>>;

/** Cookies per origin, as a browser keeps them (enough for these flows). */
export class CookieJar {
  private readonly jar = new Map<string, Map<string, string>>();

  take(url: string, res: Response) {
    const origin = new URL(url).origin;
    const cookies = this.jar.get(origin) ?? new Map<string, string>();
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) cookies.delete(name);
      else cookies.set(name, value);
    }
    this.jar.set(origin, cookies);
  }

  header(url: string): string {
    const cookies = this.jar.get(new URL(url).origin);
    return cookies ? [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') : '';
  }

  get(url: string, name: string): string | undefined {
    return this.jar.get(new URL(url).origin)?.get(name);
  }
}

/** One request as a browser makes it: its cookies sent, the answer's kept; no redirects followed. */
export async function browse(
  jar: CookieJar,
  url: string,
  init: {
    method?: string;
    form?: Record<string, string>;
    headers?: Record<string, string>;
    body?: string;
  } = {},
): Promise<Response> {
  const res = await fetch(url, {
    method: init.method ?? (init.form ? 'POST' : 'GET'),
    redirect: 'manual',
    headers: {
      cookie: jar.header(url),
      ...(init.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      ...init.headers,
    },
    body: init.form ? new URLSearchParams(init.form).toString() : init.body,
  });
  jar.take(url, res);
  return res;
}

/**
 * Signs in through Referat and the provider as a browser would: Referat's
 * /auth/login, the provider's login page (the account's login and any
 * password), back to Referat's callback. Stops before the callback when
 * `stopAtCallback` (to tamper with it) and answers its URL; otherwise
 * answers the callback's response (a redirect, the session cookie set).
 */
export async function signInAt(
  jar: CookieJar,
  referatBase: string,
  login: string,
  options: {
    returnTo?: string;
    stepUp?: boolean;
    issuerId?: string;
    stopAtCallback?: boolean;
  } = {},
): Promise<{ callbackUrl: string; response: Response | null }> {
  const query = new URLSearchParams({
    returnTo: options.returnTo ?? '/',
    ...(options.stepUp ? { stepUp: '1' } : {}),
  });
  let url = `${referatBase}/auth/login/${options.issuerId ?? 'test'}?${query}`;
  let res = await browse(jar, url);
  for (let hops = 0; hops < 12; hops++) {
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      url = new URL(location, url).href;
      if (url.startsWith(`${referatBase}/auth/callback`)) {
        if (options.stopAtCallback) return { callbackUrl: url, response: null };
        return { callbackUrl: url, response: await browse(jar, url) };
      }
      res = await browse(jar, url);
      continue;
    }
    const page = await res.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(page)?.[1];
    if (!action || !/name="login"/.test(page)) {
      throw new Error(`unexpected provider page (${res.status}) at ${url}: ${page.slice(0, 300)}`);
    }
    url = new URL(action.replace(/&amp;/g, '&'), url).href;
    res = await browse(jar, url, { form: { prompt: 'login', login, password: 'any' } });
  }
  throw new Error('sign-in did not come back to Referat');
}
