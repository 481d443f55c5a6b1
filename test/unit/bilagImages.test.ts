import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { imageFacts, MAX_IMAGE_PIXELS } from '../../server/resources/bilag/imageCheck.ts';
import { standInPages } from '../../server/resources/bilag/standInPages.ts';
import { jpegFixture, makePng, pngFile } from '../helpers/bilag.ts';

/** The package's page for one image bilag; whether pdfkit embedded the image in it. */
async function embedded(bytes: Uint8Array): Promise<boolean> {
  const pdf = await standInPages([{ kind: 'image', name: 'billede', item: '1. Punkt', bytes }]);
  return pdf.includes('/Subtype /Image');
}

/** The JPEG fixture with the size in its frame header replaced. */
async function jpegDeclaring(width: number, height: number): Promise<Uint8Array> {
  const jpeg = Buffer.from(await jpegFixture());
  for (let at = 2; at < jpeg.length; at += 2 + jpeg.readUInt16BE(at + 2)) {
    if (jpeg[at + 1] >= 0xc0 && jpeg[at + 1] <= 0xc3) {
      jpeg.writeUInt16BE(height, at + 5);
      jpeg.writeUInt16BE(width, at + 7);
      return jpeg;
    }
  }
  throw new Error('no frame header');
}

describe('images in the agenda package (issue 16 review)', () => {
  it('ordinary images still embed: RGB, RGBA, interlaced RGBA, a JPEG', async () => {
    const rgba = pngFile(2, 2, 6, deflateSync(Buffer.alloc(2 * (1 + 8), 0)));
    // Adam7 for 3 x 3 RGBA: passes 1, 4, 5, 6 (two rows), 7; a filter byte starts each row.
    const interlaced = pngFile(3, 3, 6, deflateSync(Buffer.alloc(5 + 5 + 9 + 10 + 13)), 1);
    for (const image of [makePng(), rgba, interlaced, await jpegFixture()]) {
      expect(imageFacts(image)).not.toBeNull();
      expect(await embedded(image)).toBe(true);
    }
  });

  it('an RGBA PNG with damaged data is a note (pdfkit threw past the catch; the package never came)', async () => {
    const damaged = pngFile(10, 10, 6, Buffer.from('not zlib at all'));
    expect(imageFacts(damaged)).toBeNull();
    expect(await embedded(damaged)).toBe(false);
  });

  it('an RGBA PNG whose rows name an unknown filter is a note', async () => {
    const row = Buffer.from([9, 0, 0, 0, 0]);
    const badFilter = pngFile(1, 2, 6, deflateSync(Buffer.concat([row, row])));
    expect(imageFacts(badFilter)).toBeNull();
    expect(await embedded(badFilter)).toBe(false);
  });

  it('a PNG declaring 8000 x 8000 RGBA in a few bytes is not decoded (20000 x 20000 in 1.5 MB took 6 GB)', async () => {
    const bomb = pngFile(8000, 8000, 6, deflateSync(Buffer.alloc(64)));
    expect(8000 * 8000).toBeGreaterThan(MAX_IMAGE_PIXELS);
    expect(imageFacts(bomb)).toBeNull();
    expect(await embedded(bomb)).toBe(false);
  });

  it('a PNG whose data inflates beyond the size it declares is refused before it is all inflated', () => {
    // 100 x 100 RGBA is 40,100 bytes; this inflates to 4 MB.
    expect(imageFacts(pngFile(100, 100, 6, deflateSync(Buffer.alloc(4 * 2 ** 20))))).toBeNull();
  });

  it('a JPEG declaring 65000 x 65000 pixels is not embedded (every reader would decode 12 GB)', async () => {
    const huge = await jpegDeclaring(65000, 65000);
    expect(imageFacts(huge)).toBeNull();
    expect(await embedded(huge)).toBe(false);
  });
});
