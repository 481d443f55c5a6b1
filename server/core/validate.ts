import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import type { ZodType } from 'zod';
import { AppError } from './errors.ts';

/**
 * @hono/zod-validator with the API's one error shape: a request that does
 * not fit its schema is answered 400 `{ error, code: 'invalidInput' }`,
 * naming the field and what is wrong with it.
 */
export function valid<T extends ZodType, Target extends keyof ValidationTargets>(
  target: Target,
  schema: T,
) {
  return zValidator(target, schema, (result) => {
    if (result.success) return;
    const issue = result.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
    throw new AppError(400, 'invalidInput', `${where}${issue?.message ?? 'invalid input'}`, {
      issues: result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  });
}
