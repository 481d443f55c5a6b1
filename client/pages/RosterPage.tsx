import { RosterDetail } from '../rosters/RosterDetail.tsx';
import { RosterList } from '../rosters/RosterList.tsx';

/** `/rosters`: the forums' member lists; `/rosters/<forumId>`: one of them. The secretariat's. */
export function RosterPage({ forumId }: { forumId: string | null }) {
  return forumId ? <RosterDetail forumId={forumId} /> : <RosterList />;
}
