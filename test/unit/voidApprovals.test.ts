import { describe, expect, it } from 'vitest';
import type { Approval } from '../../shared/access/workflow.ts';
import { voidApprovals } from '../../server/resources/approvals/voidApprovals.ts';
import { emptyWorkflow, type MeetingRecord } from '../../server/resources/meetings/records.ts';

function approval(name: string, hash: string, voidedAt?: string): Approval {
  return {
    userId: name.toLowerCase(),
    name,
    at: '2030-06-12T10:00:00.000Z',
    hash,
    ...(voidedAt ? { voidedAt } : {}),
  } as Approval;
}

function record(approvals: Approval[]): MeetingRecord {
  return {
    meta: { id: 'm', title: 't', forum: '', date: '', phase: 'review' } as MeetingRecord['meta'],
    workflow: { ...emptyWorkflow(), approvals },
    threads: [],
    commentBytes: 0,
    commentLogBytes: 0,
    contentHash: null,
  };
}

describe('voidApprovals: the one place approvals stop counting', () => {
  it('voids approvals of other content and names the new hash and whose edit it was', () => {
    const old = approval('Anne', 'h1');
    const current = approval('Bo', 'h2');
    const earlier = approval('Cai', 'h0', '2030-06-11T00:00:00.000Z');
    const r = record([old, current, earlier]);
    const audit = voidApprovals(r, {
      kind: 'changed',
      contentHash: 'h2',
      editedBy: ['Łukasz Żółć'],
    });
    expect(audit).toEqual([
      {
        kind: 'approval-voided',
        detail: {
          approver: 'Anne',
          approvedHash: 'h1',
          contentHash: 'h2',
          editedBy: ['Łukasz Żółć'],
        },
      },
    ]);
    expect(old.voidedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(current.voidedAt).toBeUndefined();
    // An approval voided before keeps its first stamp and is not audited again.
    expect(earlier.voidedAt).toBe('2030-06-11T00:00:00.000Z');
  });

  it('leaves editedBy out when nobody is known', () => {
    const r = record([approval('Anne', 'h1')]);
    expect(voidApprovals(r, { kind: 'changed', contentHash: 'h2' })[0].detail).toEqual({
      approver: 'Anne',
      approvedHash: 'h1',
      contentHash: 'h2',
    });
  });

  it('voids every live approval when the draft is withdrawn, whatever it approved', () => {
    const r = record([approval('Anne', 'h1'), approval('Bo', 'h2')]);
    const audit = voidApprovals(r, { kind: 'withdrawn' });
    expect(audit.map((a) => a.detail)).toEqual([
      { approver: 'Anne', approvedHash: 'h1', reason: 'withdrawn' },
      { approver: 'Bo', approvedHash: 'h2', reason: 'withdrawn' },
    ]);
    expect(r.workflow.approvals.every((a) => a.voidedAt)).toBe(true);
  });

  it('voids nothing and says nothing when every approval is of the content', () => {
    const r = record([approval('Anne', 'h2')]);
    expect(voidApprovals(r, { kind: 'changed', contentHash: 'h2' })).toEqual([]);
    expect(r.workflow.approvals[0].voidedAt).toBeUndefined();
  });
});
