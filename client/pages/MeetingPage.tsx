import { Fragment, useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import * as Y from 'yjs';
import { SECTIONS, SECTION_TYPES } from '../../shared/schema/index.ts';
import {
  CLOSE_INVALID_MEETING_ID,
  CLOSE_MEETING_DAMAGED,
  CLOSE_MESSAGE_TOO_BIG,
  CLOSE_NO_ACCESS,
  CLOSE_UNKNOWN_MEETING,
} from '../../shared/protocol/closeCodes.ts';
import type { JSONContent } from '@tiptap/core';
import { StaticMeeting } from '../components/StaticMeeting.tsx';
import type { CommentThread, MeetingState } from '../../shared/access/workflow.ts';
import { visibleItemIds } from '../../shared/minutes/layout.ts';
import { api, type You } from '../api.ts';
import { credentialFor, organiserCredential } from '../auth.ts';
import { MeetingAccessContext, accessFor, type CommentDraft } from '../collab/MeetingAccess.tsx';
import { ChangesView } from '../workflow/ChangesView.tsx';
import { CommentsPanel } from '../workflow/CommentsPanel.tsx';
import { ExportPanel } from '../workflow/ExportPanel.tsx';
import { InvitesPanel } from '../workflow/InvitesPanel.tsx';
import { WorkflowPanel } from '../workflow/WorkflowPanel.tsx';
import { useMeetingConnection } from '../collab/useMeetingConnection.ts';
import { AgendaList } from '../components/AgendaList.tsx';
import { AppLink } from '../components/AppLink.tsx';
import { MOD } from '../components/ItemEditor.tsx';
import { MeetingHeaderForm } from '../components/MeetingHeaderForm.tsx';
import { ParticipantsPanel } from '../components/ParticipantsPanel.tsx';
import { PresenceList } from '../components/PresenceList.tsx';
import { SaveStatus } from '../components/SaveStatus.tsx';
import { useI18n } from '../i18n/I18n.tsx';
import type { Identity } from '../identity.ts';
import { navigate } from '../router.ts';

export function MeetingPage({ meetingId, identity }: { meetingId: string; identity: Identity }) {
  const { t } = useI18n();
  const credential = credentialFor(meetingId);
  const { connection, closeCode } = useMeetingConnection(meetingId, credential);
  const [loaded, setLoaded] = useState<{ state: MeetingState; you: You } | null>(null);
  const [failure, setFailure] = useState<'missing' | 'invalid' | 'noAccess' | null>(null);
  const [creatingNext, setCreatingNext] = useState(false);
  const [draft, setDraft] = useState<CommentDraft | null>(null);
  const [showChanges, setShowChanges] = useState(false);
  const [staticDocument, setStaticDocument] = useState<JSONContent | null>(null);

  // The server pushes the state on every change; until then, the REST answer.
  const channel = connection?.channel;
  const pushed = useSyncExternalStore(
    useCallback((l: () => void) => channel?.subscribe(l) ?? (() => {}), [channel]),
    () => channel?.state ?? null,
  );
  const refused = useSyncExternalStore(
    useCallback((l: () => void) => channel?.subscribe(l) ?? (() => {}), [channel]),
    () => channel?.refused ?? null,
  );
  const state = pushed ?? loaded?.state ?? null;
  const access = useMemo(
    () => (state && loaded ? accessFor(meetingId, loaded.you, state, setDraft) : null),
    [meetingId, state, loaded],
  );

  const createNext = async () => {
    setCreatingNext(true);
    try {
      const { meeting } = await api.createMeeting({ from: meetingId });
      navigate(`/m/${meeting.id}`);
    } finally {
      setCreatingNext(false);
    }
  };

  useEffect(() => {
    api
      .getMeeting(meetingId)
      .then((r) => setLoaded({ state: r.state, you: r.you }))
      .catch((err: { status?: number }) => {
        if (err.status === 404) setFailure('missing');
        else if (err.status === 400) setFailure('invalid');
        else if (err.status === 401 || err.status === 403) setFailure('noAccess');
      });
  }, [meetingId]);

  // A meeting whose stored content is damaged is not served live: show its checked JSON.
  const damaged = closeCode === CLOSE_MEETING_DAMAGED;
  useEffect(() => {
    if (!damaged) return;
    api
      .document(meetingId)
      .then((r) => setStaticDocument(r.document as JSONContent))
      .catch(() => setStaticDocument(null));
  }, [damaged, meetingId]);

  /** A thread is orphaned when its item is off the agenda or its text range is gone. */
  const anchored = useCallback(
    (thread: CommentThread) => {
      const doc = connection?.doc;
      if (!doc || !visibleItemIds(doc).includes(thread.itemId)) return false;
      try {
        const abs = (json: unknown) =>
          Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(json), doc);
        const start = abs(thread.anchor.start);
        const end = abs(thread.anchor.end);
        if (!start || !end) return false;
        return start.type !== end.type || end.index > start.index;
      } catch {
        return false;
      }
    },
    [connection],
  );

  const failed =
    failure ??
    (closeCode === CLOSE_UNKNOWN_MEETING
      ? 'missing'
      : closeCode === CLOSE_INVALID_MEETING_ID
        ? 'invalid'
        : closeCode === CLOSE_NO_ACCESS || !credential
          ? 'noAccess'
          : null);
  if (failed) {
    return (
      <main className="list-page">
        <p className="error">
          {failed === 'invalid'
            ? t('invalidMeeting')
            : failed === 'noAccess'
              ? t('noAccess')
              : t('meetingNotFound')}
        </p>
        <AppLink to="/">{t('backToMeetings')}</AppLink>
      </main>
    );
  }

  const meta = state?.meta ?? null;
  const editable = access?.may('editBody') ?? false;
  return (
    <MeetingAccessContext.Provider value={access}>
      <div className={`meeting-page${editable ? '' : ' read-only'}`}>
        <div className="meeting-bar">
          <AppLink to="/" className="back">
            {t('backToMeetings')}
          </AppLink>
          <h1>{meta?.title ?? ''}</h1>
          {meta ? (
            <span className={`phase phase-${meta.phase}`}>{t(`phase_${meta.phase}`)}</span>
          ) : null}
          {access && !editable && meta?.phase !== 'approved' ? (
            <span className="tag" title={t('readOnlyHint')}>
              {t('readOnly')}
            </span>
          ) : null}
          {damaged ? null : <SaveStatus tracker={connection?.tracker ?? null} />}
        </div>
        {closeCode === CLOSE_MESSAGE_TOO_BIG && connection ? (
          <div className="banner error" role="alert">
            {t('changeTooLarge')}{' '}
            <button type="button" className="link" onClick={() => void connection.discardLocal()}>
              {t('reloadFromServer')}
            </button>
          </div>
        ) : null}
        {state?.failure || damaged ? (
          <div className="banner error" role="alert">
            {t(damaged || state?.failure?.kind === 'damaged' ? 'meetingDamaged' : 'meetingFailing')}
          </div>
        ) : refused && connection ? (
          <div className="banner error" role="alert">
            {t(REFUSED_TEXT[refused.kind] ?? 'refused')}{' '}
            <button type="button" className="link" onClick={() => void connection.discardLocal()}>
              {t('reloadFromServer')}
            </button>
          </div>
        ) : null}
        <div className="meeting-body">
          {damaged ? (
            <>
              {staticDocument ? <StaticMeeting document={staticDocument} /> : <p>{t('loading')}</p>}
              {access ? (
                <aside className="side">
                  <ExportPanel />
                </aside>
              ) : null}
            </>
          ) : connection && access ? (
            <div className="sheet" lang="da">
              {showChanges ? (
                <ChangesView meetingId={meetingId} onClose={() => setShowChanges(false)} />
              ) : null}
              <fieldset className="plain" disabled={!editable}>
                <MeetingHeaderForm connection={connection} phase={meta?.phase ?? null} />
                <ParticipantsPanel connection={connection} />
              </fieldset>
              <AgendaList connection={connection} identity={identity} />
            </div>
          ) : (
            <p>{t('loading')}</p>
          )}
          {connection && access && !damaged ? (
            <aside className="side">
              <PresenceList provider={connection.provider} />
              <WorkflowPanel onShowChanges={() => setShowChanges(true)} />
              <CommentsPanel
                connection={connection}
                draft={draft}
                onDraftDone={() => setDraft(null)}
                anchored={anchored}
              />
              <ExportPanel />
              <InvitesPanel />
              {organiserCredential() ? (
                <>
                  <button
                    type="button"
                    className="secondary next-meeting"
                    title={t('fromPreviousHint')}
                    disabled={creatingNext}
                    onClick={createNext}
                  >
                    {t('fromPrevious')} →
                  </button>
                  <p className="muted small">{t('fromPreviousHint')}</p>
                </>
              ) : null}
              {editable ? <Shortcuts /> : null}
            </aside>
          ) : null}
        </div>
      </div>
    </MeetingAccessContext.Provider>
  );
}

const REFUSED_TEXT = {
  permission: 'refused',
  failing: 'meetingFailing',
  invalid: 'refusedInvalid',
  tooLarge: 'refusedTooLarge',
} as const;

function Shortcuts() {
  const { t } = useI18n();
  return (
    <section className="shortcuts">
      <h2>{t('shortcuts')}</h2>
      <dl>
        <dt>
          <kbd>/</kbd>
        </dt>
        <dd>{t('shortcutSlash')}</dd>
        {SECTION_TYPES.map((type) => (
          <Fragment key={type}>
            <dt>
              <kbd>
                {MOD}
                {SECTIONS[type].shortcut}
              </kbd>
            </dt>
            <dd>{t(`section_${type}`)}</dd>
          </Fragment>
        ))}
        <dt>
          <kbd>{MOD}N</kbd>
        </dt>
        <dd>{t('shortcutNewItem')}</dd>
        <dt>
          <kbd>{MOD}↑ ↓</kbd>
        </dt>
        <dd>{t('shortcutMove')}</dd>
      </dl>
    </section>
  );
}
