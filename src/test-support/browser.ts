import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Flags for a quiet headless Chromium in a container: no sandbox (no user namespaces), no phoning home. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const ROOT = join(import.meta.dirname, '..', '..');
const WEB_SOURCES = join(ROOT, 'web');
const WEB_BUILD = join(ROOT, 'dist', 'web', 'index.html');

/** Launches headless Chromium from `executablePath` (see `chromiumPath()` in services.ts). */
export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
}

/**
 * Builds the dashboard into dist/web unless a build newer than every file under web/ is there already,
 * so the browser suite never tests a stale page (`npm test` builds it first anyway).
 */
export function ensureDashboardBuilt(): void {
  if (existsSync(WEB_BUILD) && statSync(WEB_BUILD).mtimeMs >= newestMtime(WEB_SOURCES)) return;
  execFileSync(
    process.execPath,
    [
      join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--config',
      'web/vite.config.ts',
      '--logLevel',
      'warn',
    ],
    {
      cwd: ROOT,
      // vitest sets NODE_ENV=test; the suite must test the production build a user gets.
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Waits for the dashboard page `name` to mark itself ready and returns how long that took, in the
 * browser's own clock: milliseconds from the navigation's start to the page's `ready:<name>` mark.
 */
export async function waitForReady(page: Page, name: string, timeout = 15_000): Promise<number> {
  await page.waitForSelector(`[data-page="${name}"][data-ready="true"]`, { timeout });
  const at = await page.evaluate((mark) => {
    const entries = performance.getEntriesByName(mark, 'mark');
    return entries[entries.length - 1]?.startTime;
  }, `ready:${name}`);
  if (at === undefined) throw new Error(`page ${name} is ready but set no performance mark`);
  return at;
}

/** How many CSS pixels the document is wider than the viewport (0 when nothing scrolls sideways). */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/**
 * Drawn SVG content that lies outside its SVG's box (and so is cut off), on the whole page: each shape,
 * path and text of every visible SVG, measured in the browser, with a pixel of slack for anti-aliasing.
 * Returns one line per clipped element, empty when nothing is cut.
 */
export function clippedSvgContent(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    for (const svg of Array.from(document.querySelectorAll('svg'))) {
      const box = svg.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      for (const shape of Array.from(svg.querySelectorAll('path, rect, circle, line, polyline, text'))) {
        if (shape.closest('defs, marker, title')) continue;
        const inner = shape.getBoundingClientRect();
        if (inner.width === 0 && inner.height === 0) continue;
        if (
          inner.left < box.left - 1 ||
          inner.top < box.top - 1 ||
          inner.right > box.right + 1 ||
          inner.bottom > box.bottom + 1
        ) {
          const where = svg.getAttribute('data-graph') ?? svg.closest('[id]')?.id ?? 'svg';
          found.push(
            `${where}: <${shape.tagName}> ${shape.textContent?.slice(0, 30) ?? ''} at ` +
              `${Math.round(inner.left - box.left)},${Math.round(inner.top - box.top)} ` +
              `${Math.round(inner.width)}×${Math.round(inner.height)} in ${Math.round(box.width)}×${Math.round(box.height)}`,
          );
        }
      }
    }
    return found;
  });
}
