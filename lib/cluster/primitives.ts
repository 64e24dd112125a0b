/**
 * Typed building blocks shared by every entity schema. Each one is strict enough that a value
 * passing it can be put on an ipvsadm or ip command line without further thought.
 */
import { z } from 'zod';

export const SCHEDULERS = ['rr', 'wrr', 'lc', 'wlc', 'lblc', 'lblcr', 'dh', 'sh', 'sed', 'nq', 'fo', 'ovf', 'mh', 'twos'] as const;
export const PROTOCOLS = ['tcp', 'udp', 'sctp', 'fwmark'] as const;
export const FORWARDING = ['dr', 'nat', 'tun'] as const;
export const TUNNEL_TYPES = ['ipip', 'gue', 'gre'] as const;
export const SCHEDULER_FLAGS = ['sh-fallback', 'sh-port', 'mh-fallback', 'mh-port'] as const;
export const ROLES = ['admin', 'operator', 'viewer'] as const;

export type Scheduler = (typeof SCHEDULERS)[number];
export type Protocol = (typeof PROTOCOLS)[number];
export type Forwarding = (typeof FORWARDING)[number];
export type TunnelType = (typeof TUNNEL_TYPES)[number];
export type SchedulerFlag = (typeof SCHEDULER_FLAGS)[number];
export type Role = (typeof ROLES)[number];

/** Text that is valid Unicode: no lone UTF-16 surrogate (it cannot be stored or encoded faithfully). */
export const isWellFormedText = (s: string) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

const LOOKALIKE_SCRIPTS = [/\p{Script=Latin}/u, /\p{Script=Greek}/u, /\p{Script=Cyrillic}/u];

/**
 * Names: what an admin types to identify a thing. NFC-normalized, so one name has one spelling;
 * letters (any script), digits, marks, space, dot, dash and underscore only, so format characters
 * (U+200B, U+202E), line separators and noncharacters cannot make `web` and `w\u200Beb` two names;
 * and Latin, Greek and Cyrillic letters never in one name (`wеb` with a Cyrillic е).
 */
export const name = z
  .string({ error: 'must be text' })
  .refine(isWellFormedText, 'must be valid text (it holds a lone UTF-16 surrogate)')
  // Before trim, which would quietly drop a trailing U+2028 or a leading BOM.
  .refine((s) => !/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}\p{Cn}]/u.test(s), 'must not hold control, format or invisible characters')
  .transform((s) => s.normalize('NFC').trim())
  .pipe(
    z.string()
      .min(1, 'is required')
      .max(64, 'must be at most 64 characters')
      .regex(/^[\p{L}\p{N}][\p{L}\p{N}\p{M}._ -]*$/u, 'may hold letters, digits, space, dot, dash and underscore, starting with a letter or digit')
      .refine((s) => LOOKALIKE_SCRIPTS.filter((re) => re.test(s)).length <= 1, 'must not mix Latin, Greek and Cyrillic letters'),
  );

/** Free text (descriptions, notes): any printable text; never reaches a command. */
export const freeText = z
  .string({ error: 'must be text' })
  .max(2000, 'must be at most 2000 characters')
  .refine(isWellFormedText, 'must be valid text (it holds a lone UTF-16 surrogate)')
  .refine((s) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(s), 'must not hold control characters');

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

export const ipv4 = z.string({ error: 'must be an IPv4 address' }).trim().regex(IPV4, 'must be an IPv4 address like 10.10.0.11');

/** An address a host can hold: valid syntax that is neither "this network" (0.0.0.0) nor the broadcast. */
export const hostAddress = ipv4.refine((s) => s !== '0.0.0.0' && s !== '255.255.255.255', 'must be a host address (not 0.0.0.0 or 255.255.255.255)');

export function maskToPrefix(mask: string): number | null {
  if (!IPV4.test(mask)) return null;
  const n = mask.split('.').reduce((acc, o) => acc * 256 + Number(o), 0);
  let prefix = 0;
  let seenZero = false;
  for (let bit = 31; bit >= 0; bit--) {
    const one = Math.floor(n / 2 ** bit) % 2 === 1;
    if (one && seenZero) return null;
    if (one) prefix++;
    else seenZero = true;
  }
  return prefix;
}

export function prefixToMask(prefix: number): string {
  const n = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.');
}

/** A dotted netmask with contiguous ones, e.g. 255.255.255.0. */
export const netmask = z
  .string({ error: 'must be a netmask' })
  .trim()
  .refine((s) => maskToPrefix(s) !== null, 'must be a netmask like 255.255.255.255');

/** A VIP's netmask: 0.0.0.0 would claim every address on the interface. */
export const vipNetmask = netmask.refine((s) => maskToPrefix(s) !== 0, 'must not be 0.0.0.0 (at least /1; a VIP is usually /32)');

export const port = z
  .number({ error: 'must be a number' })
  .int('must be a whole number')
  .min(1, 'must be between 1 and 65535')
  .max(65535, 'must be between 1 and 65535');

/** Interface names as the kernel allows them (IFNAMSIZ 16, no slash or space); an alias label is not an interface. */
export const ifname = z
  .string({ error: 'must be an interface name' })
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,14}$/, 'must be an interface name like eth0 (letters, digits, . _ -, at most 15)');

/**
 * An interface the console puts a VIP on. The address label that marks the VIP as ours
 * (lib/ipvs/render.ts managedLabel) must start with the device name and fit the kernel's 15
 * characters, so a 15-character name, valid for the kernel, leaves no room for it.
 */
export const vipIfname = ifname.refine((s) => s.length <= 14, 'must be at most 14 characters (the console labels the VIP address after the interface)');

/** SSH login user: POSIX portable user name. */
export const unixUser = z
  .string({ error: 'must be a user name' })
  .trim()
  .regex(/^[a-z_][a-z0-9_-]{0,31}$/, 'must be a user name like root');

/** Host for SSH: an IPv4 address or a DNS name. */
export const host = z
  .string({ error: 'must be a host name or address' })
  .trim()
  .max(253, 'must be at most 253 characters')
  .regex(/^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/, 'must be a host name or IPv4 address');

/** OpenSSH SHA256 fingerprint: "SHA256:" + 43 unpadded base64 characters. */
export const fingerprint = z
  .string({ error: 'must be a fingerprint' })
  .trim()
  .regex(/^SHA256:[A-Za-z0-9+/]{43}$/, 'must be a SHA256 fingerprint like SHA256:abc… (43 characters after the colon)');

export const weight = z
  .number({ error: 'must be a number' })
  .int('must be a whole number')
  .min(0, 'must be between 0 and 65535')
  .max(65535, 'must be between 0 and 65535');

export const id = z.string({ error: 'must be an id' }).regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be an id');
export const idList = z.array(id, { error: 'must be a list of ids' }).max(1000, 'has too many entries');
