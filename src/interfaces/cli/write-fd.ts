import { writeSync } from 'node:fs';

/**
 * Writes text straight to stdout's or stderr's file descriptor: touching process.stdout on a pipe loads Node's
 * stream and socket modules, a measurable share of a short process's start-up (the hook, the push check). A full
 * non-blocking pipe (EAGAIN) hands the rest to the stream, which waits. A reader that went away (EPIPE, or any
 * other write failure) is reported, never thrown: returns false when not everything was written, and each caller
 * decides what a lost answer means (the hook blocks; `check` keeps its decision's exit code).
 * bin/hook-client.js keeps a copy of this (its `write`): the thin client loads only Node built-ins on its fast
 * path, never a bundle, so it cannot call this one.
 */
export function writeAll(fd: 1 | 2, text: string): boolean {
  if (text === '') return true;
  const bytes = Buffer.from(text, 'utf8');
  let written = 0;
  try {
    while (written < bytes.length) written += writeSync(fd, bytes, written);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') return false;
    (fd === 1 ? process.stdout : process.stderr).write(bytes.subarray(written));
    return true;
  }
}
