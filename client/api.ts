import type { Role } from '../shared/access/permissions.ts';
import type {
  AuditEntry,
  CommentAnchor,
  CommentThread,
  Invite,
  MeetingState,
  VersionInfo,
} from '../shared/access/workflow.ts';
import type { MeetingMeta, Phase } from '../shared/meeting.ts';
import type { MeetingDiff } from '../shared/minutes/diff.ts';
import type { TemplateName } from '../shared/minutes/templates.ts';
import { accessToken } from './auth.ts';
import type { JSONContent } from '@tiptap/core';

/**
 * fetch with the caller's access token for `meetingId` (or the organiser's
 * sign-in) in the Authorization header; a token the server finds expired is
 * renewed from the credential and the request sent once more.
 */
export async function authorizedFetch(
  path: string,
  init: RequestInit & { meetingId?: string } = {},
): Promise<Response> {
  const send = (token: string | null) =>
    fetch(path, {
      ...init,
      headers: { ...(init.headers ?? {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    });
  const res = await send(await accessToken(init.meetingId));
  if (res.status !== 401) return res;
  const renewed = await accessToken(init.meetingId, { renew: true });
  return renewed ? send(renewed) : res;
}

/** JSON over authorizedFetch; errors carry the HTTP status. */
async function request<T>(
  path: string,
  init: { method?: string; body?: unknown; meetingId?: string } = {},
): Promise<T> {
  const res = await authorizedFetch(path, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { 'content-type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    meetingId: init.meetingId,
  });
  const body = (await res.json().catch(() => ({}))) as { error?: string };
  if (!res.ok)
    throw Object.assign(new Error(body.error ?? `HTTP ${res.status}`), { status: res.status });
  return body as T;
}

const m = (id: string) => `/api/meetings/${encodeURIComponent(id)}`;

export interface You {
  userId: string;
  name: string;
  role: Role;
  approver: boolean;
}

export const api = {
  signIn: (key: string, name: string) =>
    request<{ credential: string; token: string; expiresAt: string; name: string }>(
      '/api/session',
      { body: { key, name } },
    ),
  listMeetings: () => request<{ meetings: MeetingMeta[] }>('/api/meetings'),
  getMeeting: (id: string) =>
    request<{ meeting: MeetingMeta; state: MeetingState; you: You }>(m(id), { meetingId: id }),
  /** The meeting as checked JSON of the shared schema (what a damaged meeting is shown from). */
  document: (id: string) =>
    request<{ document: JSONContent; problems: string[] }>(`${m(id)}/document`, {
      meetingId: id,
    }),
  /** A new meeting: blank, from a template, or (`from`) as the next meeting of an earlier one. */
  createMeeting: (fields: {
    title?: string;
    forum?: string;
    date?: string;
    template?: TemplateName;
    from?: string;
  }) => request<{ meeting: MeetingMeta }>('/api/meetings', { body: fields }),
  setPhase: (id: string, to: Phase) =>
    request<{ meeting: MeetingMeta }>(`${m(id)}/phase`, { meetingId: id, body: { to } }),
  invites: (id: string) => request<{ invites: Invite[] }>(`${m(id)}/invites`, { meetingId: id }),
  invite: (id: string, fields: { name: string; role: Role; approver?: boolean }) =>
    request<{ invite: Invite; link: string }>(`${m(id)}/invites`, { meetingId: id, body: fields }),
  /** A new link for the invite; the earlier ones stop working. */
  inviteLink: (id: string, inviteId: string) =>
    request<{ link: string }>(`${m(id)}/invites/${inviteId}/link`, {
      meetingId: id,
      method: 'POST',
    }),
  /** A link that downloads one export of the meeting within 60 s. */
  downloadLink: (id: string, format: string, publicVersion: boolean) =>
    request<{ url: string }>(`${m(id)}/downloads`, {
      meetingId: id,
      body: { format, public: publicVersion },
    }),
  revokeInvite: (id: string, inviteId: string) =>
    request<{ invite: Invite }>(`${m(id)}/invites/${inviteId}`, {
      meetingId: id,
      method: 'DELETE',
    }),
  approve: (id: string, hash: string) =>
    request<{ frozen: boolean }>(`${m(id)}/approvals`, { meetingId: id, body: { hash } }),
  saveVersion: (id: string, name: string) =>
    request<{ version: VersionInfo }>(`${m(id)}/versions`, { meetingId: id, body: { name } }),
  diff: (id: string) =>
    request<{ from: VersionInfo; diff: MeetingDiff }>(`${m(id)}/diff`, { meetingId: id }),
  audit: (id: string) => request<{ entries: AuditEntry[] }>(`${m(id)}/audit`, { meetingId: id }),
  comment: (
    id: string,
    fields: { itemId: string; anchor: CommentAnchor; quote: string; text: string },
  ) => request<{ thread: CommentThread }>(`${m(id)}/comments`, { meetingId: id, body: fields }),
  reply: (id: string, threadId: string, text: string) =>
    request<{ thread: CommentThread }>(`${m(id)}/comments/${threadId}/replies`, {
      meetingId: id,
      body: { text },
    }),
  resolve: (id: string, threadId: string, resolved: boolean) =>
    request<{ thread: CommentThread }>(`${m(id)}/comments/${threadId}/resolve`, {
      meetingId: id,
      body: { resolved },
    }),
};
