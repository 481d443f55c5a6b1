/**
 * Websocket close codes the server uses. Codes 4400-4499 tell the stock
 * y-websocket provider not to reconnect (reconnecting cannot fix them);
 * everything else is retried with backoff. Referat's client renews its
 * token and reconnects after 4401 itself.
 */
export const CLOSE_GOING_AWAY = 1001; // server shutting down; reconnect
export const CLOSE_MESSAGE_TOO_BIG = 1009; // frame above the configured limit
export const CLOSE_INTERNAL_ERROR = 1011; // the meeting could not be loaded; retry
export const CLOSE_TRY_LATER = 1013; // too much at once (unread data, update volume); reconnect later
export const CLOSE_BAD_MESSAGE = 4400; // undecodable, truncated or unknown message
export const CLOSE_TOKEN_EXPIRED = 4401; // the access token expired while open; renew and reconnect
export const CLOSE_NO_ACCESS = 4403; // no valid token for this meeting, or its invite was revoked
export const CLOSE_UNKNOWN_MEETING = 4404;
export const CLOSE_INVALID_MEETING_ID = 4406;
export const CLOSE_MEETING_DAMAGED = 4409; // stored content unreadable: shown read-only over REST
export const CLOSE_INVALID_UPDATE = 4422; // repeated updates outside the layout or limits
export const CLOSE_TOO_MANY = 4429; // flooding: too many refused writes or presence updates

export const CLOSE_REASONS: Record<number, string> = {
  [CLOSE_GOING_AWAY]: 'server shutting down',
  [CLOSE_MESSAGE_TOO_BIG]: 'message too big',
  [CLOSE_INTERNAL_ERROR]: 'meeting could not be loaded',
  [CLOSE_TRY_LATER]: 'too much at once; try again later',
  [CLOSE_BAD_MESSAGE]: 'bad message',
  [CLOSE_TOKEN_EXPIRED]: 'token expired',
  [CLOSE_NO_ACCESS]: 'no access',
  [CLOSE_UNKNOWN_MEETING]: 'unknown meeting',
  [CLOSE_INVALID_MEETING_ID]: 'invalid meeting id',
  [CLOSE_MEETING_DAMAGED]: 'meeting damaged; read-only',
  [CLOSE_INVALID_UPDATE]: 'invalid updates',
  [CLOSE_TOO_MANY]: 'too many messages',
};
