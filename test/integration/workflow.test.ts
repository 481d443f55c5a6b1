import { readFile, writeFile, chmod } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useCleanups } from '../helpers/cleanups.ts';
import type { CommentThread, MeetingState } from '../../shared/access/workflow.ts';
import type { MeetingDiff } from '../../shared/minutes/diff.ts';
import { diffWords } from '../../shared/minutes/diff.ts';
import { itemBody, visibleItemIds } from '../../shared/minutes/layout.ts';
import { addParticipant, insertItem, setHeaderField } from '../../shared/minutes/operations.ts';
import { startTempServer } from '../helpers/testServer.ts';
import { waitFor } from '../helpers/waitFor.ts';
import {
  anchorOn,
  deleteText,
  typeAfter,
  anchoredText,
  getState,
  meetingInPhase,
  storedState,
  syncedClient,
} from '../helpers/workflow.ts';

const cleanup = useCleanups();

const setup = () => startTempServer(cleanup);

describe('comments', () => {
  it('a member comments in review without writing the body; anchors follow edits; resolve syncs live', async () => {
    const { server, dataDir } = await setup();
    const { id, tokens } = await meetingInPhase(server, 'review');
    const writer = await syncedClient(server, id, tokens.minuteTaker, cleanup);
    const organiser = await syncedClient(server, id, tokens.organiser, cleanup);
    const member = await syncedClient(server, id, tokens.member, cleanup);
    const first = visibleItemIds(member.doc)[0];
    addParticipant(writer.doc, {
      name: 'Kirsten Madsen',
      title: '',
      role: 'Formand',
      organisation: 'Region',
      status: 'present',
    });
    await waitFor(() => writer.tracker.state === 'saved', 'participant saved');
    await server.rooms.peek(id)!.persistence.flush();
    const documentFiles = async () =>
      Object.fromEntries(
        Object.entries(await storedState(dataDir, id)).filter(([name]) =>
          /^(log|snapshot)-/.test(name),
        ),
      );
    const bodyBefore = await documentFiles();

    const res = await server.api(`/meetings/${id}/comments`, {
      token: tokens.member,
      body: {
        itemId: first,
        anchor: anchorOn(member.doc, first, 'dagsordenen'),
        quote: 'dagsordenen',
        text: 'Skal vi ikke nævne bilaget? @Kirsten Madsen',
      },
    });
    expect(res.status).toBe(201);
    const { thread } = (await res.json()) as { thread: CommentThread };
    expect(thread.messages[0].authorName).toBe('Test member');
    expect(thread.messages[0].mentions).toHaveLength(1);
    await server.rooms.peek(id)!.persistence.flush();
    // The body's files did not change: commenting never writes the body.
    expect(await documentFiles()).toEqual(bodyBefore);
    // The other client gets the thread live.
    await waitFor(() => writer.channel.state?.threads.length === 1, 'thread pushed to the writer');

    // Two editors change the text on both sides of the anchor at the same time
    // (one offline), then merge; the member sees the result.
    writer.provider.disconnect();
    typeAfter(writer.doc, first, 'Det indstilles, at ', 'den reviderede ');
    typeAfter(organiser.doc, first, 'godkendes', ' med bemærkninger');
    writer.provider.connect();
    const merged = 'den reviderede dagsordenen godkendes med bemærkninger';
    await waitFor(
      () =>
        [writer, organiser, member].every((c) =>
          itemBody(c.doc, first)!.toString().includes(merged),
        ),
      'all three have both edits',
    );
    for (const doc of [writer.doc, organiser.doc, member.doc]) {
      expect(anchoredText(doc, thread.anchor)).toBe('dagsordenen');
    }

    // Reply, resolve, reopen: live on the other client.
    const reply = await server.api(`/meetings/${id}/comments/${thread.id}/replies`, {
      token: tokens.minuteTaker,
      body: { text: 'Rettet.' },
    });
    expect(reply.status).toBe(201);
    for (const resolved of [true, false, true]) {
      const r = await server.api(`/meetings/${id}/comments/${thread.id}/resolve`, {
        token: tokens.minuteTaker,
        body: { resolved },
      });
      expect(r.status).toBe(200);
      await waitFor(
        () => member.channel.state?.threads[0].resolved === resolved,
        `member sees resolved=${resolved}`,
      );
    }
    expect(member.channel.state!.threads[0].messages.map((m) => m.text)).toEqual([
      'Skal vi ikke nævne bilaget? @Kirsten Madsen',
      'Rettet.',
    ]);

    // The anchored text is deleted: the thread stays, orphaned (its anchor covers nothing).
    deleteText(writer.doc, first, 'dagsordenen ');
    await waitFor(() => anchoredText(member.doc, thread.anchor) === '', 'anchor collapsed');
    const state = await getState(server, id);
    expect(state.threads).toHaveLength(1);
    expect(state.threads[0].quote).toBe('dagsordenen');
  });
});

describe('approval', () => {
  it('binds to content: an edit voids it, the last approval freezes, restart verifies the hash', async () => {
    const env = await setup();
    const server = env.server;
    const id = await server.createMeeting('Driftsforum', 'driftsforum');
    const chairA = await server.invite(id, 'Formand', 'member', true);
    const chairB = await server.invite(id, 'Næstformand', 'member', true);
    const taker = await server.invite(id, 'Referent', 'minuteTaker');
    const writer = await syncedClient(server, id, taker.token, cleanup);
    for (const to of ['meeting', 'review']) {
      expect((await server.api(`/meetings/${id}/phase`, { body: { to } })).status).toBe(200);
    }
    const approve = async (token: string, hash: string | null) => server.approve(id, token, hash);

    const h1 = (await getState(server, id)).contentHash!;
    expect((await approve(chairA.token, h1)).status).toBe(200);
    // An edit voids A's approval, visibly.
    typeAfter(writer.doc, visibleItemIds(writer.doc)[0], 'godkendes', ' uden ændringer');
    await waitFor(
      () =>
        writer.channel.state?.approvals.some((a) => a.name === 'Formand' && a.voidedAt) === true,
      'approval voided and pushed',
    );
    const h2 = writer.channel.state!.contentHash!;
    expect(h2).not.toBe(h1);
    // Approving with the old hash is refused: that is not what is there now.
    expect((await approve(chairB.token, h1)).status).toBe(409);
    const b = (await (await approve(chairB.token, h2)).json()) as { frozen: boolean };
    expect(b.frozen).toBe(false); // A's approval no longer counts
    const a = (await (await approve(chairA.token, h2)).json()) as { frozen: boolean };
    expect(a.frozen).toBe(true);

    const state = await getState(server, id);
    expect(state.meta.phase).toBe('approved');
    expect(state.meta.frozen?.hash).toBe(h2);
    await waitFor(() => writer.channel.state?.meta.phase === 'approved', 'phase pushed');
    const audit = (await (await server.api(`/meetings/${id}/audit`)).json()) as {
      entries: { kind: string }[];
    };
    expect(audit.entries.map((e) => e.kind)).toEqual(
      expect.arrayContaining(['phase', 'approve', 'approval-voided', 'freeze', 'invite']),
    );

    // After a restart the frozen file verifies; a changed byte is detected.
    const again = await env.restart();
    const versionId = state.meta.frozen!.versionId;
    const read = async () =>
      (await (await again.api(`/meetings/${id}/versions/${versionId}`)).json()) as {
        verified: boolean;
        problems: string[];
        version: { hash: string; kind: string };
      };
    const verified = await read();
    expect(verified).toMatchObject({ verified: true, version: { hash: h2, kind: 'approved' } });
    const file = path.join(env.dataDir, 'meetings', id, 'versions', `${versionId}.json`);
    const raw = await readFile(file, 'utf8');
    await chmod(file, 0o644);
    await writeFile(file, raw.replace('uden ændringer', 'med ændringer'));
    const tampered = await read();
    expect(tampered.verified).toBe(false);
    expect(tampered.problems.join(' ')).toMatch(/does not match/);
  });

  it('makes the chair(s) approvers by default; others only when chosen', async () => {
    const { server } = await setup();
    const id = await server.createMeeting('Driftsforum', 'driftsforum');
    const c = await syncedClient(server, id, server.organiserToken, cleanup);
    setHeaderField(c.doc, 'chair', 'Anders Mødeleder');
    addParticipant(c.doc, {
      name: 'Kirsten Madsen',
      title: 'Direktør',
      role: 'Næstformand',
      organisation: 'Region',
      status: 'present',
    });
    await waitFor(() => c.tracker.state === 'saved', 'saved');
    const invited = async (name: string, role: string) => {
      const res = await server.api(`/meetings/${id}/invites`, { body: { name, role } });
      expect(res.status).toBe(201);
      return ((await res.json()) as { invite: { approver: boolean } }).invite.approver;
    };
    expect(await invited('Anders Mødeleder', 'member')).toBe(true);
    expect(await invited('kirsten madsen', 'member')).toBe(true);
    expect(await invited('Bo Medlem', 'member')).toBe(false);
    expect(await invited('Anders Mødeleder', 'observer')).toBe(false);
    const { approvers } = await getState(server, id);
    expect(approvers.map((a) => a.name)).toEqual(['Anders Mødeleder', 'kirsten madsen']);
  });

  it('only required approvers approve, and a meeting without approvers never freezes', async () => {
    const { server } = await setup();
    const id = await server.createMeeting('Driftsforum', 'driftsforum');
    const member = await server.invite(id, 'Medlem', 'member', false);
    for (const to of ['meeting', 'review'])
      await server.api(`/meetings/${id}/phase`, { body: { to } });
    const hash = (await getState(server, id)).contentHash;
    const res = await server.approve(id, member.token, hash);
    expect(res.status).toBe(403);
    // The approvers are fixed while the draft is out: making the member one
    // means withdrawing the draft, changing it, and sending it again.
    const makeApprover = () =>
      server.api(`/meetings/${id}/invites/${member.invite.id}`, {
        method: 'PATCH',
        body: { approver: true },
      });
    expect((await makeApprover()).status).toBe(409);
    await server.api(`/meetings/${id}/phase`, { body: { to: 'meeting' } });
    expect((await makeApprover()).status).toBe(200);
    await server.api(`/meetings/${id}/phase`, { body: { to: 'review' } });
    // Now the member can approve, and is the only one.
    const ok = await server.approve(id, member.token, (await getState(server, id)).contentHash);
    expect(((await ok.json()) as { frozen: boolean }).frozen).toBe(true);
  });
});

describe('versions and the diff since the draft was sent out', () => {
  it('shows the changes made during review, word by word, with their authors', async () => {
    const { server } = await setup();
    const { id, tokens } = await meetingInPhase(server, 'review');
    const writer = await syncedClient(server, id, tokens.minuteTaker, cleanup);
    const first = visibleItemIds(writer.doc)[0];
    typeAfter(writer.doc, first, 'godkendes', ' med en tilføjelse');
    deleteText(writer.doc, first, 'Det ');
    insertItem(writer.doc, {
      title: 'Nyt punkt under høringen',
      sections: [{ type: 'referat', blocks: [{ paragraph: 'Tilføjet efter udsendelsen.' }] }],
    });
    await waitFor(() => writer.tracker.state === 'saved', 'saved');
    // Attribution is recorded when the server applies the edit.
    const res = await server.api(`/meetings/${id}/diff`);
    expect(res.status).toBe(200);
    const { from, diff } = (await res.json()) as {
      from: { kind: string; name: string };
      diff: MeetingDiff;
    };
    expect(from).toMatchObject({ kind: 'draft', name: 'Udkast udsendt' });
    const changed = diff.items.find((i) => i.itemId === first)!;
    expect(changed.status).toBe('changed');
    expect(changed.authors).toEqual(['Test minuteTaker']);
    const line = changed.lines.find((l) => l.label === 'indstilling')!;
    expect(line.parts).toEqual([
      { op: 'del', text: 'Det ' },
      { op: 'same', text: 'indstilles, at dagsordenen godkendes' },
      { op: 'ins', text: ' med en tilføjelse' },
      { op: 'same', text: '.' },
    ]);
    const added = diff.items.find((i) => i.status === 'added')!;
    expect(added.title).toBe('Nyt punkt under høringen');
    expect(added.lines.map((l) => l.parts[0].text)).toContain('Tilføjet efter udsendelsen.');
    // Unchanged items are not listed.
    expect(diff.items).toHaveLength(2);

    // Named versions are listed; the state lists the draft first.
    const named = await server.api(`/meetings/${id}/versions`, {
      token: tokens.minuteTaker,
      body: { name: 'Efter første rettelser' },
    });
    expect(named.status).toBe(201);
    const state: MeetingState = await getState(server, id);
    expect(state.versions.map((v) => v.kind)).toEqual(['draft', 'named']);
  });

  it('keeps who edited an item when the meeting leaves memory before the attribution is written', async () => {
    // Evicted at once, well before the 2 s after which attribution is written.
    const { server, dataDir, restart } = await startTempServer(cleanup, { idleEvictMs: 20 });
    const { id, tokens } = await meetingInPhase(server, 'review');
    const writer = await syncedClient(server, id, tokens.minuteTaker, cleanup);
    const first = visibleItemIds(writer.doc)[0];
    typeAfter(writer.doc, first, 'godkendes', ' med en tilføjelse');
    await waitFor(() => writer.tracker.state === 'saved', 'saved');
    writer.destroy();
    await waitFor(() => !server.rooms.isLoaded(id), 'evicted');
    const workflowFile = path.join(dataDir, 'meetings', id, 'workflow.json');
    await waitFor(
      async () => (await readFile(workflowFile, 'utf8')).includes('Test minuteTaker'),
      'attribution written on eviction',
    );
    const again = await restart();
    const { diff } = (await (await again.api(`/meetings/${id}/diff`)).json()) as {
      diff: MeetingDiff;
    };
    expect(diff.items.find((i) => i.itemId === first)?.authors).toEqual(['Test minuteTaker']);
  });

  it('diffs words, not characters', () => {
    expect(diffWords('Mødet sluttede kl. 15', 'Mødet sluttede kl. 16')).toEqual([
      { op: 'same', text: 'Mødet sluttede kl. ' },
      { op: 'del', text: '15' },
      { op: 'ins', text: '16' },
    ]);
  });
});
