import { describe, expect, it } from 'vitest';
import { localDate, localTimeZone, zoneOfLink } from './local-time.js';

describe('local time for the environment context', () => {
  it('writes the local date as YYYY-MM-DD, as Intl does', () => {
    expect(localDate(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
    const now = new Date();
    const intl = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
    expect(localDate(now)).toBe(intl);
  });

  it('names the zone as Intl does', () => {
    expect(localTimeZone()).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
  });

  it('reads the zone off a link into the zone database', () => {
    expect(zoneOfLink('/usr/share/zoneinfo/Europe/Paris')).toBe('Europe/Paris');
    expect(zoneOfLink('../usr/share/zoneinfo/America/Argentina/Buenos_Aires')).toBe('America/Argentina/Buenos_Aires');
    expect(zoneOfLink('/usr/share/zoneinfo/Etc/UTC')).toBe('UTC');
    expect(zoneOfLink('/etc/some-file')).toBeUndefined();
  });

  it('asks Intl when TZ is set, whatever form it has', () => {
    const saved = process.env.TZ;
    try {
      process.env.TZ = 'Asia/Tokyo';
      expect(localTimeZone()).toBe('Asia/Tokyo');
      process.env.TZ = 'EST5EDT';
      expect(localTimeZone()).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});
