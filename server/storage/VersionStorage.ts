/**
 * Frozen versions of a meeting's minutes (docs/design.md, invariant 4: an approved version
 * never changes): each written once under its id and never overwritten;
 * the caller stores the content hash inside and verifies it on reading.
 */
export interface VersionStorage {
  /**
   * Writes a version durably; refuses if that version exists (the stored
   * one stays as it was). A crash leaves no version or the complete one.
   */
  write(meetingId: string, versionId: string, content: string): Promise<void>;
  /** The version's content, or null if there is none. */
  read(meetingId: string, versionId: string): Promise<string | null>;
}

/** Version ids are made by the server (v1, v2, …); this is what storage accepts as a file name. */
export function isValidVersionId(id: string): boolean {
  return /^v\d{1,6}$/.test(id);
}
