import {
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLInputType,
} from 'graphql';
import type { Prng } from './prng';

/**
 * Values for GraphQL inputs, by the input's type: plausible ones, boundary ones
 * of the right type, and wrong ones the type system must refuse.
 */

/** Real ids and names of the world under test, so plausible values reach past "not found". */
export interface ValuePools {
  ids: string[];
  emails: string[];
  destinations: string[];
}

/** Strings that have broken parsers, query builders and templates before. */
export const NASTY_STRINGS: readonly string[] = [
  '',
  ' ',
  '\t\n',
  '\u0000',
  'null',
  'undefined',
  '{"$gt": ""}',
  '{"$ne": null}',
  '$where',
  '$gt',
  "'; DROP TABLE bookings; --",
  "' OR '1'='1",
  '" OR ""="',
  '\\',
  '%00',
  '%s%s%s%n',
  '../../../../etc/passwd',
  '<script>alert(1)</script>',
  '{{7*7}}',
  '${7*7}',
  '__proto__',
  'constructor',
  '\ud800',
  '\uffff',
  'Ω≈ç√∫˜µ≤≥÷',
  '𝕬𝖘𝖙𝖗𝖔 🚀👩‍🚀',
  'ثم نفس سقطت',
  '\u202etxt.exe',
  'a'.repeat(256),
  'é'.repeat(1_000),
  'x'.repeat(20_000),
];

/** Objects that a careless MongoDB query would take for operators. */
export const OPERATOR_OBJECTS: readonly unknown[] = [
  { $gt: '' },
  { $ne: null },
  { $regex: '.*' },
  { $where: 'sleep(1000) || true' },
  { $in: [] },
  { $exists: true },
  { $expr: { $eq: [1, 1] } },
  // Parsed, so `__proto__` is an own key as it would be in a request body.
  JSON.parse('{"__proto__": {"polluted": true}}') as unknown,
  { constructor: { prototype: { polluted: true } } },
];

const INT_BOUNDARIES = [
  0, -1, 1, 2, 4, 5, 20, 100, 101, 1_000, 1_001, 2_147_483_647, -2_147_483_648,
];

const DATE_BOUNDARIES = [
  '1970-01-01T00:00:00.000Z',
  '0001-01-01T00:00:00Z',
  '9999-12-31T23:59:59.999Z',
  new Date().toISOString(),
  '2030-06-15T12:00:00+14:00',
  '2030-06-15T12:00:00-12:00',
];

function plausibleString(prng: Prng, pools: ValuePools, hint: string): string {
  const name = hint.toLowerCase();
  if (name.includes('email')) return prng.pick([...pools.emails, `${prng.string(8)}@example.com`]);
  if (name.includes('password')) return `${prng.string(12)}-7`;
  if (name.includes('currency')) return prng.pick(['EUR', 'USD', 'JPY']);
  if (name.includes('destination')) return prng.pick(pools.destinations);
  if (name.includes('cursor') || name === 'after')
    return Buffer.from(`["${prng.string(6)}"]`).toString('base64url');
  return prng.string(prng.int(1, 24), 'abcdefghijklmnopqrstuvwxyz ABCDEFGHIJ-0123456789');
}

function scalarValue(
  scalar: string,
  prng: Prng,
  pools: ValuePools,
  hint: string,
  mode: 'plausible' | 'boundary',
): unknown {
  switch (scalar) {
    case 'Int':
      return mode === 'plausible' ? prng.int(1, 4) : prng.pick(INT_BOUNDARIES);
    case 'Float':
      return mode === 'plausible' ? prng.next() * 100 : prng.pick([0, -0.5, 1e308, -1e308, 5e-324]);
    case 'Boolean':
      return prng.chance(0.5);
    case 'ID':
      return mode === 'plausible' && pools.ids.length > 0
        ? prng.pick(pools.ids)
        : prng.pick([
            prng.string(24, '0123456789abcdef'),
            crypto.randomUUID(),
            '0',
            ...NASTY_STRINGS,
          ]);
    case 'DateTime':
      return mode === 'plausible'
        ? new Date(Date.now() + prng.int(-30, 400) * 86_400_000).toISOString()
        : prng.pick(DATE_BOUNDARIES);
    default:
      return mode === 'plausible' ? plausibleString(prng, pools, hint) : prng.pick(NASTY_STRINGS);
  }
}

/** A value the type system must refuse for `type` (never valid by coercion). */
export function wrongValue(type: GraphQLInputType, prng: Prng): unknown {
  if (isNonNullType(type) && prng.chance(0.3)) return null;
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) return prng.pick([{ $gt: '' }, 'not a list', [[{ $ne: null }]]]);
  if (isInputObjectType(inner)) return prng.pick(['{"$gt": ""}', 42, true, [1, 2, 3]]);
  if (isEnumType(inner)) return prng.pick(['NOT_A_VALUE', 'customer', 7, { $ne: null }, '']);
  if (isScalarType(inner)) {
    switch (inner.name) {
      case 'Int':
        return prng.pick(['1', 1.5, 2_147_483_648, -2_147_483_649, 1e308, true, { $gt: 0 }, [1]]);
      case 'Float':
        return prng.pick(['1.5', true, { $gt: 0 }, [1]]);
      case 'Boolean':
        return prng.pick(['true', 1, { $ne: null }, [true]]);
      case 'ID':
        return prng.pick([...OPERATOR_OBJECTS, true, 1.5, ['a', 'b']]);
      case 'DateTime':
        return prng.pick([
          'not a date',
          '2024-02-30T25:61:00Z',
          true,
          { $gt: '' },
          ['2030-01-01T00:00:00Z'],
        ]);
      default:
        return prng.pick([...OPERATOR_OBJECTS, 12345, 1.5, false, ['a']]);
    }
  }
  return { $gt: '' };
}

export interface Generated {
  value: unknown;
  /** Whether a part of it must be refused by the type system. */
  wrong: boolean;
}

/**
 * A value for `type`: mostly plausible, sometimes a boundary of the right type,
 * sometimes wrong; input objects get fields left out and unknown ones added.
 */
export function generateValue(
  type: GraphQLInputType,
  prng: Prng,
  pools: ValuePools,
  hint: string,
  depth = 0,
): Generated {
  const mode = prng.weighted([
    [60, 'plausible'],
    [28, 'boundary'],
    [12, 'wrong'],
  ] as const);
  if (mode === 'wrong') return { value: wrongValue(type, prng), wrong: true };
  const nonNull = isNonNullType(type);
  const inner = nonNull ? type.ofType : type;
  if (!nonNull && prng.chance(0.15)) return { value: null, wrong: false };
  if (isListType(inner)) {
    const length = prng.weighted([
      [5, 0],
      [5, 1],
      [2, 50],
      [1, 5_000],
    ] as const);
    const items = Array.from({ length }, () =>
      generateValue(inner.ofType, prng, pools, hint, depth + 1),
    );
    return { value: items.map((item) => item.value), wrong: items.some((item) => item.wrong) };
  }
  if (isInputObjectType(inner)) {
    const result: Record<string, unknown> = {};
    let wrong = false;
    for (const field of Object.values(inner.getFields())) {
      const required = isNonNullType(field.type) && field.defaultValue === undefined;
      if (!required && prng.chance(0.4)) continue;
      if (required && prng.chance(0.03)) {
        wrong = true;
        continue;
      }
      const generated = generateValue(field.type, prng, pools, field.name, depth + 1);
      result[field.name] = generated.value;
      wrong ||= generated.wrong;
    }
    if (prng.chance(0.05)) {
      // defineProperty: assigning `__proto__` would set the prototype instead of adding a key.
      Object.defineProperty(result, prng.pick(['$where', 'unknownField', '__proto__', 'roles']), {
        value: prng.pick(OPERATOR_OBJECTS),
        enumerable: true,
      });
      wrong = true;
    }
    return { value: result, wrong };
  }
  if (isEnumType(inner)) {
    return { value: prng.pick(inner.getValues()).name, wrong: false };
  }
  if (isScalarType(inner)) {
    return { value: scalarValue(inner.name, prng, pools, hint, mode), wrong: false };
  }
  return { value: null, wrong: false };
}
