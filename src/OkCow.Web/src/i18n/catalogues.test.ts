import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLIENT_CODES, KNOWN_CODES } from '../api/problem';
import en from './en';
import ko from './ko';

// Every code a problem answer of the API can carry, as the OpenAPI document lists them per route and status.
function documentCodes(): string[] {
  const text = readFileSync(resolve(import.meta.dirname, '../api/openapi.json'), 'utf8');
  const codes = new Set<string>();
  JSON.parse(text, (key, value: unknown) => {
    if (key === 'code' && typeof value === 'object' && value !== null && Array.isArray((value as { enum?: unknown }).enum)) {
      for (const code of (value as { enum: unknown[] }).enum) codes.add(String(code));
    }
    return value;
  });
  return [...codes].sort();
}

type Tree = { [key: string]: string | Tree };

function paths(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) => (typeof value === 'string' ? [`${prefix}${key}`] : paths(value, `${prefix}${key}.`)));
}

describe('catalogues', () => {
  it('have the same keys in Korean and English', () => {
    expect(paths(en as Tree).sort()).toEqual(paths(ko as Tree).sort());
  });

  it.each([...KNOWN_CODES, ...CLIENT_CODES])('explain %s in words in both languages', (code) => {
    const koText = ko.problem.codes[code];
    const enText = en.problem.codes[code];
    expect(koText.length).toBeGreaterThan(8);
    expect(enText.length).toBeGreaterThan(8);
    expect(koText).not.toContain(code);
    expect(koText).not.toBe(enText);
  });

  it('explain every code the OpenAPI document says the API can answer', () => {
    const codes = documentCodes();
    expect(codes.length).toBeGreaterThan(15);
    expect(codes.filter((code) => !(KNOWN_CODES as readonly string[]).includes(code))).toEqual([]);
  });

  it('have every SPEC error code and no other', () => {
    expect(Object.keys(ko.problem.codes).sort()).toEqual([...KNOWN_CODES, ...CLIENT_CODES].sort());
  });
});
