import type { ClientRequestOptions, ClientResponse, InferRequestType } from 'hono/client';
import { DOCX_MEDIA_TYPE } from '../shared/api/media.ts';
import type { BilagFile } from '../shared/access/workflow.ts';
import type { ErrorBody, ErrorCode } from '../shared/api/errors.ts';
import type { ExportFormat } from '../shared/exportFormats.ts';
import type { Phase } from '../shared/meeting.ts';
import { client } from './apiClient.ts';
import { accessToken, signIn, signInUrl } from './auth.ts';
import { deviceMessage, deviceSign } from './deviceKey.ts';

/** A refused request: the HTTP status and the stable code the UI turns into a sentence. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Throws the answer's ApiError unless it is a success. */
async function checked(res: Response): Promise<Response> {
  if (res.ok) return res;
  const body = (await res.json().catch(() => ({}))) as Partial<ErrorBody>;
  throw new ApiError(res.status, body.code ?? 'internal', body.error ?? `HTTP ${res.status}`);
}

/**
 * One typed call: `send` gets the request options (the Authorization
 * header); a 401 renews the token once; a refusal throws ApiError; a
 * success gives the route's JSON, typed as the route answers it.
 */
async function call<T>(
  meetingId: string | undefined,
  send: (options: ClientRequestOptions) => Promise<ClientResponse<T>>,
): Promise<T> {
  let res = await send(withToken(await accessToken(meetingId)));
  if (res.status === 401) {
    const renewed = await accessToken(meetingId, { renew: true });
    if (renewed) res = await send(withToken(renewed));
  }
  await checked(res as unknown as Response);
  return (await res.json()) as T;
}

const meeting = client.meetings[':id'];
const roster = client.rosters[':forumId'];
const rosterMember = roster.members[':memberId'];

/** `call` for an answer that is a file: its bytes and the name the server gives it. */
async function fileCall(
  meetingId: string,
  send: (options: ClientRequestOptions) => Promise<ClientResponse<unknown>>,
): Promise<{ blob: Blob; name: string }> {
  let res = (await send(withToken(await accessToken(meetingId)))) as unknown as Response;
  if (res.status === 401) {
    const renewed = await accessToken(meetingId, { renew: true });
    if (renewed) res = (await send(withToken(renewed))) as unknown as Response;
  }
  await checked(res);
  return { blob: await res.blob(), name: fileNameOf(res.headers.get('content-disposition')) };
}

const withToken = (token: string | null): ClientRequestOptions => ({
  headers: token ? { authorization: `Bearer ${token}` } : {},
});

/** The name in a Content-Disposition: RFC 5987 `filename*` (UTF-8) first, else `filename`. */
export function fileNameOf(disposition: string | null): string {
  const extended = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '')?.[1];
  if (extended) {
    try {
      return decodeURIComponent(extended);
    } catch {
      // fall through to the plain name
    }
  }
  return /filename="([^"]*)"/i.exec(disposition ?? '')?.[1] ?? 'fil';
}

/** Saves a fetched file the way a download link would (a blob URL, revoked after). */
export function saveFile({ blob, name }: { blob: Blob; name: string }) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Uploads a file as a bilag of an item: the bytes as the body (the server
 * decides the type from them), with progress (`onProgress`, 0..1), through
 * XMLHttpRequest since fetch reports no upload progress. A 401 renews the
 * token once.
 */
export async function uploadBilag(
  meetingId: string,
  itemId: string,
  file: File,
  onProgress: (fraction: number) => void,
): Promise<BilagFile> {
  const send = (token: string | null) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      const query = new URLSearchParams({ item: itemId, name: file.name });
      xhr.open('POST', `/api/meetings/${encodeURIComponent(meetingId)}/bilag?${query}`);
      if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
      xhr.setRequestHeader('content-type', 'application/octet-stream');
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable) onProgress(e.loaded / e.total);
      };
      xhr.onload = () => resolve({ status: xhr.status, body: xhr.responseText });
      xhr.onerror = () => reject(new TypeError('network'));
      xhr.send(file);
    });
  let res = await send(await accessToken(meetingId));
  if (res.status === 401) {
    const renewed = await accessToken(meetingId, { renew: true });
    if (renewed) res = await send(renewed);
  }
  let body: Partial<ErrorBody> & { bilag?: BilagFile } = {};
  try {
    body = JSON.parse(res.body);
  } catch {
    // not JSON: a proxy's page
  }
  if (res.status !== 201 || !body.bilag) {
    throw new ApiError(res.status, body.code ?? 'internal', body.error ?? `HTTP ${res.status}`);
  }
  return body.bilag;
}

export const api = {
  signIn: (key: string, name: string) =>
    call(undefined, (o) => client.session.$post({ json: { key, name } }, o)),
  listMeetings: () => call(undefined, (o) => client.meetings.$get({}, o)),
  /** Through the identity provider (the session cookie): the meetings the person is invited to. */
  myMeetings: async () => {
    const res = await client.session.meetings.$get();
    await checked(res as unknown as Response);
    return res.json();
  },
  getMeeting: (id: string) => call(id, (o) => meeting.$get({ param: { id } }, o)),
  /** The meeting as checked JSON of the shared schema (what a damaged meeting is shown from). */
  document: (id: string) => call(id, (o) => meeting.document.$get({ param: { id } }, o)),
  /** A new meeting: blank, from a template, or (`from`) as the next meeting of an earlier one. */
  createMeeting: (fields: JsonOf<typeof client.meetings.$post>) =>
    call(undefined, (o) => client.meetings.$post({ json: fields }, o)),
  /**
   * An agenda or minutes as a new meeting: plain text, or a Word file's
   * bytes. Answers the meeting and the lines kept as text to check.
   */
  importMeeting: (body: string | ArrayBuffer, docx: boolean) =>
    call(undefined, (o) =>
      client.meetings.import.$post(
        { query: {} },
        {
          headers: {
            ...(o.headers as Record<string, string>),
            'content-type': docx ? DOCX_MEDIA_TYPE : 'text/plain',
          },
          init: { body },
        },
      ),
    ),
  setPhase: (id: string, to: Phase) =>
    call(id, (o) => meeting.phase.$post({ param: { id }, json: { to } }, o)),
  invites: (id: string) => call(id, (o) => meeting.invites.$get({ param: { id } }, o)),
  invite: (id: string, fields: JsonOf<typeof meeting.invites.$post>) =>
    call(id, (o) => meeting.invites.$post({ param: { id }, json: fields }, o)),
  /** A new link for the invite; the earlier ones stop working. */
  inviteLink: (id: string, inviteId: string) =>
    call(id, (o) => meeting.invites[':inviteId'].link.$post({ param: { id, inviteId } }, o)),
  /** Mails the invitation with a new personal link (the earlier link stops working). */
  mailInvite: (id: string, inviteId: string) =>
    call(id, (o) => meeting.invites[':inviteId'].mail.$post({ param: { id, inviteId } }, o)),
  /** The meeting's mails and their delivery per recipient. */
  mails: (id: string) => call(id, (o) => meeting.mails.$get({ param: { id } }, o)),
  revokeInvite: (id: string, inviteId: string) =>
    call(id, (o) => meeting.invites[':inviteId'].$delete({ param: { id, inviteId } }, o)),
  /**
   * Approves exactly the content with `hash`: in the embedded mode signed by
   * this browser's device key; through an identity provider, an old sign-in
   * first goes back to the provider (step-up) and the approval is finished
   * on return (`pendingApproval`).
   */
  approve: async (id: string, hash: string) => {
    const signature =
      signIn.mode === 'embedded' ? await deviceSign(deviceMessage.approve(id, hash)) : undefined;
    try {
      return await call(id, (o) =>
        meeting.approvals.$post({ param: { id }, json: { hash, signature } }, o),
      );
    } catch (err) {
      const person = signIn.person;
      if (!(err instanceof ApiError) || err.code !== 'stepUpRequired' || !person) throw err;
      sessionStorage.setItem(pendingApprovalKey(id), hash);
      location.assign(signInUrl(person.issuerId, `/m/${id}`, true));
      return new Promise<never>(() => {}); // the page is going to the provider
    }
  },
  saveVersion: (id: string, name: string) =>
    call(id, (o) => meeting.versions.$post({ param: { id }, json: { name } }, o)),
  diff: (id: string) => call(id, (o) => meeting.diff.$get({ param: { id }, query: {} }, o)),
  audit: (id: string) => call(id, (o) => meeting.audit.$get({ param: { id } }, o)),
  /** A link that downloads one export of the meeting, once, within 60 s. */
  downloadLink: (id: string, format: ExportFormat, publicVersion: boolean) =>
    call(id, (o) =>
      meeting.downloads.$post({ param: { id }, json: { format, public: publicVersion } }, o),
    ),
  /** Deletes a bilag (a file of an agenda item). */
  deleteBilag: (id: string, bilagId: string) =>
    call(id, (o) => meeting.bilag[':bilagId'].$delete({ param: { id, bilagId } }, o)),
  /** A bilag's bytes and name, fetched with the access token (never in a URL). */
  bilagFile: (id: string, bilagId: string) =>
    fileCall(id, (o) => meeting.bilag[':bilagId'].$get({ param: { id, bilagId } }, o)),
  /** The agenda package PDF (agenda and every bilag); `publicVersion` leaves closed items out. */
  agendaPackage: (id: string, publicVersion: boolean) =>
    fileCall(id, (o) =>
      meeting.package.$get({ param: { id }, query: { public: publicVersion ? '1' : '0' } }, o),
    ),
  comment: (id: string, fields: JsonOf<typeof meeting.comments.$post>) =>
    call(id, (o) => meeting.comments.$post({ param: { id }, json: fields }, o)),
  reply: (id: string, threadId: string, text: string) =>
    call(id, (o) =>
      meeting.comments[':threadId'].replies.$post({ param: { id, threadId }, json: { text } }, o),
    ),
  resolve: (id: string, threadId: string, resolved: boolean) =>
    call(id, (o) =>
      meeting.comments[':threadId'].resolve.$post(
        { param: { id, threadId }, json: { resolved } },
        o,
      ),
    ),
  /** Afbud: the caller's own participant absent, or attending after all. */
  setAbsence: (id: string, absent: boolean) =>
    call(id, (o) => meeting.absence.$put({ param: { id }, json: { absent } }, o)),
  // Forum rosters: the secretariat's.
  rosters: () => call(undefined, (o) => client.rosters.$get({}, o)),
  createRoster: (forum: string) =>
    call(undefined, (o) => client.rosters.$post({ json: { forum } }, o)),
  roster: (forumId: string) => call(undefined, (o) => roster.$get({ param: { forumId } }, o)),
  rosterAudit: (forumId: string) =>
    call(undefined, (o) => roster.audit.$get({ param: { forumId } }, o)),
  addMember: (forumId: string, fields: JsonOf<typeof roster.members.$post>) =>
    call(undefined, (o) => roster.members.$post({ param: { forumId }, json: fields }, o)),
  updateMember: (forumId: string, memberId: string, fields: JsonOf<typeof rosterMember.$patch>) =>
    call(undefined, (o) => rosterMember.$patch({ param: { forumId, memberId }, json: fields }, o)),
  /** Ends a membership from today (the entry stays). */
  deactivateMember: (forumId: string, memberId: string) =>
    call(undefined, (o) => rosterMember.$delete({ param: { forumId, memberId } }, o)),
};

/** What a call sends as its JSON body, from the route's schema (shared/api/schemas.ts). */
type JsonOf<Route> = InferRequestType<Route> extends { json: infer J } ? J : never;

/** What the changes view shows: GET /meetings/:id/diff. */
export type Changes = Awaited<ReturnType<typeof api.diff>>;

/** Who the caller is in a meeting, as GET /meetings/:id answers. */
export type You = Awaited<ReturnType<typeof api.getMeeting>>['you'];

/** The approval waiting for a step-up sign-in to come back (sessionStorage, this tab only). */
export const pendingApprovalKey = (meetingId: string) => `referat.approve.${meetingId}`;
