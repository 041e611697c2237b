// images.mjs — test images made here, not by the code under test: a PNG encoder (8-bit RGB,
// zlib from node), a PNG header claiming any size, and a JPEG with EXIF GPS and orientation
// written by the independent tools `vips` (libvips-tools) and `exiftool`.
import { deflateSync } from 'node:zlib';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { run } from './lib.mjs';

const CRC = new Int32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});

function crc32(buf) {
  let c = -1;
  for (const b of buf) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function ihdr(w, h) {
  const b = Buffer.alloc(13);
  b.writeUInt32BE(w, 0);
  b.writeUInt32BE(h, 4);
  b[8] = 8; // bit depth
  b[9] = 2; // RGB
  return chunk('IHDR', b);
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** png makes a w × h RGB PNG whose pixel (x, y) is colour(x, y) → [r, g, b]. */
export function png(w, h, colour) {
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) {
    raw[y * (w * 3 + 1)] = 0; // filter: none
    for (let x = 0; x < w; x++) raw.set(colour(x, y), y * (w * 3 + 1) + 1 + x * 3);
  }
  return Buffer.concat([SIGNATURE, ihdr(w, h), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** hugePng is a valid PNG header claiming w × h pixels, with a few bytes of data only. */
export function hugePng(w, h) {
  return Buffer.concat([SIGNATURE, ihdr(w, h), chunk('IDAT', deflateSync(Buffer.alloc(64))), chunk('IEND', Buffer.alloc(0))]);
}

/**
 * gpsJpeg writes a w × h JPEG (from png()) into dir with EXIF orientation 6 (rotate 90° to view)
 * and a GPS position, and answers its bytes.
 */
export async function gpsJpeg(dir, w, h) {
  const src = path.join(dir, 'gps-source.png');
  const out = path.join(dir, 'gps.jpg');
  writeFileSync(src, png(w, h, (x, y) => [x < w / 2 ? 200 : 40, 120, y < h / 2 ? 60 : 220]));
  let r = await run('vips', ['copy', src, out]);
  if (r.code !== 0) throw new Error(`vips copy: ${r.stderr}`);
  r = await run('exiftool', ['-overwrite_original', '-n', '-Orientation=6', '-GPSLatitude=51.5072',
    '-GPSLatitudeRef=N', '-GPSLongitude=0.1276', '-GPSLongitudeRef=W', '-Artist=Someone', out]);
  if (r.code !== 0) throw new Error(`exiftool: ${r.stderr}`);
  return readFileSync(out);
}

/** exif reads every tag of a file with exiftool (JSON, numeric values). */
export async function exif(file) {
  const r = await run('exiftool', ['-j', '-n', '-a', '-G1', file]);
  if (r.code !== 0) throw new Error(`exiftool: ${r.stderr}`);
  return JSON.parse(r.stdout)[0];
}
