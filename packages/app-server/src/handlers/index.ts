/**
 * Every implemented method but the handshake, by name. The connection refuses methods missing
 * here with -32601. Loaded lazily, on the first request after `initialize`.
 */
import type { HandlerTable } from '../handler.js';
import { accountRead } from './account-read.js';
import { commandExecResize } from './command-exec-resize.js';
import { commandExecTerminate } from './command-exec-terminate.js';
import { commandExecWrite } from './command-exec-write.js';
import { commandExec } from './command-exec.js';
import { configRead } from './config-read.js';
import { mcpServerStatusList } from './mcp-server-status-list.js';
import { modelList } from './model-list.js';
import { permissionProfileList } from './permission-profile-list.js';
import { skillsList } from './skills-list.js';
import { threadArchive } from './thread-archive.js';
import { threadFork } from './thread-fork.js';
import { threadList } from './thread-list.js';
import { threadLoadedList } from './thread-loaded-list.js';
import { threadCompactStart } from './thread-compact-start.js';
import { threadNameSet } from './thread-name-set.js';
import { threadRead } from './thread-read.js';
import { threadTurnsList } from './thread-turns-list.js';
import { threadResume } from './thread-resume.js';
import { threadRevert } from './thread-revert.js';
import { threadStart } from './thread-start.js';
import { threadUnarchive } from './thread-unarchive.js';
import { threadUnsubscribe } from './thread-unsubscribe.js';
import { turnInterrupt } from './turn-interrupt.js';
import { turnStart } from './turn-start.js';
import { turnSteer } from './turn-steer.js';

export const handlers: HandlerTable = {
  'thread/start': threadStart,
  'thread/resume': threadResume,
  'thread/fork': threadFork,
  'thread/read': threadRead,
  'thread/turns/list': threadTurnsList,
  'thread/list': threadList,
  'thread/loaded/list': threadLoadedList,
  'thread/archive': threadArchive,
  'thread/unarchive': threadUnarchive,
  'thread/unsubscribe': threadUnsubscribe,
  'thread/revert': threadRevert,
  'thread/compact/start': threadCompactStart,
  'turn/start': turnStart,
  'turn/interrupt': turnInterrupt,
  'turn/steer': turnSteer,
  'thread/name/set': threadNameSet,
  'config/read': configRead,
  'account/read': accountRead,
  'permissionProfile/list': permissionProfileList,
  'model/list': modelList,
  'skills/list': skillsList,
  'command/exec': commandExec,
  'command/exec/write': commandExecWrite,
  'command/exec/terminate': commandExecTerminate,
  'command/exec/resize': commandExecResize,
  'mcpServerStatus/list': mcpServerStatusList,
};
