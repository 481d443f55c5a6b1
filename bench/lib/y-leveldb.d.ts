/**
 * The part of y-leveldb (the reference server's persistence) the restart
 * bench uses to store its meetings; the package ships types its "exports"
 * do not point to.
 */
declare module 'y-leveldb' {
  export class LeveldbPersistence {
    constructor(location: string);
    storeUpdate(docName: string, update: Uint8Array): Promise<number>;
    destroy(): Promise<void>;
  }
}
