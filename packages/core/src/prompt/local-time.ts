/**
 * Today's date and the local time zone's name, for the environment the prompt describes, without
 * ICU's locale data: asking Intl (`Intl.DateTimeFormat().resolvedOptions()`) costs about 35 ms and
 * 8 MiB resident the first time, which the first thread of every daemon paid. Date's own getters
 * give the local date; the zone's name comes from the link /etc/localtime makes into the zone
 * database, or /etc/timezone, and from Intl only when neither says or TZ is set (it may be any
 * POSIX form there).
 */
import { readFileSync, readlinkSync } from 'node:fs';

/** `YYYY-MM-DD` of `now` in the local time zone. */
export function localDate(now: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${String(now.getFullYear()).padStart(4, '0')}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

let cached: { tz: string | undefined; zone: string } | undefined;

/** The local time zone's IANA name (`Europe/Paris`), worked out once per value of TZ. */
export function localTimeZone(): string {
  const tz = process.env.TZ;
  if (!cached || cached.tz !== tz) cached = { tz, zone: (tz === undefined ? systemZone() : undefined) ?? intlZone() };
  return cached.zone;
}

/** The names of UTC that Intl calls `UTC`. */
const UTC_ALIASES = new Set(['Etc/UTC', 'Etc/UCT', 'Etc/Universal', 'Etc/Zulu', 'UCT', 'Universal', 'Zulu']);

/** The zone named by a link into the zone database: `/usr/share/zoneinfo/Europe/Paris` → `Europe/Paris`. */
export function zoneOfLink(target: string): string | undefined {
  return intlName(/\/zoneinfo\/(.+)$/.exec(target)?.[1]);
}

/** The name Intl gives a zone: UTC under any of its aliases is `UTC`. */
function intlName(zone: string | undefined): string | undefined {
  return zone !== undefined && UTC_ALIASES.has(zone) ? 'UTC' : zone;
}

function systemZone(): string | undefined {
  try {
    const zone = zoneOfLink(readlinkSync('/etc/localtime'));
    if (zone) return zone;
  } catch {
    // Not a link (a copied zone file), or no /etc/localtime: /etc/timezone, or Intl.
  }
  try {
    return intlName(readFileSync('/etc/timezone', 'utf8').trim() || undefined);
  } catch {
    return undefined;
  }
}

function intlZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
