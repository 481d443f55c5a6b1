import {
  Fragment,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import { createPortal } from 'react-dom';
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
import { credentialFor, isSecretariat, lastRefusal, signIn } from '../auth.ts';
import { SignInButtons } from '../components/SignInButtons.tsx';
import { ERROR_STRINGS } from '../i18n/errorStrings.ts';
import type { ErrorCode } from '../../shared/api/errors.ts';
import { MeetingAccessContext, accessFor, type CommentDraft } from '../collab/MeetingAccess.tsx';
import { ChangesView } from '../workflow/ChangesView.tsx';
import { VoidingNotice } from '../workflow/VoidingNotice.tsx';
import { CommentsPanel } from '../workflow/CommentsPanel.tsx';
import { ExportPanel } from '../workflow/ExportPanel.tsx';
import { InvitesPanel } from '../workflow/InvitesPanel.tsx';
import { SHOW_CHANGES_ID, WorkflowPanel } from '../workflow/WorkflowPanel.tsx';
import { useMeetingConnection, type MeetingConnection } from '../collab/useMeetingConnection.ts';
import { AgendaList } from '../components/AgendaList.tsx';
import { AppLink } from '../components/AppLink.tsx';
import { MOD } from '../components/ItemEditor.tsx';
import { MeetingAnnouncer } from '../components/MeetingAnnouncer.tsx';
import { MeetingHeaderForm } from '../components/MeetingHeaderForm.tsx';
import { NextMeetingForm } from '../components/NextMeetingForm.tsx';
import { usePageSlots } from '../components/PageSlots.tsx';
import { ParticipantsPanel } from '../components/ParticipantsPanel.tsx';
import { AbsenceButton } from '../components/AbsenceButton.tsx';
import { PresenceList } from '../components/PresenceList.tsx';
import { SaveStatus } from '../components/SaveStatus.tsx';
import { SkipLinks } from '../components/SkipLinks.tsx';
import { NARROW_QUERY, useNarrowScreen } from '../hooks/useNarrowScreen.ts';
import { useI18n } from '../i18n/I18n.tsx';
import type { Identity } from '../identity.ts';

export function MeetingPage({ meetingId, identity }: { meetingId: string; identity: Identity }) {
  const { t, language } = useI18n();
  const { bar } = usePageSlots();
  const credential = credentialFor(meetingId);
  const { connection, closeCode } = useMeetingConnection(meetingId, credential);
  const [loaded, setLoaded] = useState<{ state: MeetingState; you: You } | null>(null);
  const [failure, setFailure] = useState<'missing' | 'invalid' | 'noAccess' | null>(null);
  const [draft, setDraft] = useState<CommentDraft | null>(null);
  const [showChanges, setShowChanges] = useState(false);
  const [staticDocument, setStaticDocument] = useState<JSONContent | null>(null);
  // On a narrow screen the side panel is a drawer over the page (styles.css).
  const narrow = useNarrowScreen();
  const [toolsOpen, setToolsOpen] = useState(false);
  const drawer = narrow && toolsOpen;
  const toolsToggle = useRef<HTMLButtonElement>(null);
  const toolsClose = useRef<HTMLButtonElement>(null);
  /** Opens the drawer when there is one (a wide page shows the panel anyway). */
  const showTools = useCallback(() => {
    if (window.matchMedia(NARROW_QUERY).matches) setToolsOpen(true);
  }, []);
  const hideTools = useCallback(() => {
    setToolsOpen(false);
    requestAnimationFrame(() => toolsToggle.current?.focus());
  }, []);
  // Starting a comment opens the drawer at the composer; it closes when the comment is done.
  const startComment = useCallback(
    (d: CommentDraft) => {
      setDraft(d);
      showTools();
    },
    [showTools],
  );
  const draftDone = useCallback(() => {
    setDraft(null);
    setToolsOpen(false);
  }, []);
  // The open drawer is the page: what is behind it takes no focus and is not read out.
  useEffect(() => {
    if (!drawer) return;
    const behind = document.querySelector('header.topbar');
    behind?.setAttribute('inert', '');
    requestAnimationFrame(() => {
      const panel = document.getElementById(TOOLS_ID);
      if (!panel?.contains(document.activeElement)) toolsClose.current?.focus();
    });
    return () => behind?.removeAttribute('inert');
  }, [drawer]);

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
  const title = state?.meta.title;
  useEffect(() => {
    document.title = title ? `${title} – ${t('appName')}` : t('appName');
  }, [title, t]);
  const access = useMemo(
    () => (state && loaded ? accessFor(meetingId, loaded.you, state, startComment) : null),
    [meetingId, state, loaded, startComment],
  );

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
        : closeCode === CLOSE_NO_ACCESS || (!credential && !signIn.person)
          ? 'noAccess'
          : null);
  if (failed === 'noAccess' && signIn.mode === 'oidc' && !signIn.person) {
    // Through an identity provider, an invitation is opened by signing in as its person.
    return (
      <main className="list-page">
        <h1>{t('signInTitle')}</h1>
        <p>{t('signInToClaim')}</p>
        <SignInButtons returnTo={`/m/${meetingId}`} />
      </main>
    );
  }
  if (failed) {
    const refusal = failed === 'noAccess' ? lastRefusal : null;
    return (
      <main className="list-page">
        <h1>{t('cannotOpenMeeting')}</h1>
        <p className="error" role="alert">
          {failed === 'invalid'
            ? t('invalidMeeting')
            : refusal && refusal in ERROR_STRINGS[language]
              ? ERROR_STRINGS[language][refusal as ErrorCode]
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
  const live = connection && access && !damaged ? connection : null;
  const awaitingMe =
    !!access &&
    !!state &&
    state.meta.phase === 'review' &&
    access.you.approver &&
    access.may('approve') &&
    !state.approvals.some(
      (a) => a.userId === access.you.userId && !a.voidedAt && a.hash === state.contentHash,
    );
  // The meeting's row of the banner: title, phase, save status (PageSlots).
  const meetingBar = (
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
      {live ? (
        <button
          type="button"
          ref={toolsToggle}
          className="tools-toggle"
          aria-expanded={drawer}
          aria-controls={TOOLS_ID}
          onClick={showTools}
        >
          {t('openTools')}
          {awaitingMe ? <span className="badge">{t('yourApprovalAwaited')}</span> : null}
        </button>
      ) : null}
    </div>
  );
  const closeChanges = () => {
    setShowChanges(false);
    // Back to the button that opened them.
    requestAnimationFrame(() => document.getElementById(SHOW_CHANGES_ID)?.focus());
  };
  return (
    <MeetingAccessContext.Provider value={access}>
      {live ? <SkipLinks connection={live} onShowTools={showTools} inert={drawer} /> : null}
      {bar ? createPortal(meetingBar, bar) : null}
      <div className={`meeting-page${editable ? '' : ' read-only'}`}>
        <div className="meeting-body">
          <main className="meeting-main" inert={drawer}>
            {closeCode === CLOSE_MESSAGE_TOO_BIG && connection ? (
              <ReloadBanner connection={connection}>{t('changeTooLarge')}</ReloadBanner>
            ) : null}
            {state?.failure || damaged ? (
              <div className="banner error" role="alert">
                {t(
                  damaged || state?.failure?.kind === 'damaged'
                    ? 'meetingDamaged'
                    : 'meetingFailing',
                )}
              </div>
            ) : refused && connection ? (
              <ReloadBanner connection={connection}>
                {t(REFUSED_TEXT[refused.kind] ?? 'refused')}
              </ReloadBanner>
            ) : null}
            {damaged ? (
              staticDocument ? (
                <StaticMeeting document={staticDocument} />
              ) : (
                <p>{t('loading')}</p>
              )
            ) : connection && access ? (
              <>
                <VoidingNotice />
                <AbsenceButton connection={connection} />
                <div className="sheet" lang="da">
                  {showChanges ? (
                    <ChangesView meetingId={meetingId} onClose={closeChanges} />
                  ) : null}
                  <fieldset className="plain" disabled={!editable}>
                    <MeetingHeaderForm connection={connection} phase={meta?.phase ?? null} />
                    <ParticipantsPanel connection={connection} />
                  </fieldset>
                  <AgendaList connection={connection} identity={identity} />
                </div>
              </>
            ) : (
              <p>{t('loading')}</p>
            )}
            {live ? <MeetingAnnouncer provider={live.provider} state={state} /> : null}
          </main>
          {damaged && access ? (
            <aside className="side" aria-label={t('meetingTools')}>
              <ExportPanel />
            </aside>
          ) : null}
          {live ? (
            <aside
              id={TOOLS_ID}
              className={`side${drawer ? ' open' : ''}`}
              aria-label={t('meetingTools')}
              onKeyDown={(e: KeyboardEvent) => {
                // Escape in a dialog opened from the drawer (approving) closes that dialog only.
                const inDialog = (e.target as Element).closest('dialog');
                if (drawer && e.key === 'Escape' && !e.defaultPrevented && !inDialog) hideTools();
              }}
            >
              <div className="drawer-head">
                <button type="button" ref={toolsClose} className="secondary" onClick={hideTools}>
                  ← {t('closeTools')}
                </button>
              </div>
              <PresenceList provider={live.provider} />
              <WorkflowPanel onShowChanges={() => setShowChanges(true)} />
              <CommentsPanel
                connection={live}
                draft={draft}
                onDraftDone={draftDone}
                anchored={anchored}
              />
              <ExportPanel />
              <InvitesPanel />
              {isSecretariat() ? <NextMeetingForm meetingId={meetingId} /> : null}
              {editable ? <Shortcuts /> : null}
            </aside>
          ) : null}
        </div>
      </div>
    </MeetingAccessContext.Provider>
  );
}

/** The side panel (a drawer on narrow screens), which the toggle in the bar controls. */
const TOOLS_ID = 'meeting-tools';

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

/** An error the local copy cannot recover from: say why, offer to reload from the server. */
function ReloadBanner({
  connection,
  children,
}: {
  connection: MeetingConnection;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <div className="banner error" role="alert">
      {children}{' '}
      <button type="button" className="link" onClick={() => void connection.discardLocal()}>
        {t('reloadFromServer')}
      </button>
    </div>
  );
}
