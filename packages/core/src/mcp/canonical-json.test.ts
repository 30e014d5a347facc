import { describe, expect, it } from 'vitest';
import { canonicalStringify, toolParameters } from './canonical-json.js';

describe('canonical JSON', () => {
  it('sorts keys all the way down and keeps array order', () => {
    expect(canonicalStringify({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}');
  });

  it('gives equal strings for equal values built in different orders', () => {
    const one = { type: 'object', properties: { text: { type: 'string' }, count: { type: 'integer' } }, required: ['text'] };
    const two = { required: ['text'], properties: { count: { type: 'integer' }, text: { type: 'string' } }, type: 'object' };
    expect(canonicalStringify(one)).toBe(canonicalStringify(two));
  });

  it('drops undefined members as JSON does', () => {
    expect(canonicalStringify({ a: undefined, b: [undefined] })).toBe('{"b":[null]}');
  });
});

describe('toolParameters', () => {
  it('sorts `required`, drops `$schema`, keeps a property named like a keyword', () => {
    const parameters = toolParameters({
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      required: ['b', 'a'],
      properties: { required: { type: 'boolean' }, a: { type: 'string' }, b: { type: 'object', properties: {}, required: ['y', 'x'] } },
    });
    expect(JSON.stringify(parameters)).toBe(
      '{"properties":{"a":{"type":"string"},"b":{"properties":{},"required":["x","y"],"type":"object"},"required":{"type":"boolean"}},"required":["a","b"],"type":"object"}',
    );
  });

  it('makes an object schema of what a server leaves out', () => {
    expect(toolParameters(undefined)).toEqual({ properties: {}, type: 'object' });
    expect(toolParameters({ type: 'object' })).toEqual({ properties: {}, type: 'object' });
  });
});
