/**
 * What a device key signs (embedded mode), per purpose: domain-separated,
 * so a signature made for one purpose never serves another. The approval's
 * is kept with the approval, so anyone with the public key can check it later.
 */
export const deviceMessage = {
  claim: (challenge: string, inviteId: string) => `referat-claim\n${challenge}\n${inviteId}`,
  session: (challenge: string, inviteId: string) => `referat-session\n${challenge}\n${inviteId}`,
  approve: (meetingId: string, hash: string) => `referat-approve\n${meetingId}\n${hash}`,
};
