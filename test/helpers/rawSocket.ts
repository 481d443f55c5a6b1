import WebSocket from 'ws';

/** A bare websocket for sending hand-made frames; records how the server closed it. */
export async function openRaw(url: string) {
  const ws = new WebSocket(url);
  ws.binaryType = 'arraybuffer';
  const received: Uint8Array[] = [];
  ws.on('message', (data: ArrayBuffer) => received.push(new Uint8Array(data)));
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  ws.on('error', () => {});
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
  return { ws, received, closed };
}
