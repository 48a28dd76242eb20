#!/usr/bin/env node
// Draws the two app icons with nothing but zlib: color.png (192x192, green with a white
// route of three steps) and outline.png (32x32, white on transparent). Run once; the PNGs
// are committed.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png(size, pixel) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x++) row.set(pixel(x / size, y / size), 1 + x * 4);
    rows.push(row);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
// Three rising steps: a route from vmbo to mbo.
function onSteps(u, v) {
  const steps = [
    [0.18, 0.62, 0.38, 0.8],
    [0.4, 0.44, 0.6, 0.8],
    [0.62, 0.26, 0.82, 0.8],
  ];
  return steps.some(([x0, y0, x1, y1]) => u >= x0 && u < x1 && v >= y0 && v < y1);
}
const dir = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../appPackage');
fs.writeFileSync(path.join(dir, 'color.png'), png(192, (u, v) => (onSteps(u, v) ? [255, 255, 255, 255] : [0x1f, 0x6f, 0x5c, 255])));
fs.writeFileSync(path.join(dir, 'outline.png'), png(32, (u, v) => (onSteps(u, v) ? [255, 255, 255, 255] : [0, 0, 0, 0])));
console.log('wrote appPackage/color.png and appPackage/outline.png');
