/**
 * Ids become file names (and, later, keys of another store): each kind has
 * one strict form, and an id not of its form is refused here, before any
 * path is built or anything is read or written (docs/design.md, invariant 2). The routes
 * refuse bad ids first; reaching this is a bug, so it throws.
 */
export function checkId(kind: string, id: string, valid: (id: string) => boolean): void {
  if (!valid(id)) throw new Error(`invalid ${kind} id reached storage`);
}
