import { appendFile, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import type { CommentThread, MeetingState } from '../../shared/access/workflow.ts';
import { MESSAGE_COMMENT_THREAD, MESSAGE_MEETING_STATE } from '../../shared/protocol/messages.ts';
import { useCleanups } from '../helpers/cleanups.ts';
import { connectClient, type TestClient } from '../helpers/clients.ts';
import { createMeetingAt, organiserSignIn, spawnServer } from '../helpers/serverProcess.ts';
import { startTempServer, startTestServer, tempDir } from '../helpers/testServer.ts';
import { waitFor } from '../helpers/waitFor.ts';
import {
  anchorOn,
  firstItemId,
  getState,
  meetingInPhase,
  syncedClient,
} from '../helpers/workflow.ts';

const cleanup = useCleanups();

const meetingDir = (dataDir: string, id: string) => path.join(dataDir, 'meetings', id);

/** The comment files of a meeting, by name. */
async function commentFiles(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((name) => name.startsWith('comments')).sort();
}

/** The events (one JSON object per line) in the meeting's newest comment events file. */
async function newestEvents(dir: string): Promise<{ file: string; events: unknown[] }> {
  const gens = (await commentFiles(dir))
    .map((name) => /^comments-(?:events|snapshot)-(\d+)\./.exec(name))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[1]));
  const file = path.join(dir, `comments-events-${Math.max(0, ...gens)}.jsonl`);
  const raw = existsSync(file) ? await readFile(file, 'utf8') : '';
  return {
    file,
    events: raw
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line)),
  };
}

/** Records every meetingState (103) and commentThread (105) message a client receives. */
function recordPushes(client: TestClient) {
  const pushes: { type: number; value: Record<string, unknown> }[] = [];
  for (const type of [MESSAGE_MEETING_STATE, MESSAGE_COMMENT_THREAD]) {
    const handle = client.provider.messageHandlers[type];
    client.provider.messageHandlers[type] = (encoder, decoder, provider, emitSynced, t) => {
      const value = JSON.parse(decoding.readVarString(decoding.clone(decoder)));
      pushes.push({ type, value });
      handle(encoder, decoder, provider, emitSynced, t);
    };
  }
  return pushes;
}

describe('comments (issue 12, point 7)', () => {
  it('7. a comment is one appended record, pushed to clients as a delta, rate-limited per user and limited per meeting', async () => {
    // A long interval: the test does not depend on how fast this machine posts ten comments.
    const { server, dataDir } = await startTempServer(cleanup, {
      commentIntervalMs: 60_000,
      maxCommentBytes: 10_000,
    });
    const { id, tokens } = await meetingInPhase(server, 'review');
    const dir = meetingDir(dataDir, id);
    const watcher = connectClient(server.wsBase, id, tokens.observer);
    cleanup(() => watcher.destroy());
    const pushes = recordPushes(watcher);
    await watcher.synced();
    await waitFor(() => watcher.channel.state !== null, 'the watcher got the meeting state');
    const member = await syncedClient(server, id, tokens.member, cleanup);
    const item = firstItemId(member.doc);
    const anchor = anchorOn(member.doc, item, 'dagsordenen');
    const comment = (token: string, text: string) =>
      server.api(`/meetings/${id}/comments`, {
        token,
        body: { itemId: item, anchor, quote: 'dagsordenen', text },
      });

    // Ten comments from one member: each is one more line in the events file,
    // the lines before it unchanged, and no comments.json is written.
    let before = '';
    for (let i = 1; i <= 10; i++) {
      const res = await comment(tokens.member, `Kommentar ${i}`);
      expect(res.status, await res.clone().text()).toBe(201);
      const { file, events } = await newestEvents(dir);
      expect(events).toHaveLength(i);
      expect(events[i - 1]).toMatchObject({ type: 'thread' });
      const now = await readFile(file, 'utf8');
      expect(now.startsWith(before)).toBe(true);
      before = now;
      expect(existsSync(path.join(dir, 'comments.json'))).toBe(false);
      expect((await stat(file)).mode & 0o777).toBe(0o600);
    }

    // The watcher got every thread once with its first state and then one
    // thread per comment; no state after the first carried the thread list.
    await waitFor(() => watcher.channel.state?.threads.length === 10, 'watcher has all threads');
    const states = pushes.filter((p) => p.type === MESSAGE_MEETING_STATE);
    const deltas = pushes.filter((p) => p.type === MESSAGE_COMMENT_THREAD);
    expect(states[0].value.threads).toEqual([]);
    expect(states.slice(1).every((p) => !('threads' in p.value))).toBe(true);
    expect(deltas.map((p) => (p.value as unknown as CommentThread).messages[0].text)).toEqual(
      Array.from({ length: 10 }, (_, i) => `Kommentar ${i + 1}`),
    );
    // A state change that is not a comment does not resend the threads either.
    const statesBefore = states.length;
    await server.invite(id, 'Ny gæst', 'observer');
    await waitFor(
      () => pushes.filter((p) => p.type === MESSAGE_MEETING_STATE).length > statesBefore,
      'the invite pushed a state',
    );
    expect('threads' in pushes.at(-1)!.value).toBe(false);
    expect(watcher.channel.state!.threads).toHaveLength(10);

    // The 11th quick write of the same person is refused; others still comment.
    const threadId = (deltas[0].value as unknown as CommentThread).id;
    expect((await comment(tokens.member, 'Kommentar 11')).status).toBe(429);
    const reply = await server.api(`/meetings/${id}/comments/${threadId}/replies`, {
      token: tokens.member,
      body: { text: 'Svar' },
    });
    expect(reply.status).toBe(429);
    expect((await newestEvents(dir)).events).toHaveLength(10);
    expect((await comment(tokens.organiser, 'Fra sekretariatet')).status).toBe(201);
    expect((await newestEvents(dir)).events).toHaveLength(11);

    // The meeting holds at most 10,000 bytes of comment text.
    const long = 'x'.repeat(4000);
    expect((await comment(tokens.minuteTaker, long)).status).toBe(201);
    expect((await comment(tokens.minuteTaker, long)).status).toBe(201);
    const tooMuch = await comment(tokens.minuteTaker, long);
    expect(tooMuch.status).toBe(413);
    expect((await newestEvents(dir)).events).toHaveLength(13);
    // Resolving adds no text: still allowed.
    const resolve = await server.api(`/meetings/${id}/comments/${threadId}/resolve`, {
      token: tokens.minuteTaker,
      body: { resolved: true },
    });
    expect(resolve.status).toBe(200);
    await waitFor(
      () => watcher.channel.state?.threads.find((t) => t.id === threadId)?.resolved === true,
      'the watcher sees the thread resolved',
    );
    expect(watcher.channel.state!.threads).toHaveLength(13);
    expect(watcher.channel.state!.threads).toEqual((await getState(server, id)).threads);
  });

  it('kill -9 between appends loses no acknowledged comment; a torn last line is skipped', async () => {
    const data = await tempDir();
    cleanup(() => data.remove());
    const env = {
      REFERAT_COMMENT_BURST: '100000',
      // Small, so kills also land around compactions.
      REFERAT_COMMENT_COMPACT_AFTER_BYTES: '4096',
    };
    let proc = await spawnServer({ dataDir: data.dir, env });
    cleanup(() => void proc.child.kill('SIGKILL'));
    let base = `http://127.0.0.1:${proc.port}`;
    let token = await organiserSignIn(base);
    const id = await createMeetingAt(base, token, 'Kommentarer', 'driftsforum');
    const reader = connectClient(`ws://127.0.0.1:${proc.port}/collab`, id, token);
    await reader.synced();
    const item = firstItemId(reader.doc);
    const anchor = anchorOn(reader.doc, item, 'dagsordenen');
    reader.destroy();

    const post = (text: string) =>
      fetch(`${base}/api/meetings/${id}/comments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ itemId: item, anchor, quote: 'dagsordenen', text }),
      });
    const threads = async (): Promise<CommentThread[]> => {
      const res = await fetch(`${base}/api/meetings/${id}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.status).toBe(200);
      return ((await res.json()) as { state: MeetingState }).state.threads;
    };
    const restart = async () => {
      proc = await spawnServer({ dataDir: data.dir, env });
      base = `http://127.0.0.1:${proc.port}`;
      token = await organiserSignIn(base);
    };
    const expectAllAcknowledged = async (acked: Map<string, string>) => {
      const loaded = await threads();
      expect(new Set(loaded.map((t) => t.id)).size).toBe(loaded.length); // none twice
      const texts = new Map(loaded.map((t) => [t.id, t.messages[0].text]));
      for (const [threadId, text] of acked) expect(texts.get(threadId)).toBe(text);
    };

    const acked = new Map<string, string>();
    for (let cycle = 0; cycle < 3; cycle++) {
      // Four writers posting back to back; killed once 15 more are acknowledged.
      const target = acked.size + 15;
      let stop = false;
      const writer = async (w: number) => {
        for (let n = 0; !stop; n++) {
          const text = `c${cycle}-w${w}-${n}`;
          try {
            const res = await post(text);
            if (res.status === 201) {
              acked.set(((await res.json()) as { thread: CommentThread }).thread.id, text);
            }
          } catch {
            return; // the server died under this request: not acknowledged
          }
        }
      };
      const writers = [0, 1, 2, 3].map(writer);
      await waitFor(() => acked.size >= target, `${target} comments acknowledged`);
      proc.child.kill('SIGKILL');
      await proc.exited;
      stop = true;
      await Promise.all(writers);
      await restart();
      // An answer is sent only after the fsync: every one that arrived, even
      // after the kill signal, must be there.
      await expectAllAcknowledged(acked);
    }

    // A torn last line, as a crash in the middle of an append leaves it.
    const dir = meetingDir(data.dir, id);
    proc.child.kill('SIGKILL');
    await proc.exited;
    const { file } = await newestEvents(dir);
    await appendFile(file, '{"type":"thread","thread":{"id":"torn-');
    await restart();
    await expectAllAcknowledged(acked); // loads, skipping the torn line
    // The next comment is not glued to the torn line: it survives another kill.
    const res = await post('nach dem Riss');
    expect(res.status).toBe(201);
    acked.set(((await res.json()) as { thread: CommentThread }).thread.id, 'nach dem Riss');
    proc.child.kill('SIGKILL');
    await proc.exited;
    await restart();
    await expectAllAcknowledged(acked);
    const kept = await readdir(path.join(dir, 'quarantine'));
    expect(kept.some((name) => name.includes('comments-events'))).toBe(true);
  });

  it('compaction keeps every thread, once, also when a snapshot is lost', async () => {
    const env = await startTempServer(cleanup, {
      commentBurst: 1000,
      commentCompactAfterBytes: 2048,
    });
    const { server, dataDir } = env;
    const id = await server.createMeeting('Driftsforum', 'driftsforum');
    const dir = meetingDir(dataDir, id);
    const client = await syncedClient(server, id, server.organiserToken, cleanup);
    const item = firstItemId(client.doc);
    const anchor = anchorOn(client.doc, item, 'dagsordenen');
    const api = (pathname: string, body: unknown) =>
      server.api(`/meetings/${id}/${pathname}`, { body });
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await api('comments', {
        itemId: item,
        anchor,
        quote: 'dagsordenen',
        text: `T${i}`,
      });
      expect(res.status).toBe(201);
      ids.push(((await res.json()) as { thread: CommentThread }).thread.id);
      for (let r = 0; r < 3; r++) {
        expect((await api(`comments/${ids[i]}/replies`, { text: `T${i} svar ${r}` })).status).toBe(
          201,
        );
      }
      expect((await api(`comments/${ids[i]}/resolve`, { resolved: i % 2 === 0 })).status).toBe(200);
    }
    await server.store.settled(); // the compactions queued behind the last writes
    const expected = (await getState(server, id)).threads;
    expect(expected).toHaveLength(6);
    expect(expected.every((t) => t.messages.length === 4)).toBe(true);

    const files = await commentFiles(dir);
    const snapshots = files.filter((f) => f.startsWith('comments-snapshot-'));
    const events = files.filter((f) => f.startsWith('comments-events-'));
    expect(snapshots.length).toBeGreaterThanOrEqual(1);
    // One older generation stays as the fallback; its events are not applied again.
    expect(snapshots.length + events.length).toBeLessThanOrEqual(4);
    for (const f of files) expect((await stat(path.join(dir, f))).mode & 0o777).toBe(0o600);

    // A crash during a later compaction leaves a temp snapshot behind: ignored.
    await writeFile(path.join(dir, 'comments-snapshot-99.json.tmp-abcd'), '{"threads":[');
    const again = await env.restart();
    expect((await getState(again, id)).threads).toEqual(expected);

    // The newest snapshot unreadable: the older generation rebuilds the same threads.
    await again.close();
    const newest = snapshots.at(-1)!;
    const newestGen = Number(/-(\d+)\./.exec(newest)![1]);
    expect(files).toContain(`comments-events-${newestGen - 1}.jsonl`);
    await writeFile(path.join(dir, newest), '{"threads": [ garbage');
    const third = await startTestServer({ dataDir });
    cleanup(() => third.close());
    expect((await getState(third, id)).threads).toEqual(expected);
  });

  it('a meeting with only the old comments.json loads its threads unchanged and keeps commenting', async () => {
    const env = await startTempServer(cleanup);
    const { server, dataDir } = env;
    const id = await server.createMeeting('Driftsforum', 'driftsforum');
    const client = await syncedClient(server, id, server.organiserToken, cleanup);
    const item = firstItemId(client.doc);
    const anchor = anchorOn(client.doc, item, 'dagsordenen');
    const message = (text: string, at: string) => ({
      id: `00000000-0000-4000-8000-0000000000${at.slice(-2)}`,
      authorId: 'u-old',
      authorName: 'Kirsten Madsen',
      text,
      at: `2020-12-09T10:00:${at.slice(-2)}.000Z`,
      mentions: [],
    });
    const old: CommentThread[] = [
      {
        id: '11111111-1111-4111-8111-111111111111',
        itemId: item,
        anchor,
        quote: 'dagsordenen',
        messages: [message('Gammel kommentar', '01'), message('Gammelt svar', '02')],
        resolved: true,
        resolvedBy: 'Sekretariatet',
        resolvedAt: '2020-12-09T11:00:00.000Z',
      },
      {
        id: '22222222-2222-4222-8222-222222222222',
        itemId: item,
        anchor,
        quote: 'dagsordenen',
        messages: [message('Stadig åben', '03')],
        resolved: false,
      },
    ];
    const legacy = path.join(meetingDir(dataDir, id), 'comments.json');
    const legacyText = JSON.stringify({ threads: old });
    await writeFile(legacy, legacyText);

    const second = await env.restart();
    expect((await getState(second, id)).threads).toEqual(old);

    // New comments go to the event log, on top of the old threads.
    const reply = await second.api(`/meetings/${id}/comments/${old[1].id}/replies`, {
      body: { text: 'Nyt svar' },
    });
    expect(reply.status).toBe(201);
    const fresh = await second.api(`/meetings/${id}/comments`, {
      body: { itemId: item, anchor, quote: 'dagsordenen', text: 'Ny tråd' },
    });
    expect(fresh.status).toBe(201);
    const expected = (await getState(second, id)).threads;
    expect(expected.slice(0, 1)).toEqual(old.slice(0, 1));
    expect(expected[1].messages.map((m) => m.text)).toEqual(['Stadig åben', 'Nyt svar']);
    expect(expected[2].messages[0].text).toBe('Ny tråd');

    await second.close();
    const third = await startTestServer({ dataDir });
    cleanup(() => third.close());
    expect((await getState(third, id)).threads).toEqual(expected);
    expect(await readFile(legacy, 'utf8')).toBe(legacyText);
  });
});
