import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../shared/access/workflow.ts';
import { auditSentence } from '../../client/workflow/auditSentence.ts';

const at = '2026-03-03T09:15:00.000Z';
const entry = (
  kind: string,
  detail: Record<string, unknown>,
  who: { userId: string; name: string } = { userId: 'organiser:s', name: 'Sekretariatet' },
): AuditEntry => ({ at, kind, ...who, detail });
const SYSTEM = { userId: 'system', name: 'Referat' };
const hash = 'ab12cd34ef56'.padEnd(64, '0');

/** Every kind the server writes (server/**), with its detail as written there. */
const cases: {
  entry: AuditEntry;
  da: string;
  en: string;
  actor?: { da: string; en: string };
}[] = [
  {
    entry: entry('created', { template: 'driftsforum' }),
    da: 'Sekretariatet oprettede mødet ud fra Driftsforum-skabelonen.',
    en: 'Sekretariatet created the meeting from the Driftsforum template.',
  },
  {
    entry: entry('created', { template: 'blank', from: 'abcdefabcdefabcd' }),
    da: 'Sekretariatet oprettede mødet som næste møde ud fra et tidligere møde.',
    en: 'Sekretariatet created the meeting as the next meeting after an earlier one.',
  },
  {
    entry: entry('created', {
      template: 'blank',
      from: 'abcdefabcdefabcd',
      fromTitle: 'Driftsforum Nord – 2. december 2026',
    }),
    da: 'Sekretariatet oprettede mødet som næste møde efter «Driftsforum Nord – 2. december 2026».',
    en: 'Sekretariatet created the meeting as the next meeting after “Driftsforum Nord – 2. december 2026”.',
  },
  {
    entry: entry('imported', { format: 'docx', items: 7, participants: 21, unrecognised: 3 }),
    da: 'Sekretariatet importerede mødet fra en Word-fil: 7 punkter og 21 deltagere, 3 linjer at kontrollere.',
    en: 'Sekretariatet imported the meeting from a Word file: 7 items and 21 participants, 3 lines to check.',
  },
  {
    entry: entry('created', {
      template: 'driftsforum',
      roster: 'f0123456789abcdef0123456789abcdef',
      rosterMembers: 3,
    }),
    da: 'Sekretariatet oprettede mødet ud fra Driftsforum-skabelonen. 3 fra forummets medlemsliste blev deltagere og inviteret.',
    en: 'Sekretariatet created the meeting from the Driftsforum template. 3 from the forum’s roster became participants and were invited.',
  },
  {
    entry: entry('invite', {
      inviteId: 'i',
      name: 'Anne Holm',
      role: 'member',
      approver: true,
      linkGeneration: 1,
      fromRoster: 'f0123456789abcdef0123456789abcdef',
      memberId: 'm',
    }),
    da: 'Sekretariatet inviterede Anne Holm som medlem og godkender (fra forummets medlemsliste).',
    en: 'Sekretariatet invited Anne Holm as member and approver (from the forum’s roster).',
  },
  {
    entry: entry(
      'absence',
      { participantId: 'p', name: 'Łukasz Nowak', absent: true },
      { userId: 'u-3', name: 'Łukasz Nowak' },
    ),
    da: 'Łukasz Nowak meldte afbud.',
    en: 'Łukasz Nowak sent regrets.',
  },
  {
    entry: entry(
      'absence',
      { participantId: 'p', name: 'Łukasz Nowak', absent: false },
      { userId: 'u-3', name: 'Łukasz Nowak' },
    ),
    da: 'Łukasz Nowak trak sit afbud tilbage.',
    en: 'Łukasz Nowak withdrew their regrets.',
  },
  {
    entry: entry('phase', { from: 'agenda', to: 'meeting' }),
    da: 'Sekretariatet startede mødet.',
    en: 'Sekretariatet started the meeting.',
  },
  {
    entry: entry('phase', {
      from: 'meeting',
      to: 'review',
      approvers: ['Anne Holm', 'Bo Nielsen'],
    }),
    da: 'Sekretariatet sendte udkastet til kommentering og godkendelse (godkendes af Anne Holm og Bo Nielsen).',
    en: 'Sekretariatet sent the draft out for comments and approval (to be approved by Anne Holm and Bo Nielsen).',
  },
  {
    entry: entry('phase', { from: 'review', to: 'meeting' }),
    da: 'Sekretariatet trak udkastet tilbage; mødet er igen i fasen Møde i gang.',
    en: 'Sekretariatet withdrew the draft; the meeting is back in phase Meeting in progress.',
  },
  {
    entry: entry('invite', {
      name: 'Anne Holm',
      role: 'member',
      approver: true,
      linkGeneration: 1,
    }),
    da: 'Sekretariatet inviterede Anne Holm som medlem og godkender.',
    en: 'Sekretariatet invited Anne Holm as member and approver.',
  },
  {
    entry: entry('invite', {
      name: 'Bo Nielsen',
      role: 'minuteTaker',
      approver: false,
      carriedFrom: 'abcdefabcdefabcd',
    }),
    da: 'Sekretariatet inviterede Bo Nielsen som referent (overført fra forrige møde; nyt link).',
    en: 'Sekretariatet invited Bo Nielsen as minute-taker (carried over from the previous meeting; new link).',
  },
  {
    entry: entry('invite-link', { name: 'Anne Holm', role: 'member', linkGeneration: 2 }),
    da: 'Sekretariatet udstedte et nyt link til Anne Holm (nr. 2); tidligere links virker ikke længere.',
    en: 'Sekretariatet issued a new link for Anne Holm (no. 2); earlier links no longer work.',
  },
  {
    entry: entry('invite-change', { name: 'Bo Nielsen', approver: true }),
    da: 'Sekretariatet gjorde Bo Nielsen til godkender.',
    en: 'Sekretariatet made Bo Nielsen an approver.',
  },
  {
    entry: entry('revoke', { name: 'Carl Berg' }),
    da: 'Sekretariatet tilbagekaldte invitationen til Carl Berg.',
    en: 'Sekretariatet revoked the invite of Carl Berg.',
  },
  {
    entry: entry(
      'approve',
      { hash, credential: { kind: 'invite', inviteId: 'i', generation: 1, tokenId: 't' } },
      { userId: 'u-1', name: 'Anne Holm' },
    ),
    da: 'Anne Holm godkendte referatet (fingeraftryk ab12cd34ef56…).',
    en: 'Anne Holm approved the minutes (fingerprint ab12cd34ef56…).',
  },
  {
    // As the server wrote it before edits were attributed: Referat itself, never "Referat" the person.
    entry: entry(
      'approval-voided',
      { approver: 'Anne Holm', approvedHash: hash, contentHash: hash },
      SYSTEM,
    ),
    da: 'Anne Holms godkendelse bortfaldt automatisk, fordi referatet blev ændret bagefter.',
    en: 'Anne Holm’s approval lapsed automatically because the minutes changed afterwards.',
    actor: { da: 'Referat (automatisk)', en: 'Referat (automatic)' },
  },
  {
    // Voided by an edit: the edit's author is the actor, not the approver and not the system.
    entry: entry(
      'approval-voided',
      { approver: 'Anne Holm', approvedHash: hash, contentHash: hash, editedBy: ['Bo Nielsen'] },
      { userId: 'u-2', name: 'Bo Nielsen' },
    ),
    da: 'Anne Holms godkendelse bortfaldt, fordi Bo Nielsen ændrede referatet bagefter.',
    en: 'Anne Holm’s approval lapsed because Bo Nielsen changed the minutes afterwards.',
    actor: { da: 'Bo Nielsen', en: 'Bo Nielsen' },
  },
  {
    entry: entry('approval-voided', { approver: 'Jens Vestergaards', reason: 'withdrawn' }),
    da: 'Jens Vestergaards’ godkendelse bortfaldt, fordi Sekretariatet trak udkastet tilbage.',
    en: 'Jens Vestergaards’s approval lapsed because Sekretariatet withdrew the draft.',
    actor: { da: 'Sekretariatet', en: 'Sekretariatet' },
  },
  {
    entry: entry(
      'freeze',
      { versionId: 'v3', hash, approvers: ['Anne Holm', 'Bo Nielsen'] },
      { userId: 'u-2', name: 'Bo Nielsen' },
    ),
    da: 'Referatet blev låst som endelig version, godkendt af Anne Holm og Bo Nielsen (fingeraftryk ab12cd34ef56…).',
    en: 'The minutes were locked as the final version, approved by Anne Holm and Bo Nielsen (fingerprint ab12cd34ef56…).',
    actor: { da: 'Referat (automatisk)', en: 'Referat (automatic)' },
  },
  {
    entry: entry('version', { versionId: 'v2', name: 'Før mødet' }),
    da: 'Sekretariatet gemte versionen «Før mødet».',
    en: 'Sekretariatet saved the version “Før mødet”.',
  },
  {
    entry: entry(
      'refused-write',
      { role: 'member', phase: 'meeting', bytes: 40, count: 10, notLoggedBefore: 4 },
      { userId: 'u-3', name: 'Carl Berg' },
    ),
    da: 'En ændring fra Carl Berg blev afvist: rollen medlem må ikke redigere i fasen Møde i gang. Afvisning nr. 10 på samme forbindelse. 4 afvisninger før denne er ikke logget enkeltvis.',
    en: 'A change from Carl Berg was refused: the role member may not edit in phase Meeting in progress. Refusal no. 10 on the same connection. 4 refusals before this one are not logged one by one.',
  },
  {
    entry: entry(
      'refused-write',
      {
        role: 'minuteTaker',
        phase: 'review',
        bytes: 9,
        count: 1,
        invalid: 'invalid',
        reason: 'unknown node "script"',
      },
      { userId: 'u-2', name: 'Bo Nielsen' },
    ),
    da: 'En ændring fra Bo Nielsen blev afvist: ændringen var ugyldig (unknown node "script").',
    en: 'A change from Bo Nielsen was refused: the change was invalid (unknown node "script").',
  },
];

describe('audit entries as sentences', () => {
  for (const { entry: e, da, en, actor } of cases) {
    it(`${e.kind} ${JSON.stringify(e.detail).slice(0, 60)}`, () => {
      const inDanish = auditSentence(e, 'da');
      const inEnglish = auditSentence(e, 'en');
      expect(inDanish.sentence).toBe(da);
      expect(inEnglish.sentence).toBe(en);
      expect(inDanish.actor).toBe(actor?.da ?? e.name);
      expect(inEnglish.actor).toBe(actor?.en ?? e.name);
      // No raw codes or JSON in what a person reads.
      expect(inDanish.sentence).not.toMatch(new RegExp(`(^|\\W)${e.kind}(\\W|$)`));
      for (const s of [inDanish.sentence, inEnglish.sentence]) {
        expect(s).not.toMatch(/[{}]|"approver"|minuteTaker|undefined|null|NaN/);
      }
    });
  }

  it('an unknown kind still reads as a sentence with its actor', () => {
    expect(auditSentence(entry('something-new', { x: 1 }), 'da').sentence).toBe(
      'Sekretariatet: hændelse «something-new».',
    );
  });
});
