import { HTTPException } from 'hono/http-exception';

/** A string field of a JSON body, trimmed; 400 if it is not a string, missing when required, or too long. */
export function textField(
  body: Record<string, unknown>,
  name: string,
  max: number,
  required: boolean,
): string {
  const value = body[name];
  if (value === undefined && !required) return '';
  if (typeof value !== 'string')
    throw new HTTPException(400, { message: `${name} must be a string` });
  const trimmed = value.trim();
  if (required && trimmed === '') throw new HTTPException(400, { message: `${name} is required` });
  if (trimmed.length > max)
    throw new HTTPException(400, { message: `${name} is longer than ${max} characters` });
  return trimmed;
}

/** The request body as a JSON object, or 400. */
export async function jsonObject(req: {
  json(): Promise<unknown>;
}): Promise<Record<string, unknown>> {
  let body: unknown;
  try {
    body = await req.json();
  } catch {
    throw new HTTPException(400, { message: 'body must be JSON' });
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HTTPException(400, { message: 'body must be a JSON object' });
  }
  return body as Record<string, unknown>;
}
