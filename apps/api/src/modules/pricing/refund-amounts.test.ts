import { describe, expect, it } from 'vitest';
import { lineRefunds, paidForUnits } from './refund-amounts';

/** A small deterministic generator, so a failure names a seed that reproduces it. */
function random(seed: number) {
  let s = seed >>> 0;
  return (n: number) => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s % n;
  };
}

describe('what a refund of lines gives back', () => {
  it('when 2,000 random baskets with random discounts are refunded unit by unit in random chunks, then the refunds add up to exactly what the items were paid, never more', () => {
    for (let seed = 1; seed <= 2000; seed++) {
      const r = random(seed);
      const ordered = Array.from({ length: 1 + r(6) }, (_, i) => ({ variantId: `v${i}`, price: 100 + r(200_000), quantity: 1 + r(8) }));
      const itemTotal = ordered.reduce((s, l) => s + l.price * l.quantity, 0);
      const order = { itemTotal, discount: r(3) === 0 ? 0 : r(itemTotal + 1) };
      const refunded = new Map<string, number>();
      let given = 0;
      for (const line of ordered) {
        while ((refunded.get(line.variantId) ?? 0) < line.quantity) {
          const left = line.quantity - (refunded.get(line.variantId) ?? 0);
          const quantity = 1 + r(left);
          const result = lineRefunds(order, ordered, [{ variantId: line.variantId, quantity }], refunded);
          if ('refusal' in result) throw new Error(`seed ${seed}: refused ${JSON.stringify(result.refusal)}`);
          given += result.lines.reduce((s, l) => s + l.amount, 0);
          refunded.set(line.variantId, (refunded.get(line.variantId) ?? 0) + quantity);
        }
      }
      const paidForItems = ordered.reduce((s, l) => s + paidForUnits(order, l.price, l.quantity), 0);
      expect(given, `seed ${seed}`).toBe(paidForItems);
      expect(given, `seed ${seed}`).toBeLessThanOrEqual(itemTotal - order.discount);
      // Rounding keeps under a paisa per line for the shop, never more.
      expect(itemTotal - order.discount - given, `seed ${seed}`).toBeLessThan(ordered.length);
    }
  });

  it('when a line is asked back beyond what is left, then it is refused naming what is left', () => {
    const ordered = [{ variantId: 'a', price: 5000, quantity: 2 }];
    expect(lineRefunds({ itemTotal: 10000, discount: 0 }, ordered, [{ variantId: 'a', quantity: 1 }, { variantId: 'a', quantity: 1 }], new Map([['a', 1]]))).toEqual({
      refusal: { code: 'line_over_refunded', variantId: 'a', refundable: 1 },
    });
  });
});
