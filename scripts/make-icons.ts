/**
 * npm run icons: renders resources/icon.svg into the PNGs the app, the installers and the page use
 * (icon.png 1024 for electron-builder, 512 and 256 for Linux, favicon.png for the page), and
 * draws the sample input pictures in resources/samples/. Run it after changing the drawings.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';

const resources = path.resolve(import.meta.dirname, '../resources');
const svg = readFileSync(path.join(resources, 'icon.svg'));

for (const [name, size] of [['icon.png', 1024], ['icon-512.png', 512], ['icon-256.png', 256], ['favicon.png', 64]] as const) {
  await sharp(svg, { density: (72 * size) / 1024 }).resize(size, size).png({ compressionLevel: 9 }).toFile(path.join(resources, name));
}

/** Simple studio-lit objects on a plain backdrop: what image-to-3D expects of a first picture. */
const samples: Record<string, string> = {
  'mug.png': `<rect width="512" height="512" fill="#e9e6e1"/>
    <ellipse cx="256" cy="420" rx="130" ry="22" fill="#000" opacity="0.15"/>
    <path d="M346 210 q70 0 70 70 q0 70 -70 70" fill="none" stroke="#c8553d" stroke-width="26"/>
    <rect x="146" y="150" width="210" height="265" rx="18" fill="url(#m)"/>
    <ellipse cx="251" cy="152" rx="105" ry="20" fill="#8f3425"/>
    <defs><linearGradient id="m" x1="0" x2="1"><stop offset="0" stop-color="#a23e2c"/><stop offset="0.45" stop-color="#e0735a"/><stop offset="1" stop-color="#8f3425"/></linearGradient></defs>`,
  'vase.png': `<rect width="512" height="512" fill="#dfe5ea"/>
    <ellipse cx="256" cy="440" rx="100" ry="18" fill="#000" opacity="0.15"/>
    <path d="M216 80 h80 v30 q-10 40 40 100 q60 80 20 170 q-20 40 -50 50 h-100 q-30 -10 -50 -50 q-40 -90 20 -170 q50 -60 40 -100z" fill="url(#v)"/>
    <ellipse cx="256" cy="82" rx="40" ry="9" fill="#17403d"/>
    <defs><linearGradient id="v" x1="0" x2="1"><stop offset="0" stop-color="#1f5f5b"/><stop offset="0.4" stop-color="#4fb3a9"/><stop offset="1" stop-color="#17403d"/></linearGradient></defs>`,
  'robot.png': `<rect width="512" height="512" fill="#ece8f2"/>
    <ellipse cx="256" cy="452" rx="140" ry="20" fill="#000" opacity="0.15"/>
    <rect x="176" y="250" width="160" height="150" rx="20" fill="url(#r)"/>
    <rect x="186" y="120" width="140" height="115" rx="26" fill="url(#r)"/>
    <circle cx="226" cy="175" r="16" fill="#2b2d42"/><circle cx="286" cy="175" r="16" fill="#2b2d42"/>
    <line x1="256" y1="120" x2="256" y2="82" stroke="#5c5f7a" stroke-width="8"/><circle cx="256" cy="78" r="12" fill="#f2a541"/>
    <rect x="126" y="262" width="40" height="110" rx="18" fill="#8d91b8"/><rect x="346" y="262" width="40" height="110" rx="18" fill="#8d91b8"/>
    <rect x="196" y="400" width="44" height="50" rx="10" fill="#5c5f7a"/><rect x="272" y="400" width="44" height="50" rx="10" fill="#5c5f7a"/>
    <defs><linearGradient id="r" x1="0" x2="1"><stop offset="0" stop-color="#8d91b8"/><stop offset="0.45" stop-color="#c9cbe6"/><stop offset="1" stop-color="#6f7399"/></linearGradient></defs>`,
};
mkdirSync(path.join(resources, 'samples'), { recursive: true });
for (const [name, body] of Object.entries(samples)) {
  const picture = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512">${body}</svg>`);
  await sharp(picture).png({ compressionLevel: 9 }).toFile(path.join(resources, 'samples', name));
}
console.log(`icons and samples written to ${resources}`);
