import { hc } from 'hono/client';
import type { ApiType } from '../server/app/api.ts';

/**
 * The server's API, typed from its own routes (server/app/api.ts, through
 * hono/client): paths, inputs and answers are checked by the compiler.
 * Used by api.ts (calls with a token) and auth.ts (renewing tokens).
 */
export const client = hc<ApiType>('/api');
