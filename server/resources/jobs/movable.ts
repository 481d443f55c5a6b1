/**
 * The buffers of an object's top-level typed arrays that can be moved
 * rather than copied: those that are the whole of their buffer (a small
 * Buffer shares Node's pool with others and is copied instead).
 */
export function movable(value: unknown): ArrayBuffer[] {
  if (!value || typeof value !== 'object') return [];
  const buffers: ArrayBuffer[] = [];
  for (const v of Object.values(value)) {
    if (
      v instanceof Uint8Array &&
      v.buffer instanceof ArrayBuffer &&
      v.byteOffset === 0 &&
      v.byteLength === v.buffer.byteLength
    ) {
      buffers.push(v.buffer);
    }
  }
  return buffers;
}
