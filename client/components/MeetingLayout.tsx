import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import { CLOSE_MESSAGE_TOO_BIG } from '../../shared/protocol/closeCodes.ts';
import { isSecretariat } from '../auth.ts';
import { MeetingAccessContext, accessFor, type CommentDraft } from '../collab/MeetingAccess.tsx';
import type { MeetingPageState } from '../collab/useMeetingPage.ts';
import { NARROW_QUERY, useNarrowScreen } from '../hooks/useNarrowScreen.ts';
import { useI18n } from '../i18n/I18n.tsx';
import type { Identity } from '../identity.ts';
import { ChangesView } from '../workflow/ChangesView.tsx';
import { CommentsPanel } from '../workflow/CommentsPanel.tsx';
import { ExportPanel } from '../workflow/ExportPanel.tsx';
import { InvitesPanel } from '../workflow/InvitesPanel.tsx';
import { VoidingNotice } from '../workflow/VoidingNotice.tsx';
import { SHOW_CHANGES_ID, WorkflowPanel } from '../workflow/WorkflowPanel.tsx';
import { AbsenceButton } from './AbsenceButton.tsx';
import { AgendaList } from './AgendaList.tsx';
import { AppLink } from './AppLink.tsx';
import { MeetingAnnouncer } from './MeetingAnnouncer.tsx';
import { MeetingHeaderForm } from './MeetingHeaderForm.tsx';
import { NextMeetingForm } from './NextMeetingForm.tsx';
import { usePageSlots } from './PageSlots.tsx';
import { ParticipantsPanel } from './ParticipantsPanel.tsx';
import { PresenceList } from './PresenceList.tsx';
import { ReloadBanner } from './ReloadBanner.tsx';
import { SaveStatus } from './SaveStatus.tsx';
import { Shortcuts } from './Shortcuts.tsx';
import { SkipLinks } from './SkipLinks.tsx';
import { StaticMeeting } from './StaticMeeting.tsx';

/** The side panel (a drawer on narrow screens), which the toggle in the bar controls. */
const TOOLS_ID = 'meeting-tools';

const REFUSED_TEXT = {
  permission: 'refused',
  failing: 'meetingFailing',
  invalid: 'refusedInvalid',
  tooLarge: 'refusedTooLarge',
} as const;

/**
 * A meeting that can be opened, laid out: its row in the banner (title,
 * phase, save status, the tools toggle), the document (or its static view
 * when damaged) with the banners that say what went wrong, and the side
 * panel of tools, a drawer on narrow screens. What the person may do comes
 * from the meeting's state and their role (MeetingAccess).
 */
export function MeetingLayout({
  meetingId,
  identity,
  page,
}: {
  meetingId: string;
  identity: Identity;
  page: MeetingPageState;
}) {
  const { t } = useI18n();
  const { bar } = usePageSlots();
  const { connection, closeCode, state, you, refused, damaged, staticDocument, anchored } = page;
  const [draft, setDraft] = useState<CommentDraft | null>(null);
  const [showChanges, setShowChanges] = useState(false);
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

  const access = useMemo(
    () => (state && you ? accessFor(meetingId, you, state, startComment) : null),
    [meetingId, state, you, startComment],
  );
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
