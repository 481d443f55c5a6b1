import type { MeetingMeta } from '../shared/meeting.ts';
import type { TemplateName } from '../shared/minutes/templates.ts';

async function request<T>(path: string, init?: RequestInit): Promise<T> {
  const res = await fetch(path, {
    ...init,
    headers: { 'content-type': 'application/json', ...init?.headers },
  });
  const body = (await res.json().catch(() => ({}))) as { error?: string };
  if (!res.ok)
    throw Object.assign(new Error(body.error ?? `HTTP ${res.status}`), { status: res.status });
  return body as T;
}

export const api = {
  listMeetings: () => request<{ meetings: MeetingMeta[] }>('/api/meetings'),
  getMeeting: (id: string) =>
    request<{ meeting: MeetingMeta }>(`/api/meetings/${encodeURIComponent(id)}`),
  /** A new meeting: blank, from a template, or (`from`) as the next meeting of an earlier one. */
  createMeeting: (fields: {
    title?: string;
    forum?: string;
    date?: string;
    template?: TemplateName;
    from?: string;
  }) =>
    request<{ meeting: MeetingMeta }>('/api/meetings', {
      method: 'POST',
      body: JSON.stringify(fields),
    }),
};
