import { arch, platform, release } from 'node:os';
import type { InitializeParams, InitializeResponse } from '@agentd/protocol/handshake';
import type { ServerInfo } from '../app-context.js';

/**
 * The handshake answer: who we are, where our home is, what platform we run on. The connection
 * calls it directly (not through the handler table) so the first answer needs nothing loaded.
 */
export function initialize({ clientInfo }: InitializeParams, server: ServerInfo): InitializeResponse {
  const os = platform();
  return {
    userAgent: `agentd/${server.version} (${os} ${release()}; ${arch()}) ${clientInfo.name}/${clientInfo.version}`,
    codexHome: server.home,
    platformFamily: os === 'win32' ? 'windows' : 'unix',
    platformOs: os === 'darwin' ? 'macos' : os === 'win32' ? 'windows' : os,
  };
}
