/** Every implemented method, by name. The connection refuses methods missing here with -32601. */
import type { HandlerTable } from '../handler.js';
import { initialize } from './initialize.js';
import { threadArchive } from './thread-archive.js';
import { threadFork } from './thread-fork.js';
import { threadList } from './thread-list.js';
import { threadLoadedList } from './thread-loaded-list.js';
import { threadRead } from './thread-read.js';
import { threadResume } from './thread-resume.js';
import { threadRevert } from './thread-revert.js';
import { threadStart } from './thread-start.js';
import { threadUnarchive } from './thread-unarchive.js';
import { threadUnsubscribe } from './thread-unsubscribe.js';
import { turnInterrupt } from './turn-interrupt.js';
import { turnStart } from './turn-start.js';
import { turnSteer } from './turn-steer.js';

export const handlers: HandlerTable = {
  initialize,
  'thread/start': threadStart,
  'thread/resume': threadResume,
  'thread/fork': threadFork,
  'thread/read': threadRead,
  'thread/list': threadList,
  'thread/loaded/list': threadLoadedList,
  'thread/archive': threadArchive,
  'thread/unarchive': threadUnarchive,
  'thread/unsubscribe': threadUnsubscribe,
  'thread/revert': threadRevert,
  'turn/start': turnStart,
  'turn/interrupt': turnInterrupt,
  'turn/steer': turnSteer,
};
