import { describe, expect, it } from 'vitest';
import { ExportGate } from '../../server/resources/export/ExportGate.ts';

describe('ExportGate', () => {
  it('lets one person run two exports at once, refuses a third (429), others go on', async () => {
    const gate = new ExportGate();
    const releases: (() => void)[] = [];
    const slow = () =>
      new Promise<{ body: string; contentType: string }>((resolve) =>
        releases.push(() => resolve({ body: 'x', contentType: 'text/plain' })),
      );
    const first = gate.render('ole', { n: 1 }, slow);
    const second = gate.render('ole', { n: 2 }, slow);
    await expect(gate.render('ole', { n: 3 }, slow)).rejects.toMatchObject({ status: 429 });
    const other = gate.render('sekretariatet', { n: 4 }, slow);
    for (const release of releases) release();
    await Promise.all([first, second, other]);
    // Done: room again.
    await expect(
      gate.render('ole', { n: 5 }, async () => ({ body: 'y', contentType: 'text/plain' })),
    ).resolves.toMatchObject({ body: 'y' });
  });

  it('answers the same request from its cache without rendering again', async () => {
    const gate = new ExportGate();
    let renders = 0;
    const render = async () => ({ body: `pdf ${++renders}`, contentType: 'application/pdf' });
    const input = { document: { type: 'doc' }, format: 'pdf', publicVersion: false };
    expect((await gate.render('a', input, render)).body).toBe('pdf 1');
    expect((await gate.render('b', { ...input }, render)).body).toBe('pdf 1');
    expect((await gate.render('a', { ...input, publicVersion: true }, render)).body).toBe('pdf 2');
    expect(renders).toBe(2);
  });
});
