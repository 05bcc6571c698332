import { describe, expect, it } from 'vitest';
import { CLIENT_CODES, KNOWN_CODES } from '../api/problem';
import en from './en';
import ko from './ko';

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

  it('have every SPEC error code and no other', () => {
    expect(Object.keys(ko.problem.codes).sort()).toEqual([...KNOWN_CODES, ...CLIENT_CODES].sort());
  });
});
