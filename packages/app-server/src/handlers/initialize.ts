import { arch, platform, release } from 'node:os';
import type { Handler } from '../handler.js';

/** The handshake answer: who we are, where our home is, what platform we run on. */
export const initialize: Handler<'initialize'> = ({ clientInfo }, ctx) => {
  const os = platform();
  return {
    userAgent: `agentd/${ctx.app.version} (${os} ${release()}; ${arch()}) ${clientInfo.name}/${clientInfo.version}`,
    codexHome: ctx.app.home,
    platformFamily: os === 'win32' ? 'windows' : 'unix',
    platformOs: os === 'darwin' ? 'macos' : os === 'win32' ? 'windows' : os,
  };
};
