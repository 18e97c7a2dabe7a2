// Draws the app icon (build/icon.png, 512x512) with nothing but Node's zlib: a blue rounded
// square with three stacked layers, the "image" a machine is built from. electron-builder
// derives the macOS .icns and Windows .ico from this PNG.
//
//   node scripts/make-icon.mjs [output.png]
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const SIZE = 512;
const SAMPLES = 4; // 4x4 supersampling for smooth edges

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const output = path.resolve(process.argv[2] ?? path.join(repoRoot, 'build', 'icon.png'));

/** Signed distance to a rounded box centred at (cx, cy) with half sizes hw, hh and radius r. */
function roundedBox(x, y, cx, cy, hw, hh, r) {
  const qx = Math.abs(x - cx) - (hw - r);
  const qy = Math.abs(y - cy) - (hh - r);
  const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0));
  return outside + Math.min(Math.max(qx, qy), 0) - r;
}

/** Approximate signed distance to a rhombus (an isometric tile) with rounded corners. */
function rhombus(x, y, cx, cy, a, b, r) {
  const sa = a - r * 2;
  const sb = b - r;
  const u = Math.abs(x - cx) / sa + Math.abs(y - cy) / sb - 1;
  return (u * sa * sb) / Math.hypot(sa, sb) - r;
}

const lerp = (p, q, t) => p + (q - p) * t;

function background(x, y) {
  // Diagonal gradient: deep indigo at the top left to sky blue at the bottom right.
  const t = Math.min(1, Math.max(0, (x + y) / (2 * SIZE)));
  return [lerp(30, 14, t), lerp(58, 165, t), lerp(138, 233, t)];
}

// Three layers, top first; each is drawn with a gap cut around the layer above it.
const LAYERS = [
  { cy: 196, alpha: 1 },
  { cy: 262, alpha: 0.82 },
  { cy: 328, alpha: 0.64 },
];
const TILE = { a: 150, b: 82, r: 14 };
const GAP = 14;

/** Colour (r, g, b, a) of one sample point. */
function sample(x, y) {
  if (roundedBox(x, y, SIZE / 2, SIZE / 2, 224, 224, 96) > 0) return [0, 0, 0, 0];
  const bg = background(x, y);
  for (let i = 0; i < LAYERS.length; i++) {
    const layer = LAYERS[i];
    if (i > 0 && rhombus(x, y, SIZE / 2, LAYERS[i - 1].cy, TILE.a, TILE.b, TILE.r) <= GAP) return [...bg, 1];
    if (rhombus(x, y, SIZE / 2, layer.cy, TILE.a, TILE.b, TILE.r) <= 0) {
      return [lerp(bg[0], 255, layer.alpha), lerp(bg[1], 255, layer.alpha), lerp(bg[2], 255, layer.alpha), 1];
    }
  }
  return [...bg, 1];
}

function render() {
  const stride = SIZE * 4 + 1;
  const raw = Buffer.alloc(stride * SIZE);
  for (let py = 0; py < SIZE; py++) {
    raw[py * stride] = 0; // PNG filter type "None" for each scanline
    for (let px = 0; px < SIZE; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const [sr, sg, sb, sa] = sample(px + (sx + 0.5) / SAMPLES, py + (sy + 0.5) / SAMPLES);
          // Premultiplied accumulation so transparent samples do not darken the edge.
          r += sr * sa;
          g += sg * sa;
          b += sb * sa;
          a += sa;
        }
      }
      const o = py * stride + 1 + px * 4;
      const n = SAMPLES * SAMPLES;
      raw[o] = a ? Math.round(r / a) : 0;
      raw[o + 1] = a ? Math.round(g / a) : 0;
      raw[o + 2] = a ? Math.round(b / a) : 0;
      raw[o + 3] = Math.round((a / n) * 255);
    }
  }
  return raw;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body));
  return Buffer.concat([length, body, crc]);
}

function png(raw) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type RGBA
  header[10] = 0; // deflate
  header[11] = 0; // adaptive filtering
  header[12] = 0; // no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

mkdirSync(path.dirname(output), { recursive: true });
writeFileSync(output, png(render()));
console.log(`icon: wrote ${path.relative(process.cwd(), output) || output} (${SIZE}x${SIZE})`);
