/**
 * The one shape of every error answer of the API: an English `error` for
 * logs and developers, and a stable `code` the client shows in the reader's
 * language (client/i18n, `error_<code>`), so no server sentence reaches a
 * user untranslated.
 */
export interface ErrorBody {
  error: string;
  code: ErrorCode;
  /** For 401: why the token was refused (`expired` tells the client to renew it). */
  reason?: string;
}

export const ERROR_CODES = [
  // by status, when nothing more specific applies
  'invalidInput',
  'unauthorized',
  'forbidden',
  'notFound',
  'conflict',
  'gone',
  'tooLarge',
  'unsupportedType',
  'unprocessable',
  'tooMany',
  'busy',
  'storage',
  'internal',
  // specific refusals a user can act on
  'tokenExpired',
  'wrongKey',
  'signInWait',
  'inviteRevoked',
  'linkReplaced',
  'notForThisMeeting',
  'organiserOnly',
  'phaseForbids',
  'meetingReadOnly',
  'approversFixed',
  'notApprover',
  'contentChanged',
  'versionFailedCheck',
  'commentsFull',
  'commentsTooFast',
  'versionsFull',
  'versionsTooFast',
  'exportsRunning',
  'downloadUsed',
  'nothingRecognised',
  'unreadableFile',
  // identity: invitation claims, sign-in through an identity provider, step-up
  'inviteClaimed',
  'claimRequired',
  'proofInvalid',
  'signInRequired',
  'inviteForSomeoneElse',
  'stepUpRequired',
  'unknownIssuer',
  'signInFailed',
  'signInExpired',
  'emailUnverified',
  'notOnInvitation',
  'csrf',
  'emailFixed',
  'noEmail',
  'outboxFull',
  'mailTooLarge',
  'rosterExists',
  'rosterFull',
  'emailOnRoster',
  'datesReversed',
  'notOnRoster',
  'noParticipant',
  'bilagType',
  'bilagEmpty',
  'bilagTooLarge',
  'bilagFull',
  'bilagClosed',
  'bilagDamaged',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
