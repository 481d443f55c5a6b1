import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { createHash, timingSafeEqual } from 'node:crypto';
import { MAX_NAME_LENGTH } from '../../shared/access/workflow.ts';
import type { TokenService } from '../auth/tokens.ts';
import type { Logger } from '../log.ts';
import { jsonObject, textField } from './input.ts';

/** Failed sign-ins allowed per minute (all callers together) before 429. */
const MAX_FAILURES_PER_MINUTE = 10;

/**
 * `POST /api/session` { key, name }: the organiser credential configured at
 * start-up buys an organiser token for every meeting (create meetings,
 * invite people). Guessing is slowed by a global failure limit.
 */
export function sessionRoutes({
  tokens,
  organiserKey,
  ttlSeconds,
  log,
}: {
  tokens: TokenService;
  organiserKey: string;
  ttlSeconds: number;
  log: Logger;
}) {
  const app = new Hono();
  const digest = (s: string) => createHash('sha256').update(s).digest();
  const expected = digest(organiserKey);
  let failures: number[] = [];

  app.post('/', async (c) => {
    const now = Date.now();
    failures = failures.filter((t) => now - t < 60_000);
    if (failures.length >= MAX_FAILURES_PER_MINUTE) {
      throw new HTTPException(429, { message: 'too many failed sign-ins; wait a minute' });
    }
    const body = await jsonObject(c.req);
    const key = typeof body.key === 'string' ? body.key : '';
    const name = textField(body, 'name', MAX_NAME_LENGTH, true);
    if (!timingSafeEqual(digest(key), expected)) {
      failures.push(now);
      log.warn('organiser sign-in refused');
      throw new HTTPException(401, { message: 'wrong organiser key' });
    }
    const userId = `organiser:${name.toLowerCase()}`;
    const issued = await tokens.issue(
      { userId, name, role: 'organiser', meetingId: '*' },
      ttlSeconds,
    );
    log.info('organiser signed in', { name });
    return c.json({ ...issued, name, role: 'organiser' }, 201);
  });

  return app;
}
