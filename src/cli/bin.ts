#!/usr/bin/env node
/**
 * The `modelship` binary. The first Ctrl-C cancels the running command (a deploy removes what it made, then
 * exits 130); a second one exits at once.
 */
import { runCli } from './program.js';

const controller = new AbortController();
process.on('SIGINT', () => {
  if (controller.signal.aborted) process.exit(130);
  process.stderr.write('\ncancelling (Ctrl-C again to quit at once)…\n');
  controller.abort(new Error('cancelled with Ctrl-C'));
});

void runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  signal: controller.signal,
}).then((code) => {
  process.exitCode = code;
  // Idle keep-alive sockets of AWS clients must not hold a finished command open; output already written drains
  // first, because an unref'd timer only fires while something else keeps the process alive.
  setTimeout(() => process.exit(code), 200).unref();
});
