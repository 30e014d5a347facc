#!/usr/bin/env node
import { main } from '../dist/bundle/agentd.js';

// Exit explicitly once the command is done: stdin, idle sockets and timers must not keep the
// process alive after a shutdown (everything was flushed before main resolved).
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`agentd: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
