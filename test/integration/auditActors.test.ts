import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../shared/access/workflow.ts';
import { visibleItemIds } from '../../shared/minutes/layout.ts';
import { auditSentence } from '../../client/workflow/auditSentence.ts';
import { useCleanups } from '../helpers/cleanups.ts';
import { startTempServer } from '../helpers/testServer.ts';
import { waitFor } from '../helpers/waitFor.ts';
import { getState, meetingInPhase, syncedClient, typeAfter } from '../helpers/workflow.ts';

const cleanup = useCleanups();

describe('who voided an approval, in the audit log', () => {
  it('an edit names its author; withdrawing the draft names who withdrew it', async () => {
    const { server } = await startTempServer(cleanup);
    const { id, tokens, chairToken } = await meetingInPhase(server, 'review');
    const approve = async () => {
      const { contentHash } = await getState(server, id, chairToken);
      const res = await server.approve(id, chairToken, contentHash);
      expect(res.status).toBe(200);
    };
    const audit = async () =>
      ((await (await server.api(`/meetings/${id}/audit`)).json()) as { entries: AuditEntry[] })
        .entries;

    // The chair approves; then the minute-taker edits: the approval lapses because of that edit.
    await approve();
    const writer = await syncedClient(server, id, tokens.minuteTaker, cleanup);
    typeAfter(writer.doc, visibleItemIds(writer.doc)[0], 'godkendes', ' uden ændringer');
    await waitFor(
      async () => (await audit()).some((e) => e.kind === 'approval-voided'),
      'approval voided and audited',
    );
    const voided = (await audit()).find((e) => e.kind === 'approval-voided')!;
    expect(voided.detail).toMatchObject({ approver: 'Formand', editedBy: ['Test minuteTaker'] });
    expect(auditSentence(voided, 'da')).toEqual({
      actor: 'Test minuteTaker',
      sentence:
        'Formands godkendelse bortfaldt, fordi Test minuteTaker ændrede referatet bagefter.',
    });

    // Approved again, then the secretariat withdraws the draft.
    await waitFor(
      async () => (await getState(server, id, chairToken)).contentHash !== null,
      'new hash',
    );
    await approve();
    expect((await server.api(`/meetings/${id}/phase`, { body: { to: 'meeting' } })).status).toBe(
      200,
    );
    const withdrawn = (await audit()).filter(
      (e) => e.kind === 'approval-voided' && e.detail.reason === 'withdrawn',
    );
    expect(withdrawn).toHaveLength(1);
    expect(withdrawn[0].name).toBe('Sekretariatet');
    expect(auditSentence(withdrawn[0], 'en')).toEqual({
      actor: 'Sekretariatet',
      sentence: 'Formand’s approval lapsed because Sekretariatet withdrew the draft.',
    });
  });
});
