import { describe, expect, it } from 'vitest';
import { EmptyResultSchema, type NotificationTable } from '@agentd/protocol';
import { isDeliverable } from './notification-gate.js';

describe('isDeliverable', () => {
  const table: NotificationTable = {
    'turn/started': { params: EmptyResultSchema, summary: '' },
    'turn/sampled': { params: EmptyResultSchema, summary: '', experimental: true },
  };
  const audience = (experimentalApi: boolean, optOut: string[] = []) => ({ experimentalApi, wants: (m: string) => !optOut.includes(m) });

  it('never sends an experimental notification to a client that did not opt in', () => {
    expect(isDeliverable('turn/sampled', audience(false), table)).toBe(false);
    expect(isDeliverable('turn/sampled', audience(true), table)).toBe(true);
  });

  it('honours optOutNotificationMethods, experimental or not', () => {
    expect(isDeliverable('turn/started', audience(false, ['turn/started']), table)).toBe(false);
    expect(isDeliverable('turn/sampled', audience(true, ['turn/sampled']), table)).toBe(false);
    expect(isDeliverable('turn/started', audience(false), table)).toBe(true);
  });
});
