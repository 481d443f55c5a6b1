import { useMeetingAccess } from '../collab/MeetingAccess.tsx';
import { useI18n } from '../i18n/I18n.tsx';

/**
 * Tells the people who can write, before they write, that approvals have
 * been given for the text as it stands and that any edit voids them (the
 * server voids an approval whose hash no longer matches). Sticks to the top
 * of the document while they scroll; announced when an approval arrives.
 */
export function VoidingNotice() {
  const { t } = useI18n();
  const access = useMeetingAccess();
  if (!access || access.phase !== 'review' || !access.may('editBody')) return null;
  const { state } = access;
  const standing = state.approvals.filter((a) => !a.voidedAt && a.hash === state.contentHash);
  const names = [...new Set(standing.map((a) => a.name))];
  return (
    <div role="status" className={names.length ? 'voiding-notice' : 'sr-only'}>
      {names.length
        ? t(names.length === 1 ? 'voidingNoticeOne' : 'voidingNoticeMany').replace(
            '{names}',
            names.join(', '),
          )
        : null}
    </div>
  );
}
