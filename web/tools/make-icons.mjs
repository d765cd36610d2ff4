// Writes the portal's install icons (public/icons/*.png): a loop on the theme's blue, drawn pixel by
// pixel so no image tool is needed. Run once after changing the design: node tools/make-icons.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const BLUE = [0x00, 0x5c, 0xbb];
const WHITE = [0xff, 0xff, 0xff];

function crc32(buf) {
  let c, crc = 0xffffffff;
  for (let n = 0; n < buf.length; n++) {
    c = (crc ^ buf[n]) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A ring with a gap and an arrowhead (the cycle), on a full-bleed square (maskable) or a rounded one. */
function icon(size, maskable) {
  const rows = [];
  const c = size / 2;
  const scale = maskable ? 0.8 : 1; // maskable icons keep their drawing inside the safe zone
  const outer = size * 0.3 * scale, inner = size * 0.2 * scale, corner = size * 0.18;
  for (let y = 0; y < size; y++) {
    const row = [0];
    for (let x = 0; x < size; x++) {
      const dx = x + 0.5 - c, dy = y + 0.5 - c;
      const r = Math.hypot(dx, dy);
      const angle = Math.atan2(dy, dx); // 0 = right, clockwise positive (y down)
      const inRing = r >= inner && r <= outer && !(angle > -1.2 && angle < -0.3);
      // Arrowhead at the gap's end: a triangle pointing along the ring.
      const ax = c + Math.cos(-1.2) * (inner + outer) / 2, ay = c + Math.sin(-1.2) * (inner + outer) / 2;
      const head = Math.abs(x - ax) + Math.abs(y - ay) < size * 0.09 * scale && y <= ay + size * 0.02;
      const cx = Math.max(corner - x, 0, x - (size - 1 - corner)), cy = Math.max(corner - y, 0, y - (size - 1 - corner));
      const outside = !maskable && Math.hypot(cx, cy) > corner;
      const [r0, g0, b0] = inRing || head ? WHITE : BLUE;
      row.push(r0, g0, b0, outside ? 0 : 255);
    }
    rows.push(Buffer.from(row));
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const out = new URL('../public/icons/', import.meta.url);
for (const size of [192, 512]) {
  writeFileSync(new URL(`icon-${size}.png`, out), icon(size, false));
  writeFileSync(new URL(`maskable-${size}.png`, out), icon(size, true));
}
writeFileSync(new URL('apple-touch-icon.png', out), icon(180, true));
console.log('icons written');
