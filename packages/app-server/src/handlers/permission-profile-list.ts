import type { v2 } from '@agentd/protocol';
import type { Handler } from '../handler.js';
import { offsetPage } from '../mapping/offset-page.js';

/**
 * The built-in permission profiles, named as the reference names them (a leading `:` marks a
 * built-in); each is one of the sandbox modes. agentd has no user-defined profiles yet.
 */
const BUILT_IN_PROFILES: readonly v2.PermissionProfileSummary[] = [
  { id: ':read-only', allowed: true, description: 'Read any file; write nothing; no network.' },
  { id: ':workspace', allowed: true, description: 'Read any file; write in the working directory, /tmp and the configured roots; no network.' },
  { id: ':danger-full-access', allowed: true, description: 'No sandbox: commands may write anywhere and use the network.' },
];

/** The permission profiles a client can offer, page by page. */
export const permissionProfileList: Handler<'permissionProfile/list'> = ({ cursor, limit }) => offsetPage(BUILT_IN_PROFILES, cursor, limit);
