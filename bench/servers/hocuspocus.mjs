// Hocuspocus as a user would run it: its own server, default settings, in-memory documents.
import { Server } from '@hocuspocus/server';

const server = new Server({
  port: Number(process.env.PORT ?? 0),
  quiet: true,
  address: '127.0.0.1',
});
await server.listen();
process.stdout.write(JSON.stringify({ listening: server.address.port }) + '\n');
