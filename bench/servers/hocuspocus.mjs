// Hocuspocus as a user would run it: its own server, default settings, in-memory documents.
// With HOCUSPOCUS_DIR, documents persist through its Database extension (fetch/store), one
// file per document in that folder, the way its documentation shows a database plugged in.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Server } from '@hocuspocus/server';
import { Database } from '@hocuspocus/extension-database';

const dir = process.env.HOCUSPOCUS_DIR;
const file = (documentName) => path.join(dir, `${encodeURIComponent(documentName)}.bin`);
const server = new Server({
  port: Number(process.env.PORT ?? 0),
  quiet: true,
  address: '127.0.0.1',
  extensions: dir
    ? [
        new Database({
          fetch: async ({ documentName }) => {
            try {
              return await readFile(file(documentName));
            } catch (err) {
              if (err.code === 'ENOENT') return null;
              throw err;
            }
          },
          store: async ({ documentName, state }) => writeFile(file(documentName), state),
        }),
      ]
    : [],
});
await server.listen();
process.stdout.write(JSON.stringify({ listening: server.address.port }) + '\n');
