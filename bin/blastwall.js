#!/usr/bin/env node
// The agent hooks read "exit 2" as "block"; any other failure code would let the tool run. So when the
// verb is `hook`, every failure that happens before or outside the verb's own handling exits 2.
const isHook = process.argv[2] === 'hook';

// Short-lived verbs run a few WebAssembly calls and exit: V8's optimising wasm tier would only burn CPU
// compiling code the process never gets to use. Long-running verbs keep it.
if (!['serve', 'mcp-proxy', 'demo'].includes(process.argv[2] ?? '')) {
  const { setFlagsFromString } = await import('node:v8');
  setFlagsFromString('--liftoff-only');
}
const failure = isHook ? 2 : 4;

function fail(error) {
  process.stderr.write(
    `blastwall: internal error: ${error instanceof Error ? error.message : String(error)}${isHook ? ' — blocked' : ''}\n`,
  );
  process.exitCode = failure;
}

process.on('uncaughtException', fail);
import('../dist/main.js').then(
  ({ main }) =>
    main(process.argv.slice(2)).then((code) => {
      process.exitCode = isHook && code === 4 ? 2 : code;
    }, fail),
  fail,
);
