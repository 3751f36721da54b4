// @ts-check
// 32-bit FNV-1a of a string, hex: enough to tell bundles and builds apart in file names. Its own file so that
// the hook's thin client (bin/hook-client.js) need not load bin/hook-bundle.js to name the daemon's socket.
'use strict';

/** @param {string} text */
function fnv1a(text) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

module.exports = { fnv1a };
