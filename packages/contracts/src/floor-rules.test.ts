import { describe, expect, it } from 'vitest';
import { compareWalk, ean13CheckDigit, isEan13, parseBin, type WalkPlace } from './floor-rules';

describe('EAN-13', () => {
  it.each([
    ['4006381333931', true],
    ['8901030865275', true],
    ['8901030865278', false],
    ['890103086527', false],
    ['89010308652781', false],
    ['890103086527a', false],
  ])('when the code is %s, then valid is %s', (code, valid) => {
    expect(isEan13(code)).toBe(valid);
  });

  it('when the check digit is computed, then it matches the GS1 example', () => {
    expect(ean13CheckDigit('400638133393')).toBe(1);
  });
});

describe('bins and the walking order', () => {
  it('when a bin is parsed, then aisle and shelf are numbers; anything else is null', () => {
    expect(parseBin('D-03-B-2')).toEqual({ zone: 'D', aisle: 3, rack: 'B', shelf: 2 });
    expect(parseBin('D-3-B-2')).toBeNull();
    expect(parseBin('d-03-b-2')).toBeNull();
  });

  it('when lines are walked, then ambient by zone, aisle, rack, shelf; then chilled; then frozen; unplaced last in each', () => {
    const lines: Array<WalkPlace & { id: string }> = [
      { id: 'frozen', temperature: 'frozen', bin: 'F-01-A-1' },
      { id: 'chilled', temperature: 'chilled', bin: 'R-01-A-1' },
      { id: 'amb-unplaced', temperature: 'ambient', bin: null },
      { id: 'amb-B10', temperature: 'ambient', bin: 'B-10-A-1' },
      { id: 'amb-B09', temperature: 'ambient', bin: 'B-09-C-3' },
      { id: 'amb-A02-shelf10', temperature: 'ambient', bin: 'A-02-A-10' },
      { id: 'amb-A02-shelf2', temperature: 'ambient', bin: 'A-02-A-2' },
      { id: 'amb-A02-rackB', temperature: 'ambient', bin: 'A-02-B-1' },
    ];
    expect([...lines].sort(compareWalk).map((l) => l.id)).toEqual([
      'amb-A02-shelf2',
      'amb-A02-shelf10',
      'amb-A02-rackB',
      'amb-B09',
      'amb-B10',
      'amb-unplaced',
      'chilled',
      'frozen',
    ]);
  });
});
